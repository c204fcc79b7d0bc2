import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { aggregateUsage, aggregateValue, usageWindows } from './aggregate.js'
import type { AggregationType, StreamingMetricDefinition } from './billable-metric.js'
import type { UsageEvent } from './event.js'

const at = (text: string) => new Date(text)
const event = (id: string, time: string, properties: Record<string, unknown>): UsageEvent => ({
  transactionId: id,
  customerRef: 'c',
  eventType: 'call',
  timestamp: at(time),
  properties,
})

test('windows are UTC buckets clipped to the half-open range', () => {
  const range = { startingAt: at('2026-01-01T10:30:00Z'), endingBefore: at('2026-01-02T01:00:00Z') }
  const days = usageWindows(range, 'DAY').map((w) => [
    w.startingAt.toISOString(),
    w.endingBefore.toISOString(),
  ])
  assert.deepEqual(days, [
    ['2026-01-01T10:30:00.000Z', '2026-01-02T00:00:00.000Z'],
    ['2026-01-02T00:00:00.000Z', '2026-01-02T01:00:00.000Z'],
  ])
  assert.equal(usageWindows(range, 'HOUR').length, 15)
  assert.equal(
    usageWindows(range, 'HOUR')[0]!.endingBefore.toISOString(),
    '2026-01-01T11:00:00.000Z',
  )
  assert.equal(usageWindows(range, 'NONE').length, 1)
  assert.deepEqual(
    usageWindows({ startingAt: range.endingBefore, endingBefore: range.startingAt }, 'DAY'),
    [],
  )
})

test('each aggregation, including empty input and LATEST ties', () => {
  const events = [
    event('a', '2026-01-01T00:00:00Z', { v: 5, u: 'x' }),
    event('b', '2026-01-01T02:00:00Z', { v: '2.5', u: 'y' }),
    event('c', '2026-01-01T02:00:00Z', { v: -1, u: 'x' }),
    event('d', '2026-01-01T03:00:00Z', { v: 'n/a', u: null }),
  ]
  const cases: Array<[AggregationType, string | null, string | null]> = [
    ['COUNT', '4', '0'],
    ['SUM', '6.5', '0'],
    ['MAX', '5', null],
    ['UNIQUE', '2', '0'],
    // b and c share the latest numeric timestamp; "c" > "b", so c's value wins.
    ['LATEST', '-1', null],
  ]
  for (const [type, withEvents, empty] of cases) {
    const key = type === 'UNIQUE' ? 'u' : 'v'
    assert.equal(aggregateValue(type, events, key)?.toString() ?? null, withEvents, type)
    assert.equal(aggregateValue(type, [], key)?.toString() ?? null, empty, `${type} empty`)
  }
})

const countBy: StreamingMetricDefinition = {
  aggregationType: 'SUM',
  aggregationKey: 'v',
  eventTypeFilter: null,
  propertyFilters: [
    { name: 'v', exists: true },
    { name: 'g', exists: true },
  ],
  groupKeys: [['g']],
}

test('grouped windows: each group present in a window, events missing the key under null', () => {
  const events = [
    event('a', '2026-01-01T00:10:00Z', { v: 1, g: 'x' }),
    event('b', '2026-01-01T00:20:00Z', { v: 2, g: 'y' }),
    event('c', '2026-01-01T01:20:00Z', { v: 4, g: 'x' }),
  ]
  const range = { startingAt: at('2026-01-01T00:00:00Z'), endingBefore: at('2026-01-01T03:00:00Z') }
  const windows = aggregateUsage(countBy, events, range, 'HOUR', 'g')
  assert.deepEqual(
    windows.map((w) => w.value?.toString()),
    ['3', '4', '0'],
  )
  assert.deepEqual(
    [...windows[0]!.groups!].map(([g, v]) => [g, v?.toString()]),
    [
      ['x', '1'],
      ['y', '2'],
    ],
  )
  assert.equal(windows[2]!.groups!.size, 0)
})

const eventsArbitrary = fc
  .array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      v: fc.integer({ min: -100, max: 100 }),
      g: fc.constantFrom('x', 'y', 'z'),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((row) => ({
      transactionId: row.id,
      customerRef: 'c',
      eventType: 'call',
      timestamp: new Date(Date.UTC(2026, 0, 1) + row.minute * 60_000),
      properties: { v: row.v, g: row.g },
    })),
  )
const range = {
  startingAt: new Date(Date.UTC(2026, 0, 1)),
  endingBefore: new Date(Date.UTC(2026, 0, 4)),
}

test('property: COUNT and SUM over NONE equal the sum over DAY and over HOUR windows', () => {
  fc.assert(
    fc.property(
      eventsArbitrary,
      fc.constantFrom<AggregationType>('COUNT', 'SUM'),
      (events, type) => {
        const definition = {
          ...countBy,
          aggregationType: type,
          aggregationKey: type === 'COUNT' ? null : 'v',
        }
        const whole = aggregateUsage(definition, events, range, 'NONE', null)[0]!.value!
        for (const size of ['DAY', 'HOUR'] as const) {
          const parts = aggregateUsage(definition, events, range, size, null)
          const total = parts.reduce((sum, window) => sum.plus(window.value!), whole.minus(whole))
          assert.ok(total.equals(whole), `${type} ${size}`)
        }
      },
    ),
  )
})

test('property: MAX over NONE is the max over windows; groups add up to the total', () => {
  fc.assert(
    fc.property(eventsArbitrary, (events) => {
      const max = { ...countBy, aggregationType: 'MAX' as const }
      const whole = aggregateUsage(max, events, range, 'NONE', null)[0]!.value
      const perDay = aggregateUsage(max, events, range, 'DAY', null)
        .map((window) => window.value)
        .filter((value) => value !== null)
      assert.equal(whole === null, perDay.length === 0)
      if (whole)
        assert.ok(
          perDay.some((value) => value.equals(whole)) && perDay.every((value) => value.lte(whole)),
        )
      for (const window of aggregateUsage(countBy, events, range, 'DAY', 'g')) {
        const sum = [...window.groups!.values()].reduce<Dec>(
          (total, value) => total.plus(value!),
          new Dec(0),
        )
        assert.ok(sum.equals(window.value!))
      }
    }),
  )
})

test('property: the order of events never changes a value', () => {
  fc.assert(
    fc.property(
      eventsArbitrary,
      fc.constantFrom<AggregationType>('COUNT', 'SUM', 'MAX', 'UNIQUE', 'LATEST'),
      (events, type) => {
        const forward = aggregateValue(type, events, 'v')
        const backward = aggregateValue(type, [...events].reverse(), 'v')
        assert.equal(forward?.toString() ?? null, backward?.toString() ?? null)
      },
    ),
  )
})
