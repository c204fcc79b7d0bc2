import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readSqlMetric } from './sql-metric.js'

test('accepted queries: quantity column and group-key columns', () => {
  const cases: Array<[string, string[], number]> = [
    ['SELECT COUNT(*) FROM events', ['column_1'], 0],
    [
      'SELECT properties.region, SUM(CAST(properties.n AS DECIMAL)) AS value FROM events GROUP BY 1',
      ['region', 'value'],
      1,
    ],
    [
      "SELECT MAX(properties.n) AS value FROM events WHERE event_type NOT IN ('a') AND properties.x IS NULL",
      ['value'],
      0,
    ],
    [
      "SELECT COUNT(DISTINCT properties.u) AS value, DATE_TRUNC('day', timestamp) AS day FROM events GROUP BY DATE_TRUNC('day', timestamp)",
      ['value', 'day'],
      0,
    ],
    ['SELECT ROUND(AVG(CAST(properties.n AS INT)), 2) AS value FROM events', ['value'], 0],
    [
      "SELECT SUM(CASE WHEN properties.t = 'x' THEN 1 ELSE 0 END) AS value FROM events",
      ['value'],
      0,
    ],
    [
      'SELECT LATEST(properties.n) AS value, EARLIEST(properties.m) AS first FROM events',
      ['value', 'first'],
      0,
    ],
  ]
  for (const [text, names, valueIndex] of cases) {
    const read = readSqlMetric(text)
    assert.ok(
      'query' in read,
      `${text}: ${JSON.stringify('problems' in read ? read.problems : '')}`,
    )
    assert.deepEqual(read.query.columnNames, names, text)
    assert.equal(read.query.valueIndex, valueIndex, text)
  }
})

test('refused: anything outside the documented subset, with a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['UPDATE events SET event_type = 1', /exactly one SELECT/],
    ['SELECT 1 FROM events; SELECT 2 FROM events', /exactly one SELECT/],
    ['SELECT COUNT(*) FROM events AS e', /FROM events only/],
    ['SELECT COUNT(*) FROM (SELECT 1) AS s', /FROM events only/],
    ['SELECT COUNT(*) FROM events, customers', /FROM events only/],
    ['SELECT now() FROM events', /function now is not supported/],
    ['SELECT COUNT(*) FROM events WHERE SUM(properties.n) > 1', /not allowed in WHERE/],
    ['SELECT SUM(MAX(properties.n)) FROM events', /not allowed/],
    ['SELECT COUNT(*) FROM events GROUP BY 3', /not a selected column/],
    ['SELECT COUNT(*) FROM events LIMIT 1', /LIMIT is not supported/],
    [
      'SELECT event_type AS t, COUNT(*) FROM events GROUP BY event_type HAVING COUNT(*) > 1',
      /HAVING is not supported/,
    ],
    [
      "SELECT DATE_TRUNC('month', timestamp) AS m, COUNT(*) FROM events GROUP BY 1",
      /DATE_TRUNC takes 'hour' or 'day'/,
    ],
    ['SELECT CAST(properties.n AS bytea) FROM events', /CAST to bytea is not supported/],
    ['SELECT ROUND(properties.n, 99) AS value FROM events', /ROUND places/],
    ['SELECT COUNT(*), CAST(properties.n AS INT) FROM events', /needs an alias/],
    ['SELECT pg_catalog.count(*) FROM events', /not supported/],
  ]
  for (const [text, reason] of cases) {
    const read = readSqlMetric(text)
    assert.ok('problems' in read, `${text} should be refused`)
    assert.ok(read.problems.every((problem) => problem.field === 'sql'))
    assert.match(read.problems.map((problem) => problem.message).join('; '), reason, text)
  }
})
