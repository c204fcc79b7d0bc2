import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  checkNamedScheduleUpdate,
  namedScheduleCovering,
  namedScheduleIn,
  namedScheduleValueAt,
  updateNamedSchedule,
  type NamedScheduleSegment,
} from './named-schedule.js'

const day = (n: number) => new Date(Date.UTC(2024, 0, n))

/** A compact schedule sketch: [startDay, endDay | null, value]. */
type Sketch = [number, number | null, string][]

const build = (sketch: Sketch): NamedScheduleSegment<string>[] =>
  sketch.map(([from, to, value]) => ({
    startingAt: day(from),
    endingBefore: to === null ? null : day(to),
    value,
  }))

const sketchOf = (segments: readonly NamedScheduleSegment<string>[]): Sketch =>
  segments.map((segment) => [
    segment.startingAt.getUTCDate(),
    segment.endingBefore === null ? null : segment.endingBefore.getUTCDate(),
    segment.value,
  ])

const updateCases: {
  name: string
  before: Sketch
  update: [number, number | null, string]
  after: Sketch
}[] = [
  { name: 'into an empty schedule', before: [], update: [5, 10, 'x'], after: [[5, 10, 'x']] },
  {
    name: 'open-ended into an empty schedule',
    before: [],
    update: [5, null, 'x'],
    after: [[5, null, 'x']],
  },
  {
    name: 'inside one open segment splits it in three',
    before: [[1, null, 'a']],
    update: [5, 10, 'x'],
    after: [
      [1, 5, 'a'],
      [5, 10, 'x'],
      [10, null, 'a'],
    ],
  },
  {
    name: 'open-ended cuts the tail of everything after its start',
    before: [
      [1, 5, 'a'],
      [5, 20, 'b'],
      [20, null, 'c'],
    ],
    update: [10, null, 'x'],
    after: [
      [1, 5, 'a'],
      [5, 10, 'b'],
      [10, null, 'x'],
    ],
  },
  {
    name: 'exactly one segment replaces it',
    before: [
      [1, 5, 'a'],
      [5, 10, 'b'],
      [10, 15, 'c'],
    ],
    update: [5, 10, 'x'],
    after: [
      [1, 5, 'a'],
      [5, 10, 'x'],
      [10, 15, 'c'],
    ],
  },
  {
    name: 'straddling two segments trims both',
    before: [
      [1, 10, 'a'],
      [10, 20, 'b'],
    ],
    update: [5, 15, 'x'],
    after: [
      [1, 5, 'a'],
      [5, 15, 'x'],
      [15, 20, 'b'],
    ],
  },
  {
    name: 'covering several segments replaces them all',
    before: [
      [2, 3, 'a'],
      [4, 5, 'b'],
      [6, 7, 'c'],
    ],
    update: [1, 10, 'x'],
    after: [[1, 10, 'x']],
  },
  {
    name: 'in a gap leaves the neighbours alone',
    before: [
      [1, 3, 'a'],
      [8, 9, 'b'],
    ],
    update: [4, 6, 'x'],
    after: [
      [1, 3, 'a'],
      [4, 6, 'x'],
      [8, 9, 'b'],
    ],
  },
  {
    name: 'the same value is not merged with its neighbours',
    before: [[1, null, 'a']],
    update: [5, 10, 'a'],
    after: [
      [1, 5, 'a'],
      [5, 10, 'a'],
      [10, null, 'a'],
    ],
  },
]

for (const { name, before, update, after } of updateCases) {
  test(`updateNamedSchedule ${name}`, () => {
    const [from, to, value] = update
    const result = updateNamedSchedule(build(before), {
      startingAt: day(from),
      endingBefore: to === null ? null : day(to),
      value,
    })
    assert.deepEqual(sketchOf(result), after)
  })
}

test('namedScheduleIn returns overlapping segments whole; covering returns at most one', () => {
  const schedule = build([
    [1, 5, 'a'],
    [5, 10, 'b'],
    [12, null, 'c'],
  ])
  assert.deepEqual(
    sketchOf(namedScheduleIn(schedule, { startingAt: day(4), endingBefore: day(6) })),
    [
      [1, 5, 'a'],
      [5, 10, 'b'],
    ],
  )
  assert.deepEqual(
    sketchOf(namedScheduleIn(schedule, { startingAt: day(9), endingBefore: null })),
    [
      [5, 10, 'b'],
      [12, null, 'c'],
    ],
  )
  // Half-open: a range ending where a segment starts does not include it.
  assert.deepEqual(
    sketchOf(namedScheduleIn(schedule, { startingAt: day(1), endingBefore: day(5) })),
    [[1, 5, 'a']],
  )
  assert.deepEqual(sketchOf(namedScheduleCovering(schedule, day(5))), [[5, 10, 'b']])
  assert.deepEqual(namedScheduleCovering(schedule, day(11)), [], 'a gap covers nothing')
  assert.equal(namedScheduleValueAt(schedule, day(30)), 'c')
})

test('an update that ends at or before its start is refused by the check', () => {
  assert.deepEqual(
    checkNamedScheduleUpdate({ startingAt: day(5), endingBefore: day(5), value: 1 }),
    [{ field: 'body.ending_before', message: 'must be after starting_at' }],
  )
  assert.deepEqual(checkNamedScheduleUpdate({ startingAt: day(5), value: 1 }), [])
})

test('property: an update changes the value on exactly its range, and segments never overlap', () => {
  // Days 1..30 as a grid; every instant checked is a day start or just before one.
  const updateArb = fc
    .tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.option(fc.integer({ min: 1, max: 29 })),
      fc.integer({ min: 0, max: 4 }),
    )
    .map(([from, length, value]) => ({
      startingAt: day(from),
      endingBefore: length === null ? null : day(Math.min(from + length, 30)),
      value: `v${value}`,
    }))
  fc.assert(
    fc.property(fc.array(updateArb, { maxLength: 8 }), updateArb, (history, update) => {
      const before = history.reduce<NamedScheduleSegment<string>[]>(
        (schedule, step) => updateNamedSchedule(schedule, step),
        [],
      )
      const after = updateNamedSchedule(before, update)
      for (let index = 1; index < after.length; index++) {
        const previous = after[index - 1]!
        assert.ok(previous.endingBefore !== null)
        assert.ok(previous.endingBefore.getTime() <= after[index]!.startingAt.getTime())
      }
      for (let n = 0; n <= 31; n++) {
        for (const instant of [day(n), new Date(day(n).getTime() - 1)]) {
          const inRange =
            instant >= update.startingAt &&
            (update.endingBefore === null || instant < update.endingBefore)
          const expected = inRange ? update.value : namedScheduleValueAt(before, instant)
          assert.equal(namedScheduleValueAt(after, instant), expected)
        }
      }
    }),
  )
})
