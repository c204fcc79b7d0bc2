import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { StreamingMetricDefinition } from './billable-metric.js'
import { canRollUp, edges, rollupKeys, wholeHours } from './rollup.js'

const at = (iso: string) => new Date(iso)
const range = (startingAt: string, endingBefore: string) => ({
  startingAt: at(startingAt),
  endingBefore: at(endingBefore),
})
const iso = (r: { startingAt: Date; endingBefore: Date } | null) =>
  r && [r.startingAt.toISOString(), r.endingBefore.toISOString()]

function definition(
  aggregationType: StreamingMetricDefinition['aggregationType'],
  groupKeys: string[][] = [],
): StreamingMetricDefinition {
  return {
    aggregationType,
    aggregationKey: aggregationType === 'COUNT' ? null : 'v',
    eventTypeFilter: null,
    propertyFilters: [],
    groupKeys,
  }
}

describe('canRollUp', () => {
  for (const [type, expected] of [
    ['COUNT', true],
    ['SUM', true],
    ['MAX', true],
    ['LATEST', true],
    ['UNIQUE', false],
  ] as const) {
    test(`${type} → ${expected}`, () => assert.equal(canRollUp(definition(type)), expected))
  }
})

describe('rollupKeys', () => {
  const cases: Array<[string, string[][], string[]]> = [
    ['no group keys', [], []],
    ['one simple key', [['region']], ['region']],
    ['compound keys share members once', [['region'], ['region', 'model']], ['model', 'region']],
    ['code-point order (upper case first)', [['b', 'a'], ['Z']], ['Z', 'a', 'b']],
  ]
  for (const [name, groupKeys, expected] of cases) {
    test(name, () => assert.deepEqual(rollupKeys(definition('SUM', groupKeys)), expected))
  }
})

describe('wholeHours and edges', () => {
  const cases: Array<[string, [string, string], [string, string] | null, string[][]]> = [
    [
      'hour-aligned range is all whole hours',
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
      ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
      [],
    ],
    [
      'ragged ends leave two edges',
      ['2026-11-01T00:30:00Z', '2026-11-01T05:15:00Z'],
      ['2026-11-01T01:00:00.000Z', '2026-11-01T05:00:00.000Z'],
      [
        ['2026-11-01T00:30:00.000Z', '2026-11-01T01:00:00.000Z'],
        ['2026-11-01T05:00:00.000Z', '2026-11-01T05:15:00.000Z'],
      ],
    ],
    ['inside one hour: none', ['2026-11-01T00:10:00Z', '2026-11-01T00:50:00Z'], null, []],
    ['across one boundary only: none', ['2026-11-01T00:10:00Z', '2026-11-01T01:50:00Z'], null, []],
  ]
  for (const [name, [start, end], expected, expectedEdges] of cases) {
    test(name, () => {
      const whole = wholeHours(range(start, end))
      assert.deepEqual(iso(whole), expected)
      if (whole) assert.deepEqual(edges(range(start, end), whole).map(iso), expectedEdges)
    })
  }

  test('property: whole hours and edges partition the range exactly', () => {
    const HOUR = 3_600_000
    const base = Date.parse('2026-11-01T00:00:00Z')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.integer({ min: 1, max: 100 * HOUR }),
        fc.integer({ min: 0, max: 200 * HOUR }),
        (startOffset, length, probeOffset) => {
          const r = {
            startingAt: new Date(base + startOffset),
            endingBefore: new Date(base + startOffset + length),
          }
          const whole = wholeHours(r)
          const probe = base + probeOffset
          const inRange = probe >= r.startingAt.getTime() && probe < r.endingBefore.getTime()
          const parts = whole ? [whole, ...edges(r, whole)] : [r]
          const covering = parts.filter(
            (part) => probe >= part.startingAt.getTime() && probe < part.endingBefore.getTime(),
          )
          // Every instant of the range is in exactly one part, and no instant outside it is.
          assert.equal(covering.length, inRange ? 1 : 0)
          if (whole) {
            assert.equal(whole.startingAt.getTime() % HOUR, 0)
            assert.equal(whole.endingBefore.getTime() % HOUR, 0)
          }
        },
      ),
    )
  })
})
