/** Metering through the official @metronome/sdk against a live server on loopback. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

describe('metering through @metronome/sdk', () => {
  const live = useLiveSdk('metering')
  const day = new Date(Date.now() - 2 * 86_400_000)
  day.setUTCHours(0, 0, 0, 0)
  const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000).toISOString()

  test('customers: create, retrieve, list, setName, setIngestAliases, updateConfig, archive', async () => {
    const { client } = live
    const created = await client.v1.customers.create({ name: 'SDK Co', ingest_aliases: ['sdk-co'] })
    const id = created.data.id
    assert.deepEqual(created.data.ingest_aliases, ['sdk-co'])
    const renamed = await client.v1.customers.setName({ customer_id: id, name: 'SDK Company' })
    assert.equal(renamed.data.name, 'SDK Company')
    await client.v1.customers.setIngestAliases({
      customer_id: id,
      ingest_aliases: ['sdk-co', 'sdk-co-2'],
    })
    await client.v1.customers.updateConfig({ customer_id: id, salesforce_account_id: 'sf-9' })
    const detail = await client.v1.customers.retrieve({ customer_id: id })
    assert.deepEqual(detail.data.ingest_aliases, ['sdk-co', 'sdk-co-2'])
    assert.equal(detail.data.customer_config.salesforce_account_id, 'sf-9')
    const listed = []
    for await (const customer of client.v1.customers.list({ ingest_alias: 'sdk-co-2' }))
      listed.push(customer.id)
    assert.deepEqual(listed, [id])
    await assert.rejects(
      client.v1.customers.create({ name: 'Dup', ingest_aliases: ['sdk-co'] }),
      (error: unknown) => error instanceof Metronome.ConflictError,
    )
    const other = await client.v1.customers.create({ name: 'Archive me' })
    assert.deepEqual((await client.v1.customers.archive({ id: other.data.id })).data, {
      id: other.data.id,
    })
  })

  test('billable metrics, ingest, usage, usage groups and event search', async () => {
    const { client } = live
    const customer = await client.v1.customers.create({
      name: 'Usage SDK',
      ingest_aliases: ['usage-sdk'],
    })
    const metric = await client.v1.billableMetrics.create({
      name: 'tokens',
      aggregation_type: 'SUM',
      aggregation_key: 'tokens',
      event_type_filter: { in_values: ['completion'] },
      property_filters: [
        { name: 'tokens', exists: true },
        { name: 'model', exists: true },
      ],
      group_keys: [['model']],
    })
    const retrieved = await client.v1.billableMetrics.retrieve({
      billable_metric_id: metric.data.id,
    })
    assert.equal(retrieved.data.aggregation_type, 'SUM')
    const metricIds = []
    for await (const item of client.v1.billableMetrics.list()) metricIds.push(item.id)
    assert.ok(metricIds.includes(metric.data.id))
    const forCustomer = []
    for await (const item of client.v1.customers.listBillableMetrics({
      customer_id: customer.data.id,
    })) {
      forCustomer.push(item.id)
    }
    assert.ok(forCustomer.includes(metric.data.id))

    await client.v1.usage.ingest({
      usage: [
        {
          transaction_id: 's1',
          customer_id: 'usage-sdk',
          event_type: 'completion',
          timestamp: at(1),
          properties: { tokens: 100, model: 'a' },
        },
        {
          transaction_id: 's2',
          customer_id: customer.data.id,
          event_type: 'completion',
          timestamp: at(2),
          properties: { tokens: '50', model: 'b' },
        },
        {
          transaction_id: 's2',
          customer_id: customer.data.id,
          event_type: 'completion',
          timestamp: at(2),
          properties: { tokens: 999, model: 'b' },
        },
        {
          transaction_id: 's3',
          customer_id: 'usage-sdk',
          event_type: 'other',
          timestamp: at(3),
          properties: { tokens: 7, model: 'a' },
        },
      ],
    })
    await client.v1.usage.ingest()

    const rows = []
    for await (const row of client.v1.usage.list({
      starting_on: at(0),
      ending_before: at(24),
      window_size: 'DAY',
      customer_ids: [customer.data.id],
      billable_metrics: [{ id: metric.data.id, group_by: { key: 'model' } }],
    })) {
      rows.push(row)
    }
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.value, 150)
    assert.deepEqual(rows[0]!.groups, { a: 100, b: 50 })

    const groups = []
    for await (const row of client.v1.usage.listWithGroups({
      customer_id: customer.data.id,
      billable_metric_id: metric.data.id,
      window_size: 'NONE',
      starting_on: at(0),
      ending_before: at(24),
      group_key: ['model'],
    })) {
      groups.push([row.group, row.value])
    }
    assert.deepEqual(groups, [
      [{ model: 'a' }, 100],
      [{ model: 'b' }, 50],
    ])

    const found = await client.v1.usage.search({ transactionIds: ['s2', 's3', 'nope'] })
    const duplicates = found.filter((event) => event.is_duplicate)
    assert.deepEqual(
      duplicates.map((event) => [event.transaction_id, event.properties]),
      [['s2', { tokens: 999, model: 'b' }]],
    )
    const byId = Object.fromEntries(
      found.filter((event) => !event.is_duplicate).map((event) => [event.transaction_id, event]),
    )
    assert.deepEqual(Object.keys(byId).sort(), ['s2', 's3'])
    assert.deepEqual(byId['s2']!.properties, { tokens: '50', model: 'b' })
    assert.equal(byId['s2']!.matched_customer?.id, customer.data.id)
    assert.deepEqual(
      byId['s2']!.matched_billable_metrics?.map((m) => m.id),
      [metric.data.id],
    )
    assert.deepEqual(byId['s3']!.matched_billable_metrics, [])

    await client.v1.billableMetrics.archive({ id: metric.data.id })
    const archived = await client.v1.billableMetrics.retrieve({
      billable_metric_id: metric.data.id,
    })
    assert.ok(archived.data.archived_at)
  })

  test('a bad batch is a BadRequestError naming the event and field', async () => {
    const { client } = live
    await assert.rejects(
      client.v1.usage.ingest({
        usage: [
          { transaction_id: 'x', customer_id: 'c', event_type: 'e', timestamp: 'not a time' },
        ],
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /body\[0\]\.timestamp/.test(error.message),
    )
  })
})
