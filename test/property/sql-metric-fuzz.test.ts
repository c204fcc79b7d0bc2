/**
 * SQL billable metrics built from random pieces of the documented subset (and some outside it):
 * creating one answers 200 or 400, and usage over an accepted one answers 200 — never a 500,
 * whatever the events hold (non-numeric text, missing properties, zero divisors).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { startTestApp, type TestApp } from '../support/app.js'

let t: TestApp
let customerId: string
const headers = () => ({ authorization: `Bearer ${t.token}` })
before(async () => {
  t = await startTestApp('pglite')
  customerId = (
    await t.fastify.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: headers(),
      payload: { name: 'fuzz' },
    })
  ).json().data.id
  const now = Date.now()
  const events = [
    { n: '5', r: 'eu' },
    { n: 'abc', r: 'us' },
    { n: '0' },
    { r: 'eu' },
    { n: '-2.5', r: "o'brien" },
  ].map((properties, i) => ({
    transaction_id: `fz${i}`,
    customer_id: customerId,
    event_type: i % 2 ? 'a' : 'b',
    timestamp: new Date(now - i * 3_600_000).toISOString(),
    properties,
  }))
  await t.fastify.inject({ method: 'POST', url: '/v1/ingest', headers: headers(), payload: events })
})
after(() => t.close())

const value = fc.constantFrom(
  'properties.n',
  'CAST(properties.n AS INT)',
  'CAST(properties.n AS DECIMAL)',
  '1',
  '0',
  "'x'",
  'timestamp',
  'event_type',
  'properties.r',
)
const numeric = fc
  .tuple(value, fc.constantFrom('+', '-', '*', '/'), value)
  .map(([a, op, b]) => `${a} ${op} ${b}`)
const scalar = fc.oneof(
  value,
  numeric,
  fc.tuple(value, value).map(([a, b]) => `GREATEST(${a}, ${b})`),
  value.map((v) => `ROUND(${v}, 2)`),
  value.map((v) => `CASE WHEN ${v} IS NULL THEN 0 ELSE 1 END`),
)
const aggregate = fc
  .tuple(fc.constantFrom('SUM', 'MAX', 'MIN', 'AVG', 'COUNT', 'LATEST', 'EARLIEST'), scalar)
  .map(([f, s]) => `${f}(${s})`)
const condition = fc.oneof(
  fc.constant(''),
  fc
    .tuple(value, fc.constantFrom('=', '<', '>=', '<>'), value)
    .map(([a, op, b]) => ` WHERE ${a} ${op} ${b}`),
  value.map((v) => ` WHERE ${v} IN ('eu', 'us', '5')`),
  value.map((v) => ` WHERE ${v} IS NOT NULL AND NOT (${v} = 'x')`),
)
const query = fc
  .tuple(
    fc.oneof(aggregate, fc.constant('COUNT(*)'), fc.constant('COUNT(DISTINCT properties.r)')),
    condition,
    fc.boolean(),
  )
  .map(([select, where, grouped]) =>
    grouped
      ? `SELECT ${select} AS value, properties.r AS r FROM events${where} GROUP BY properties.r`
      : `SELECT ${select} AS value FROM events${where}`,
  )

test('random SQL metrics: create is 200 or 400, usage over them is 200', async () => {
  const start = new Date(Date.now() - 2 * 86_400_000).toISOString()
  const end = new Date(Date.now() + 3_600_000).toISOString()
  await fc.assert(
    fc.asyncProperty(query, fc.constantFrom('NONE', 'DAY'), async (text, windowSize) => {
      const created = await t.fastify.inject({
        method: 'POST',
        url: '/v1/billable-metrics/create',
        headers: headers(),
        payload: { name: 'fz', sql: text },
      })
      assert.ok(
        [200, 400].includes(created.statusCode),
        `${text}: ${created.statusCode} ${created.body}`,
      )
      if (created.statusCode !== 200) return
      const usage = await t.fastify.inject({
        method: 'POST',
        url: '/v1/usage',
        headers: headers(),
        payload: {
          starting_on: start,
          ending_before: end,
          window_size: windowSize,
          customer_ids: [customerId],
          billable_metrics: [{ id: created.json().data.id }],
        },
      })
      assert.equal(usage.statusCode, 200, `${text}: ${usage.body}`)
    }),
    { numRuns: 120 },
  )
})
