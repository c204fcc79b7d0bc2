/**
 * Metering end to end through the HTTP edge: metrics, ingest, aliases, and `POST /v1/usage`
 * values per aggregation, window and group.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { databaseKinds } from '../support/databases.js'
import { requestJson, startTestApp, useTestApp } from '../support/app.js'

const day = new Date(Date.now() - 3 * 86_400_000)
day.setUTCHours(0, 0, 0, 0)
const at = (hours: number, minutes = 0) =>
  new Date(day.getTime() + hours * 3_600_000 + minutes * 60_000).toISOString()

for (const kind of await databaseKinds()) {
  describe(`usage on ${kind}`, () => {
    const t = useTestApp(kind)
    let customerId: string
    const metricIds: Record<string, string> = {}
    before(async () => {
      customerId = (
        await call('POST', '/v1/customers', { name: 'Usage Co', ingest_aliases: ['usage-co'] })
      ).body.data.id
      const metric = async (name: string, body: Record<string, unknown>) => {
        const response = await call('POST', '/v1/billable-metrics/create', { name, ...body })
        assert.equal(response.status, 200, JSON.stringify(response.body))
        metricIds[name] = response.body.data.id
      }
      const tokens = { name: 'tokens', exists: true }
      const region = { name: 'region', exists: true }
      await metric('count', {
        aggregation_type: 'COUNT',
        event_type_filter: { in_values: ['call'] },
      })
      await metric('sum', {
        aggregation_type: 'SUM',
        aggregation_key: 'tokens',
        event_type_filter: { in_values: ['call'] },
        property_filters: [tokens, region],
        group_keys: [['region']],
      })
      await metric('max', {
        aggregation_type: 'MAX',
        aggregation_key: 'tokens',
        property_filters: [tokens],
      })
      await metric('unique', {
        aggregation_type: 'UNIQUE',
        aggregation_key: 'user',
        property_filters: [{ name: 'user', exists: true }],
      })
      await metric('latest', {
        aggregation_type: 'LATEST',
        aggregation_key: 'tokens',
        property_filters: [tokens],
      })
      await metric('eu only', {
        aggregation_type: 'COUNT',
        property_filters: [{ name: 'region', in_values: ['eu'] }],
      })
      const events = [
        {
          transaction_id: 'u1',
          customer_id: customerId,
          event_type: 'call',
          timestamp: at(1),
          properties: { tokens: 10, region: 'eu', user: 'a' },
        },
        {
          transaction_id: 'u2',
          customer_id: 'usage-co',
          event_type: 'call',
          timestamp: at(1, 30),
          properties: { tokens: '2.5', region: 'us', user: 'b' },
        },
        {
          transaction_id: 'u3',
          customer_id: 'usage-co',
          event_type: 'call',
          timestamp: at(2),
          properties: { tokens: 7, region: 'eu', user: 'a' },
        },
        {
          transaction_id: 'u4',
          customer_id: 'usage-co',
          event_type: 'other',
          timestamp: at(3),
          properties: { tokens: 100, user: 'c' },
        },
        {
          transaction_id: 'u3',
          customer_id: 'usage-co',
          event_type: 'call',
          timestamp: at(4),
          properties: { tokens: 999, region: 'eu' },
        },
        {
          transaction_id: 'u5',
          customer_id: 'nobody-yet',
          event_type: 'call',
          timestamp: at(5),
          properties: { tokens: 1, region: 'eu' },
        },
      ]
      const ingested = await call('POST', '/v1/ingest', events)
      assert.equal(ingested.status, 200)
    })

    async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
      return requestJson(t, url, payload, { method })
    }

    const usage = async (
      windowSize: string,
      metrics: unknown[],
      range = { starting_on: at(0), ending_before: at(24) },
    ) => {
      const response = await call('POST', '/v1/usage', {
        ...range,
        window_size: windowSize,
        customer_ids: [customerId],
        billable_metrics: metrics,
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.data as Array<{
        value: number | null
        start_timestamp: string
        groups?: Record<string, number | null>
      }>
    }

    test('each aggregation over the whole range (NONE), duplicates counted once', async () => {
      const values: Record<string, number | null> = {}
      for (const name of ['count', 'sum', 'max', 'unique', 'latest', 'eu only']) {
        const rows = await usage('NONE', [{ id: metricIds[name] }])
        assert.equal(rows.length, 1)
        values[name] = rows[0]!.value
      }
      assert.deepEqual(values, {
        count: 3,
        sum: 19.5,
        max: 100,
        unique: 3,
        latest: 100,
        'eu only': 2,
      })
    })

    test('HOUR windows cover the range, empty windows included', async () => {
      const rows = await usage('HOUR', [{ id: metricIds['count'] }])
      assert.equal(rows.length, 24)
      assert.deepEqual(
        rows.slice(0, 4).map((row) => row.value),
        [0, 2, 1, 0],
      )
      assert.equal(rows[1]!.start_timestamp, at(1).replace('.000Z', '.000Z'))
      const max = await usage('DAY', [{ id: metricIds['max'] }], {
        starting_on: at(3, 30),
        ending_before: at(30),
      })
      assert.deepEqual(
        max.map((row) => row.value),
        [null, null],
      )
    })

    test('group_by splits a value by group; listed values appear even when empty', async () => {
      const rows = await usage('NONE', [
        { id: metricIds['sum'], group_by: { key: 'region', values: ['eu', 'us', 'apac'] } },
      ])
      assert.deepEqual(rows[0]!.groups, { eu: 17, us: 2.5, apac: 0 })
      assert.equal(rows[0]!.value, 19.5)
    })

    test('usage sent for an unknown alias counts once the alias is added', async () => {
      const before = await usage('NONE', [{ id: metricIds['count'] }])
      assert.equal(before[0]!.value, 3)
      const set = await call('POST', `/v1/customers/${customerId}/setIngestAliases`, {
        ingest_aliases: ['usage-co', 'nobody-yet'],
      })
      assert.equal(set.status, 200)
      const afterAdding = await usage('NONE', [{ id: metricIds['count'] }])
      assert.equal(afterAdding[0]!.value, 4)
      await call('POST', `/v1/customers/${customerId}/setIngestAliases`, {
        ingest_aliases: ['usage-co'],
      })
    })

    test('bad usage requests are 400s naming the field', async () => {
      const unknownMetric = await call('POST', '/v1/usage', {
        starting_on: at(0),
        ending_before: at(1),
        window_size: 'DAY',
        billable_metrics: [{ id: '00000000-0000-4000-8000-000000000000' }],
      })
      assert.equal(unknownMetric.status, 400)
      assert.match(unknownMetric.body.message, /billable_metrics\[0\]\.id/)
      const badKey = await call('POST', '/v1/usage', {
        starting_on: at(0),
        ending_before: at(1),
        window_size: 'DAY',
        billable_metrics: [{ id: metricIds['count'], group_by: { key: 'region' } }],
      })
      assert.equal(badKey.status, 400)
      assert.match(badKey.body.message, /group_by\.key/)
      const backwards = await call('POST', '/v1/usage', {
        starting_on: at(2),
        ending_before: at(1),
        window_size: 'DAY',
      })
      assert.equal(backwards.status, 400)
      const badWindow = await call('POST', '/v1/usage', {
        starting_on: at(0),
        ending_before: at(1),
        window_size: 'WEEK',
      })
      assert.equal(badWindow.status, 400)
      assert.match(badWindow.body.message, /body\.window_size must be one of/)
    })

    test('metric definitions are validated with the spec messages; nothing is created', async () => {
      const before = (await call('GET', '/v1/billable-metrics?limit=100')).body.data.length
      const badKey = await call('POST', '/v1/billable-metrics/create', {
        name: 'x',
        aggregation_type: 'SUM',
        aggregation_key: 'tokens',
      })
      assert.equal(badKey.status, 400)
      assert.match(
        badKey.body.message,
        /The specified aggregation key must be one of the property filter names/,
      )
      const badGroup = await call('POST', '/v1/billable-metrics/create', {
        name: 'x',
        aggregation_type: 'COUNT',
        group_keys: [['zone']],
      })
      assert.equal(badGroup.status, 400)
      assert.match(badGroup.body.message, /Group key 'zone'/)
      const outsideSubset: Array<[string, RegExp]> = [
        ['DELETE FROM events', /exactly one SELECT/],
        ['SELECT count(*) FROM events; DROP TABLE events', /exactly one SELECT/],
        ['SELECT count(*) FROM customers', /FROM events only/],
        ['SELECT count(*) FROM events e JOIN customers c ON true', /FROM events only/],
        ['SELECT pg_sleep(10) FROM events', /function pg_sleep is not supported/],
        ['SELECT count(*) FROM events WHERE event_type IN (SELECT 1)', /not supported/],
        ['SELECT count(*) FROM events WHERE client_id = 1', /unknown column client_id/],
        ['SELECT count(*) FROM events ORDER BY 1', /ORDER BY is not supported/],
        ['SELECT count(*), event_type || 1 FROM events', /not supported|alias/],
        ['SELEC count(*) FROM events', /not valid SQL/],
      ]
      for (const [text, message] of outsideSubset) {
        const response = await call('POST', '/v1/billable-metrics/create', { name: 'x', sql: text })
        assert.equal(response.status, 400, text)
        assert.match(response.body.message, /^body\.sql /, text)
        assert.match(response.body.message, message, text)
      }
      const mixed = await call('POST', '/v1/billable-metrics/create', {
        name: 'x',
        sql: 'SELECT count(*) FROM events',
        aggregation_type: 'COUNT',
      })
      assert.equal(mixed.status, 400)
      assert.match(mixed.body.message, /cannot be combined with body\.aggregation_type/)
      assert.equal((await call('GET', '/v1/billable-metrics?limit=100')).body.data.length, before)
    })

    test('SQL metrics: the documented subset, scoped to the customer and period', async () => {
      const create = async (sql: string) => {
        const response = await call('POST', '/v1/billable-metrics/create', {
          name: `sql ${sql.length}`,
          sql,
        })
        assert.equal(response.status, 200, `${sql}: ${JSON.stringify(response.body)}`)
        return response.body.data.id as string
      }
      const sumByRegion = await create(
        "SELECT SUM(CAST(properties.tokens AS DECIMAL)) AS value, properties.region AS region FROM events WHERE event_type = 'call' GROUP BY properties.region",
      )
      const distinctRegions = await create('SELECT COUNT(DISTINCT properties.region) FROM events')
      const conditional = await create(
        "SELECT SUM(CASE WHEN properties.region IN ('eu') AND CAST(properties.tokens AS INT) >= 7 THEN 1 ELSE 0 END) AS value FROM events WHERE properties.tokens IS NOT NULL",
      )
      const latest = await create('SELECT LATEST(properties.tokens) AS value FROM events')
      const values: Record<string, number | null> = {}
      for (const [name, id] of Object.entries({
        sumByRegion,
        distinctRegions,
        conditional,
        latest,
      })) {
        values[name] = (await usage('NONE', [{ id }]))[0]!.value
      }
      // Same events as above: u1 (10, eu), u2 (2.5, us), u3 (7, eu), u4 other (100); u5 is not this customer's.
      assert.deepEqual(values, {
        sumByRegion: 19.5,
        distinctRegions: 2,
        conditional: 2,
        latest: 100,
      })
      const grouped = await usage('NONE', [{ id: sumByRegion, group_by: { key: 'region' } }])
      assert.deepEqual(grouped[0]!.groups, { eu: 17, us: 2.5 })
      const hours = await usage('HOUR', [{ id: distinctRegions }])
      assert.deepEqual(
        hours.slice(0, 4).map((row) => row.value),
        [0, 2, 1, 0],
      )
      const got = (await call('GET', `/v1/billable-metrics/${latest}`)).body.data
      assert.equal(got.sql, 'SELECT LATEST(properties.tokens) AS value FROM events')
    })

    test('legacy create: a JSON-Schema filter in the supported subset', async () => {
      const created = await call('POST', '/v1/billable-metrics', {
        name: 'legacy eu tokens',
        aggregate: 'SUM',
        aggregate_key: 'tokens',
        filter: {
          type: 'object',
          properties: {
            event_type: { enum: ['call'] },
            properties: {
              type: 'object',
              properties: { region: { enum: ['eu'] } },
              required: ['tokens'],
            },
          },
        },
        group_keys: ['region'],
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const id = created.body.data.id
      assert.equal((await usage('NONE', [{ id }]))[0]!.value, 17)
      const got = (await call('GET', `/v1/billable-metrics/${id}`)).body.data
      assert.deepEqual(got.event_type_filter, { in_values: ['call'] })
      assert.deepEqual(got.group_keys, [['region']])
      const unsupported = await call('POST', '/v1/billable-metrics', {
        name: 'x',
        aggregate: 'COUNT',
        filter: { properties: { properties: { properties: { n: { minimum: 3 } } } } },
      })
      assert.equal(unsupported.status, 400)
      assert.match(unsupported.body.message, /^body\.filter: .*minimum is not supported/)
    })

    test('metrics read back in the BillableMetric shape; rename and archive', async () => {
      const got = (await call('GET', `/v1/billable-metrics/${metricIds['sum']}`)).body.data
      assert.deepEqual(got, {
        id: metricIds['sum'],
        name: 'sum',
        aggregation_type: 'SUM',
        aggregation_key: 'tokens',
        event_type_filter: { in_values: ['call'] },
        property_filters: [
          { name: 'tokens', exists: true },
          { name: 'region', exists: true },
        ],
        group_keys: [['region']],
        custom_fields: {},
      })
      assert.equal(
        (
          await call('POST', '/v1/billable-metrics/create', {
            name: 'temp',
            aggregation_type: 'COUNT',
          })
        ).status,
        200,
      )
      const temp = (await call('GET', '/v1/billable-metrics?limit=100')).body.data.find(
        (m: { name: string }) => m.name === 'temp',
      )
      const renamed = await t.fastify.inject({
        method: 'PUT',
        url: `/v1/billable-metrics/${temp.id}`,
        headers: { authorization: `Bearer ${t.token}` },
        payload: { name: 'renamed' },
      })
      assert.deepEqual(renamed.json(), { data: { id: temp.id } })
      assert.equal(
        (await call('POST', '/v1/billable-metrics/archive', { id: temp.id })).status,
        200,
      )
      const archived = (await call('GET', `/v1/billable-metrics/${temp.id}`)).body.data
      assert.equal(archived.name, 'renamed')
      assert.ok(archived.archived_at)
      const listed = (await call('GET', '/v1/billable-metrics?limit=100')).body.data.map(
        (m: { id: string }) => m.id,
      )
      assert.ok(!listed.includes(temp.id))
      const withArchived = (
        await call('GET', '/v1/billable-metrics?limit=100&include_archived=true')
      ).body.data.map((m: { id: string }) => m.id)
      assert.ok(withArchived.includes(temp.id))
      const forCustomer = (await call('GET', `/v1/customers/${customerId}/billable-metrics`)).body
        .data
      const sum = forCustomer.find((m: { id: string }) => m.id === metricIds['sum'])
      assert.equal(sum.aggregate, 'SUM')
      assert.deepEqual(sum.group_by, ['region'])
      assert.equal(
        (await call('GET', '/v1/billable-metrics/00000000-0000-4000-8000-000000000000')).status,
        404,
      )
    })
  })
}

describe('usage groups (compound keys)', async () => {
  const kinds = await databaseKinds()
  for (const kind of kinds) {
    test(`simple and compound group keys, filters, paging on ${kind}`, async () => {
      const t = await startTestApp(kind)
      try {
        const call = (url: string, payload: unknown) => requestJson(t, url, payload)
        const customerId = (await call('/v1/customers', { name: 'G' })).body.data.id
        const metricId = (
          await call('/v1/billable-metrics/create', {
            name: 'calls',
            aggregation_type: 'COUNT',
            property_filters: [
              { name: 'region', exists: true },
              { name: 'team', exists: true },
            ],
            group_keys: [['region'], ['region', 'team']],
          })
        ).body.data.id
        const events = [
          ['eu', 'ui', 1],
          ['eu', 'ui', 2],
          ['eu', 'api', 3],
          ['us', 'ui', 26],
        ].map(([region, team, hour], i) => ({
          transaction_id: `g${i}`,
          customer_id: customerId,
          event_type: 'x',
          timestamp: at(Number(hour)),
          properties: { region, team },
        }))
        assert.equal((await call('/v1/ingest', events)).status, 200)
        const range = {
          customer_id: customerId,
          billable_metric_id: metricId,
          starting_on: at(0),
          ending_before: at(48),
        }
        const simple = await call('/v1/usage/groups', {
          ...range,
          window_size: 'DAY',
          group_key: ['region'],
        })
        assert.equal(simple.status, 200)
        assert.deepEqual(
          simple.body.data.map(
            (row: { group_key: string; group_value: string; group: object; value: number }) => [
              row.group_key,
              row.group_value,
              row.group,
              row.value,
            ],
          ),
          [
            ['region', 'eu', { region: 'eu' }, 3],
            ['region', 'us', { region: 'us' }, 1],
          ],
        )
        const compound = await call('/v1/usage/groups', {
          ...range,
          window_size: 'NONE',
          group_key: ['team', 'region'],
          group_filters: { region: ['eu'] },
        })
        assert.deepEqual(
          compound.body.data.map((row: { group_key: null; group: object; value: number }) => [
            row.group_key,
            row.group,
            row.value,
          ]),
          [
            [null, { team: 'api', region: 'eu' }, 1],
            [null, { team: 'ui', region: 'eu' }, 2],
          ],
        )
        const paged = await t.fastify.inject({
          method: 'POST',
          url: '/v1/usage/groups?limit=1',
          headers: { authorization: `Bearer ${t.token}` },
          payload: { ...range, window_size: 'NONE', group_key: ['region'] },
        })
        assert.equal(paged.json().data.length, 1)
        assert.ok(paged.json().next_page)
        const partial = await call('/v1/usage/groups', {
          ...range,
          window_size: 'NONE',
          group_key: ['team'],
        })
        assert.equal(partial.status, 400)
        assert.match(partial.body.message, /group_key/)
        const current = await call('/v1/usage/groups', {
          customer_id: customerId,
          billable_metric_id: metricId,
          window_size: 'DAY',
          current_period: true,
        })
        assert.equal(current.status, 400)
      } finally {
        await t.close()
      }
    })
  }
})
