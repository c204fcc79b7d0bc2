/** Contract-pricing products through the official @metronome/sdk against a live server. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

describe('products through @metronome/sdk', () => {
  const live = useLiveSdk('products')
  test('create, retrieve, update, list and archive', async () => {
    const { client } = live
    const products = client.v1.contracts.products
    const metric = await client.v1.billableMetrics.create({
      name: 'gigabytes',
      aggregation_type: 'SUM',
      aggregation_key: 'bytes',
      property_filters: [
        { name: 'bytes', exists: true },
        { name: 'region', exists: true },
      ],
      group_keys: [['region']],
    })
    const created = await products.create({
      name: 'Storage',
      type: 'USAGE',
      billable_metric_id: metric.data.id,
      pricing_group_key: ['region'],
      quantity_conversion: { conversion_factor: 1024, operation: 'DIVIDE' },
      quantity_rounding: { rounding_method: 'ROUND_HALF_UP', decimal_places: 3 },
      custom_fields: { sku: 'st-1' },
    })
    const id = created.data.id

    const scheduled = await products.update({
      product_id: id,
      starting_at: '2100-01-01T00:00:00.000Z',
      name: 'Storage (GB)',
    })
    assert.deepEqual(scheduled.data, { id })
    const retro = await products.update({
      product_id: id,
      starting_at: '2020-01-01T00:00:00.000Z',
      tags: ['storage'],
    })
    assert.deepEqual(retro.data, { id })

    const retrieved = (await products.retrieve({ id })).data
    assert.equal(retrieved.type, 'USAGE')
    assert.equal(retrieved.initial.name, 'Storage')
    assert.equal(retrieved.current.name, 'Storage', 'the rename is scheduled for 2100')
    assert.deepEqual(retrieved.current.tags, ['storage'], 'the retroactive edit is in force')
    assert.equal(retrieved.current.billable_metric_id, metric.data.id)
    assert.deepEqual(retrieved.current.quantity_conversion, {
      conversion_factor: 1024,
      operation: 'DIVIDE',
    })
    assert.deepEqual(retrieved.current.quantity_rounding, {
      rounding_method: 'ROUND_HALF_UP',
      decimal_places: 3,
    })
    assert.deepEqual(
      retrieved.updates.map(({ name, tags, starting_at }) => ({ name, tags, starting_at })),
      [
        { name: 'Storage (GB)', tags: undefined, starting_at: '2100-01-01T00:00:00.000Z' },
        { name: undefined, tags: ['storage'], starting_at: '2020-01-01T00:00:00.000Z' },
      ],
    )
    assert.equal(retrieved.updates[0]!.created_by, 'METRUM_API_TOKEN')
    assert.deepEqual(retrieved.custom_fields, { sku: 'st-1' })

    const fee = await products.create({ name: 'Platform fee', type: 'FIXED' })
    const listed = []
    for await (const product of products.list({ limit: 1 })) listed.push(product.id)
    assert.deepEqual(listed, [id, fee.data.id], 'the SDK follows next_page one product at a time')

    const archived = await products.archive({ product_id: fee.data.id })
    assert.deepEqual(archived.data, { id: fee.data.id })
    const notArchived = []
    for await (const product of products.list()) notArchived.push(product.id)
    assert.deepEqual(notArchived, [id])
    const onlyArchived = []
    for await (const product of products.list({ archive_filter: 'ARCHIVED' })) {
      onlyArchived.push([product.id, typeof product.archived_at])
    }
    assert.deepEqual(onlyArchived, [[fee.data.id, 'string']])

    await assert.rejects(
      products.update({ product_id: id, starting_at: '2100-01-01T00:30:00.000Z', name: 'x' }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /body\.starting_at/.test(error.message),
    )
    await assert.rejects(
      products.retrieve({ id: '00000000-0000-4000-8000-000000000000' }),
      (error: unknown) => error instanceof Metronome.NotFoundError,
    )
    await assert.rejects(
      products.create({ name: 'No metric', type: 'USAGE' }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError &&
        /body\.billable_metric_id/.test(error.message),
    )
  })
})
