import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, sum } from '../money/decimal.js'
import {
  aggregateUsage,
  aggregateValue,
  compareBinary,
  usageWindows,
  windowIndexAt,
  type UsageRange,
  type WindowSize,
  type WindowValue,
} from './aggregate.js'
import type { AggregationType, StreamingMetricDefinition } from './billable-metric.js'
import type { UsageEvent } from './event.js'

const at = (text: string) => new Date(text)
const range = (from: string, to: string): UsageRange => ({
  startingAt: at(from),
  endingBefore: at(to),
})
const event = (id: string, time: string, properties: Record<string, unknown>): UsageEvent => ({
  transactionId: id,
  customerRef: 'c',
  eventType: 'call',
  timestamp: at(time),
  properties,
})
const text = (value: Dec | null) => value?.toString() ?? null

/** Windows and values as plain data, so that whole results compare with deepEqual. */
function plain(windows: readonly WindowValue[]) {
  return windows.map(({ window, value, groups }) => ({
    from: window.startingAt.toISOString(),
    to: window.endingBefore.toISOString(),
    value: text(value),
    groups: groups && [...groups].map(([group, groupValue]) => [group, text(groupValue)]),
  }))
}

const bounds = (r: UsageRange, size: WindowSize) =>
  usageWindows(r, size).map((w) => [w.startingAt.toISOString(), w.endingBefore.toISOString()])

// [case, range, window size, expected windows as ISO pairs]
const windowCases: Array<[string, UsageRange, WindowSize, string[][]]> = [
  [
    'DAY clips the first and last day',
    range('2026-01-01T10:30:00Z', '2026-01-03T01:00:00Z'),
    'DAY',
    [
      ['2026-01-01T10:30:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      ['2026-01-03T00:00:00.000Z', '2026-01-03T01:00:00.000Z'],
    ],
  ],
  [
    'DAY on aligned bounds has whole days',
    range('2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'),
    'DAY',
    [
      ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
    ],
  ],
  [
    'DAY inside one day is the range',
    range('2026-01-01T05:00:00Z', '2026-01-01T06:00:00Z'),
    'DAY',
    [['2026-01-01T05:00:00.000Z', '2026-01-01T06:00:00.000Z']],
  ],
  [
    'HOUR clips to the minute',
    range('2026-01-01T10:30:00Z', '2026-01-01T12:15:00Z'),
    'HOUR',
    [
      ['2026-01-01T10:30:00.000Z', '2026-01-01T11:00:00.000Z'],
      ['2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z'],
      ['2026-01-01T12:00:00.000Z', '2026-01-01T12:15:00.000Z'],
    ],
  ],
  [
    'HOUR crosses midnight',
    range('2026-01-01T23:00:00Z', '2026-01-02T01:00:00Z'),
    'HOUR',
    [
      ['2026-01-01T23:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-02T00:00:00.000Z', '2026-01-02T01:00:00.000Z'],
    ],
  ],
  [
    'HOUR by the millisecond',
    range('2026-01-01T10:59:59.999Z', '2026-01-01T11:00:00.001Z'),
    'HOUR',
    [
      ['2026-01-01T10:59:59.999Z', '2026-01-01T11:00:00.000Z'],
      ['2026-01-01T11:00:00.000Z', '2026-01-01T11:00:00.001Z'],
    ],
  ],
  [
    'HOUR before 1970 stays aligned',
    range('1969-12-31T22:30:00Z', '1970-01-01T00:30:00Z'),
    'HOUR',
    [
      ['1969-12-31T22:30:00.000Z', '1969-12-31T23:00:00.000Z'],
      ['1969-12-31T23:00:00.000Z', '1970-01-01T00:00:00.000Z'],
      ['1970-01-01T00:00:00.000Z', '1970-01-01T00:30:00.000Z'],
    ],
  ],
  [
    'NONE is the range',
    range('2026-01-01T10:30:00Z', '2026-01-03T01:00:00Z'),
    'NONE',
    [['2026-01-01T10:30:00.000Z', '2026-01-03T01:00:00.000Z']],
  ],
  [
    'an empty range has no windows',
    range('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    'NONE',
    [],
  ],
  [
    'a reversed range has no windows',
    range('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z'),
    'DAY',
    [],
  ],
  [
    'a reversed range has no hours',
    range('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z'),
    'HOUR',
    [],
  ],
]

for (const [name, r, size, expected] of windowCases) {
  test(`windows: ${name}`, () => assert.deepEqual(bounds(r, size), expected))
}

// Four events: a and b tie on the latest numeric timestamp; d is later but has no number.
const events = [
  event('a', '2026-01-01T02:00:00Z', { v: -1, u: 'x' }),
  event('b', '2026-01-01T02:00:00Z', { v: '2.5', u: 'y' }),
  event('c', '2026-01-01T00:00:00Z', { v: 5, u: 'x' }),
  event('d', '2026-01-01T03:00:00Z', { v: 'n/a', u: null }),
]

/** An event at a fixed instant; for LATEST only the transaction id then orders such events. */
const sameTime = (id: string, properties: Record<string, unknown>) =>
  event(id, '2026-01-01T00:00:00Z', properties)

// [case, type, events, key, expected value]
const valueCases: Array<[string, AggregationType, UsageEvent[], string, string | null]> = [
  ['COUNT counts every event', 'COUNT', events, 'v', '4'],
  ['COUNT of nothing is 0', 'COUNT', [], 'v', '0'],
  ['SUM adds the numbers, skipping non-numbers', 'SUM', events, 'v', '6.5'],
  ['SUM of nothing is 0', 'SUM', [], 'v', '0'],
  ['SUM without any number is 0', 'SUM', [events[3]!], 'v', '0'],
  ['SUM is exact', 'SUM', [sameTime('p', { v: '0.1' }), sameTime('q', { v: 0.2 })], 'v', '0.3'],
  ['MAX is the greatest number', 'MAX', events, 'v', '5'],
  ['MAX of negatives', 'MAX', events.slice(0, 1), 'v', '-1'],
  ['MAX of nothing is null', 'MAX', [], 'v', null],
  ['MAX without any number is null', 'MAX', [events[3]!], 'v', null],
  ['UNIQUE counts distinct texts, not null', 'UNIQUE', events, 'u', '2'],
  ['UNIQUE of nothing is 0', 'UNIQUE', [], 'u', '0'],
  [
    'UNIQUE: 1 and "1" read the same',
    'UNIQUE',
    [sameTime('p', { u: 1 }), sameTime('q', { u: '1' })],
    'u',
    '1',
  ],
  [
    'UNIQUE: "1" and "1.0" differ',
    'UNIQUE',
    [sameTime('p', { u: '1.0' }), sameTime('q', { u: '1' })],
    'u',
    '2',
  ],
  ['LATEST ties go to the greatest transaction id', 'LATEST', events, 'v', '2.5'],
  ['LATEST of nothing is null', 'LATEST', [], 'v', null],
  ['LATEST without any number is null', 'LATEST', [events[3]!], 'v', null],
  [
    'LATEST takes the latest time first',
    'LATEST',
    [sameTime('z', { v: 1 }), event('a', '2026-01-01T00:00:00.001Z', { v: 2 })],
    'v',
    '2',
  ],
  [
    'LATEST compares ids as binary, not as numbers',
    'LATEST',
    [sameTime('10', { v: 1 }), sameTime('9', { v: 2 })],
    'v',
    '2',
  ],
  [
    'LATEST compares ids by case as bytes',
    'LATEST',
    [sameTime('a', { v: 1 }), sameTime('B', { v: 2 })],
    'v',
    '1',
  ],
  [
    'LATEST compares ids by code point (UTF-8 bytes)',
    'LATEST',
    [sameTime('\u{1F600}', { v: 1 }), sameTime('\uFFFD', { v: 2 })],
    'v',
    '1',
  ],
]

for (const [name, type, input, key, expected] of valueCases) {
  test(`value: ${name}`, () => assert.equal(text(aggregateValue(type, input, key)), expected))
}

test('binary order is UTF-8 byte order', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      assert.equal(compareBinary(a, b), Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))))
    }),
  )
})

const metric = (
  aggregationType: AggregationType,
  aggregationKey: string | null,
): StreamingMetricDefinition => ({
  aggregationType,
  aggregationKey,
  eventTypeFilter: { inValues: ['call'] },
  propertyFilters: [...(aggregationKey ? [{ name: aggregationKey, exists: true }] : [])],
  groupKeys: [],
})

const day = range('2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z')
const hourly = [
  event('a', '2026-01-01T00:00:00Z', { v: 1, g: 'x' }),
  event('b', '2026-01-01T00:59:59.999Z', { v: 2, g: 'y' }),
  event('c', '2026-01-01T01:00:00Z', { v: 4, g: 'x' }),
  event('d', '2026-01-01T03:00:00Z', { v: 100, g: 'x' }),
  event('e', '2025-12-31T23:59:59.999Z', { v: 100, g: 'x' }),
  { ...event('f', '2026-01-01T00:30:00Z', { v: 100, g: 'x' }), eventType: 'other' },
  event('g', '2026-01-01T00:30:00Z', { g: 'x' }),
]

test('windows take events at their start, not at their end, and only matching events', () => {
  const windows = aggregateUsage(metric('SUM', 'v'), hourly, day, 'HOUR', null)
  assert.deepEqual(plain(windows), [
    { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T01:00:00.000Z', value: '3', groups: null },
    { from: '2026-01-01T01:00:00.000Z', to: '2026-01-01T02:00:00.000Z', value: '4', groups: null },
    { from: '2026-01-01T02:00:00.000Z', to: '2026-01-01T03:00:00.000Z', value: '0', groups: null },
  ])
})

// [type, key, the values of the three hourly windows; the last window is empty]
const emptyWindowCases: Array<[AggregationType, string | null, Array<string | null>]> = [
  // COUNT has no filter on v, so event g (which lacks v) counts too.
  ['COUNT', null, ['3', '1', '0']],
  ['SUM', 'v', ['3', '4', '0']],
  ['MAX', 'v', ['2', '4', null]],
  ['UNIQUE', 'g', ['2', '1', '0']],
  ['LATEST', 'v', ['2', '4', null]],
]

for (const [type, key, expected] of emptyWindowCases) {
  test(`every window is answered: ${type} per hour, with an empty last hour`, () => {
    const windows = aggregateUsage(metric(type, key), hourly, day, 'HOUR', null)
    assert.deepEqual(
      plain(windows).map((w) => w.value),
      expected,
    )
  })
}

test('groups: each group present in a window, events missing the key or null under null', () => {
  const input = [
    event('a', '2026-01-01T00:10:00Z', { v: 1, g: 'y' }),
    event('b', '2026-01-01T00:20:00Z', { v: 2 }),
    event('c', '2026-01-01T00:30:00Z', { v: 4, g: 'x' }),
    event('d', '2026-01-01T00:40:00Z', { v: 8, g: null }),
    event('e', '2026-01-01T00:50:00Z', { v: 16, g: 'x' }),
    event('f', '2026-01-01T01:10:00Z', { v: 32, g: 1 }),
  ]
  const windows = plain(aggregateUsage(metric('SUM', 'v'), input, day, 'HOUR', 'g'))
  assert.deepEqual(
    windows.map((w) => [w.value, w.groups]),
    [
      [
        '31',
        [
          ['x', '20'],
          ['y', '1'],
          [null, '10'],
        ],
      ],
      ['32', [['1', '32']]],
      ['0', []],
    ],
  )
})

test('groups of MAX and LATEST are the aggregates of their own events', () => {
  const input = [
    event('a', '2026-01-01T00:10:00Z', { v: 1, g: 'x' }),
    event('b', '2026-01-01T00:20:00Z', { v: 3, g: 'y' }),
    event('c', '2026-01-01T00:30:00Z', { v: 2, g: 'x' }),
    event('d', '2026-01-01T00:40:00Z', { v: 'none', g: 'z' }),
  ]
  const group = (type: AggregationType) =>
    plain(aggregateUsage(metric(type, 'v'), input, day, 'NONE', 'g'))[0]
  assert.deepEqual(group('MAX'), {
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-01T03:00:00.000Z',
    value: '3',
    groups: [
      ['x', '2'],
      ['y', '3'],
      ['z', null],
    ],
  })
  assert.deepEqual(group('LATEST')?.groups, [
    ['x', '2'],
    ['y', '3'],
    ['z', null],
  ])
  assert.equal(group('LATEST')?.value, '2')
})

// Properties. Ids are unique, as ingestion keeps only the first event of a transaction id.
const START = Date.UTC(2026, 0, 1)
const MINUTE = 60_000
const HOUR = 60 * MINUTE

const propertiesArbitrary = fc
  .record(
    {
      v: fc.oneof(
        fc.integer({ min: -100, max: 100 }),
        fc.constantFrom('2.5', '-0.125', '1e2', '.5', 'abc', null),
      ),
      u: fc.constantFrom('p', 'q', 'r', 1, '1', true),
      g: fc.constantFrom('x', 'y', 'z', null),
    },
    { requiredKeys: [] },
  )
  .map((properties) => properties as Record<string, unknown>)

const eventsArbitrary = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ unit: 'binary', maxLength: 4 }),
      second: fc.integer({ min: -6 * 3600, max: 4 * 24 * 3600 }),
      other: fc.boolean(),
      properties: propertiesArbitrary,
    }),
    { selector: (row) => row.id, maxLength: 40 },
  )
  .map((rows) =>
    rows.map((row): UsageEvent => ({
      transactionId: row.id,
      customerRef: 'c',
      eventType: row.other ? 'other' : 'call',
      timestamp: new Date(START + row.second * 1000),
      properties: row.properties,
    })),
  )

// A range of whole minutes over about three days, never empty.
const rangeArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 }))
  .map(([from, length]): UsageRange => ({
    startingAt: new Date(START + from * MINUTE),
    endingBefore: new Date(START + (from + length) * MINUTE),
  }))

const allTypes = fc.constantFrom<AggregationType>('COUNT', 'SUM', 'MAX', 'UNIQUE', 'LATEST')
const keyOf = (type: AggregationType) => (type === 'COUNT' ? null : type === 'UNIQUE' ? 'u' : 'v')
const metricOf = (type: AggregationType) => metric(type, keyOf(type))

/** The hour boundaries strictly inside a range. */
function hourBoundaries(r: UsageRange): number[] {
  const first = Math.floor(r.startingAt.getTime() / HOUR) * HOUR + HOUR
  const boundaries: number[] = []
  for (let time = first; time < r.endingBefore.getTime(); time += HOUR) boundaries.push(time)
  return boundaries
}

test('property: splitting a range at an hour boundary keeps every hourly window', () => {
  const split = rangeArbitrary
    .filter((r) => hourBoundaries(r).length > 0)
    .chain((r) => fc.tuple(fc.constant(r), fc.constantFrom(...hourBoundaries(r))))
  fc.assert(
    fc.property(
      eventsArbitrary,
      split,
      allTypes,
      fc.boolean(),
      (input, [r, cut], type, grouped) => {
        const definition = metricOf(type)
        const group = grouped ? 'g' : null
        const whole = aggregateUsage(definition, input, r, 'HOUR', group)
        const left = { startingAt: r.startingAt, endingBefore: new Date(cut) }
        const right = { startingAt: new Date(cut), endingBefore: r.endingBefore }
        const parts = [left, right].flatMap((part) =>
          aggregateUsage(definition, input, part, 'HOUR', group),
        )
        assert.deepEqual(plain(parts), plain(whole))
      },
    ),
  )
})

test('property: COUNT and SUM add up across an hour-boundary split, for any window size', () => {
  const split = rangeArbitrary
    .filter((r) => hourBoundaries(r).length > 0)
    .chain((r) => fc.tuple(fc.constant(r), fc.constantFrom(...hourBoundaries(r))))
  const sizes = fc.constantFrom<WindowSize>('HOUR', 'DAY', 'NONE')
  const additive = fc.constantFrom<AggregationType>('COUNT', 'SUM')
  fc.assert(
    fc.property(eventsArbitrary, split, additive, sizes, (input, [r, cut], type, size) => {
      const total = (windows: readonly WindowValue[]) => sum(windows.map((w) => w.value!))
      const definition = metricOf(type)
      const whole = total(aggregateUsage(definition, input, r, size, null))
      const left = { startingAt: r.startingAt, endingBefore: new Date(cut) }
      const right = { startingAt: new Date(cut), endingBefore: r.endingBefore }
      const parts = [left, right].map((p) =>
        total(aggregateUsage(definition, input, p, size, null)),
      )
      assert.ok(sum(parts).equals(whole), `${type} ${size}: ${sum(parts)} vs ${whole}`)
    }),
  )
})

test('property: COUNT and SUM over NONE equal the sum over DAY and over HOUR windows', () => {
  const additive = fc.constantFrom<AggregationType>('COUNT', 'SUM')
  fc.assert(
    fc.property(eventsArbitrary, rangeArbitrary, additive, (input, r, type) => {
      const definition = metricOf(type)
      const whole = aggregateUsage(definition, input, r, 'NONE', null)[0]!.value!
      for (const size of ['DAY', 'HOUR'] as const) {
        const parts = aggregateUsage(definition, input, r, size, null).map((w) => w.value!)
        assert.ok(sum(parts).equals(whole), `${type} ${size}`)
      }
    }),
  )
})

test('property: MAX over NONE is the greatest MAX over DAY and over HOUR windows', () => {
  fc.assert(
    fc.property(eventsArbitrary, rangeArbitrary, (input, r) => {
      const definition = metricOf('MAX')
      const whole = aggregateUsage(definition, input, r, 'NONE', null)[0]!.value
      for (const size of ['DAY', 'HOUR'] as const) {
        const values = aggregateUsage(definition, input, r, size, null)
          .map((w) => w.value)
          .filter((value) => value !== null)
        const greatest = values.length === 0 ? null : Dec.max(...values)
        assert.equal(text(greatest), text(whole), size)
      }
    }),
  )
})

test('property: group values of COUNT and SUM add up to the ungrouped value', () => {
  const sizes = fc.constantFrom<WindowSize>('HOUR', 'DAY', 'NONE')
  const additive = fc.constantFrom<AggregationType>('COUNT', 'SUM')
  fc.assert(
    fc.property(eventsArbitrary, rangeArbitrary, additive, sizes, (input, r, type, size) => {
      const grouped = aggregateUsage(metricOf(type), input, r, size, 'g')
      const ungrouped = aggregateUsage(metricOf(type), input, r, size, null)
      assert.equal(grouped.length, ungrouped.length)
      grouped.forEach((window, index) => {
        assert.ok(text(window.value) === text(ungrouped[index]!.value))
        assert.ok(sum([...window.groups!.values()].map((v) => v!)).equals(window.value!))
      })
    }),
  )
})

test('property: the order of events changes no value and no group order', () => {
  const permuted = eventsArbitrary.chain((input) =>
    fc.tuple(
      fc.constant(input),
      fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length }),
    ),
  )
  const sizes = fc.constantFrom<WindowSize>('HOUR', 'DAY', 'NONE')
  fc.assert(
    fc.property(permuted, allTypes, rangeArbitrary, sizes, ([input, shuffled], type, r, size) => {
      const key = keyOf(type)
      assert.equal(
        text(aggregateValue(type, shuffled, key)),
        text(aggregateValue(type, input, key)),
      )
      assert.deepEqual(
        plain(aggregateUsage(metricOf(type), shuffled, r, size, 'g')),
        plain(aggregateUsage(metricOf(type), input, r, size, 'g')),
      )
    }),
  )
})

test('windowIndexAt: the window holding an instant, the first taking its whole bucket', () => {
  const windows = usageWindows(
    {
      startingAt: new Date('2026-01-01T10:30:00Z'),
      endingBefore: new Date('2026-01-03T00:00:00Z'),
    },
    'DAY',
  )
  const cases: Array<[string, number]> = [
    ['2026-01-01T00:00:00Z', 0],
    ['2026-01-01T23:59:59Z', 0],
    ['2026-01-02T00:00:00Z', 1],
    ['2026-01-02T23:00:00Z', 1],
    ['2026-01-03T00:00:00Z', -1],
  ]
  for (const [at, expected] of cases)
    assert.equal(windowIndexAt(windows, new Date(at)), expected, at)
  assert.equal(windowIndexAt([], new Date(0)), -1)
})
