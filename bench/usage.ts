/**
 * `npm run bench:usage [-- EVENTS]`: usage query latency for one customer-month over a large
 * event table (default 10,000,000 events, 1,000 customers, 30 days) on PostgreSQL, through
 * `POST /v1/usage` on a live server, next to the same aggregate run directly through `pg`.
 * Also measures how long the server's roller takes to fold the loaded events into the metric's
 * hourly rollup, checks the rollup answer equals the raw aggregate, and measures how long an
 * ingested event takes to show in `/v1/usage`.
 */
import pg from 'pg'
import { createTestDatabase } from '../test/support/databases.js'
import { startLiveServer } from '../test/support/live-server.js'

const TOKEN = 'bench-token'
const EVENTS = Number(process.argv[2] ?? 10_000_000)
const CUSTOMERS = 1000
const SAMPLES = 200

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

const database = await createTestDatabase('postgres')
const server = await startLiveServer({
  METRUM_API_TOKEN: TOKEN,
  DATABASE_URL: database.databaseUrl!,
})
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.baseURL}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.status === 200 && response.headers.get('content-type') ? response.json() : null
}
try {
  const customerIds: string[] = []
  for (let i = 0; i < CUSTOMERS; i += 1) {
    const created = (await post('/v1/customers', {
      name: `c${i}`,
      ingest_aliases: [`customer-${i}`],
    })) as { data: { id: string } }
    customerIds.push(created.data.id)
  }
  const metric = (await post('/v1/billable-metrics/create', {
    name: 'tokens',
    aggregation_type: 'SUM',
    aggregation_key: 'tokens',
    event_type_filter: { in_values: ['completion'] },
    property_filters: [
      { name: 'tokens', exists: true },
      { name: 'model', exists: true },
    ],
    group_keys: [['model']],
  })) as { data: { id: string } }

  const monthEnd = new Date()
  monthEnd.setUTCHours(0, 0, 0, 0)
  const monthStart = new Date(monthEnd.getTime() - 30 * 86_400_000)
  const client = new pg.Client(database.databaseUrl!)
  await client.connect()
  const clientId = (await client.query('SELECT id FROM clients LIMIT 1')).rows[0].id as string
  const loadStarted = performance.now()
  await client.query(
    `INSERT INTO events (client_id, transaction_id, customer_ref, event_type, ts, properties, received_at)
     SELECT $1, 'bench-' || g, 'customer-' || (g % ${CUSTOMERS}),
       CASE WHEN g % 4 = 0 THEN 'embedding' ELSE 'completion' END,
       $2::timestamptz + ((g::bigint * 2592000000) / $3) * interval '1 millisecond',
       jsonb_build_object('tokens', (g % 997)::text, 'model', CASE WHEN g % 2 = 0 THEN 'large' ELSE 'small' END),
       now()
     FROM generate_series(1, $3) AS g`,
    [clientId, monthStart.toISOString(), EVENTS],
  )
  await client.query('ANALYZE events')
  const loadSeconds = (performance.now() - loadStarted) / 1000
  console.log(`loaded ${EVENTS.toLocaleString('en-US')} events in ${loadSeconds.toFixed(0)} s`)

  // The server's roller folds the new events into the hourly rollup behind ingest.
  const rollStarted = performance.now()
  for (;;) {
    const progress = await client.query(
      `SELECT (SELECT rolled_up_through FROM billable_metrics WHERE id = $1) AS rolled,
              (SELECT max(seq) FROM events) AS latest`,
      [metric.data.id],
    )
    if (progress.rows[0].rolled === progress.rows[0].latest) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const rollSeconds = (performance.now() - rollStarted) / 1000
  await client.query('ANALYZE usage_rollups')
  const rollupRows = (await client.query('SELECT count(*)::int AS n FROM usage_rollups')).rows[0].n
  console.log(
    `rolled up ${EVENTS.toLocaleString('en-US')} events in ${rollSeconds.toFixed(0)} s ` +
      `(${Math.round(EVENTS / rollSeconds).toLocaleString('en-US')} events/s, ${rollupRows.toLocaleString('en-US')} rollup rows)`,
  )

  const measure = async (label: string, body: (customerId: string) => unknown) => {
    const times: number[] = []
    for (let i = 0; i < SAMPLES; i += 1) {
      const customerId = customerIds[(i * 37) % CUSTOMERS]!
      const started = performance.now()
      await post('/v1/usage', body(customerId))
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    console.log(
      `${label}: p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms (${SAMPLES} queries, target p99 ≤ 50 ms)`,
    )
  }
  const range = { starting_on: monthStart.toISOString(), ending_before: monthEnd.toISOString() }
  await measure('usage, one customer-month, NONE', (id) => ({
    ...range,
    window_size: 'NONE',
    customer_ids: [id],
    billable_metrics: [{ id: metric.data.id }],
  }))
  await measure('usage, one customer-month, DAY windows grouped by model', (id) => ({
    ...range,
    window_size: 'DAY',
    customer_ids: [id],
    billable_metrics: [{ id: metric.data.id, group_by: { key: 'model' } }],
  }))

  const ceiling = async (label: string, text: string, refs: (i: number) => string[]) => {
    const times: number[] = []
    for (let i = 0; i < SAMPLES; i += 1) {
      const started = performance.now()
      await client.query(text, [clientId, refs(i), range.starting_on, range.ending_before])
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    console.log(
      `${label}: p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms`,
    )
  }
  const refsOf = (i: number) => [
    `customer-${(i * 37) % CUSTOMERS}`,
    customerIds[(i * 37) % CUSTOMERS]!,
  ]
  const rawAggregate = `SELECT coalesce(sum((properties->>'tokens')::numeric), 0)::text AS v FROM events
    WHERE client_id = $1 AND customer_ref = ANY($2) AND ts >= $3 AND ts < $4 AND event_type = 'completion'`
  const rollupAggregate = `SELECT coalesce(sum(value_sum), 0)::text AS v FROM usage_rollups
    WHERE client_id = $1 AND metric_id = '${metric.data.id}' AND customer_ref = ANY($2)
      AND hour >= $3 AND hour < $4`
  await ceiling('raw pg, same aggregate over raw events', rawAggregate, refsOf)
  await ceiling('raw pg, same aggregate over the rollup', rollupAggregate, refsOf)

  // Exactness: the API's answer equals the raw aggregate for a sample of customers.
  for (let i = 0; i < 20; i += 1) {
    const expected = (
      await client.query(rawAggregate, [
        clientId,
        refsOf(i),
        range.starting_on,
        range.ending_before,
      ])
    ).rows[0].v as string
    const answer = (await post('/v1/usage', {
      ...range,
      window_size: 'NONE',
      customer_ids: [customerIds[(i * 37) % CUSTOMERS]],
      billable_metrics: [{ id: metric.data.id }],
    })) as { data: Array<{ value: number }> }
    if (String(answer.data[0]!.value) !== expected) {
      throw new Error(`usage ${answer.data[0]!.value} differs from the raw aggregate ${expected}`)
    }
  }
  console.log('exact: /v1/usage equals the raw aggregate for 20 sampled customers')
  await client.end()

  // Freshness: an event acknowledged by /v1/ingest shows in /v1/usage right away.
  const now = new Date(monthEnd.getTime() - 1000).toISOString()
  const before = (await post('/v1/usage', {
    ...range,
    window_size: 'NONE',
    customer_ids: [customerIds[0]],
    billable_metrics: [{ id: metric.data.id }],
  })) as { data: Array<{ value: number }> }
  const started = performance.now()
  await post('/v1/ingest', [
    {
      transaction_id: 'fresh-1',
      customer_id: 'customer-0',
      event_type: 'completion',
      timestamp: now,
      properties: { tokens: '5', model: 'large' },
    },
  ])
  let visibleMs = -1
  while (performance.now() - started < 5000) {
    const after = (await post('/v1/usage', {
      ...range,
      window_size: 'NONE',
      customer_ids: [customerIds[0]],
      billable_metrics: [{ id: metric.data.id }],
    })) as { data: Array<{ value: number }> }
    if (after.data[0]!.value === before.data[0]!.value + 5) {
      visibleMs = performance.now() - started
      break
    }
  }
  console.log(
    `freshness: ingested event visible in /v1/usage after ${visibleMs.toFixed(1)} ms (target ≤ 1000 ms)`,
  )
} finally {
  await server.stop()
  await database.drop()
}
