/**
 * Subscription quantity and seat schedules: table-driven update and check cases (WE-27 among
 * them), seat folding, and the properties that a batch of updates equals the same updates
 * applied one by one and that no accepted schedule ever goes below 0.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import {
  applyQuantityUpdates,
  applySeatUpdates,
  applySubscriptionUpdate,
  decideSubscriptionUpdates,
  seatScheduleOf,
  quantityAt,
  quantitySegments,
  seatsAt,
  seatSegments,
  seatTotal,
  toSeatBased,
  totalQuantitySegments,
  type QuantitySchedule,
  type QuantityUpdateInput,
  type ScheduledSubscription,
  type SeatSchedule,
} from './subscription-schedule.js'

const at = (day: string) => new Date(`2025-${day}T00:00:00.000Z`)
const START = at('01-01')
const END = new Date('2026-01-01T00:00:00.000Z')
const schedule = (initial: number, end: Date | null = END): QuantitySchedule => ({
  startingAt: START,
  endingBefore: end,
  initialQuantity: new Dec(initial),
  changes: [],
})
const set = (day: string, quantity: number): QuantityUpdateInput => ({
  startingAt: at(day),
  quantity: new Dec(quantity),
})
const delta = (day: string, quantityDelta: number): QuantityUpdateInput => ({
  startingAt: at(day),
  quantityDelta: new Dec(quantityDelta),
})
const quantities = (result: QuantitySchedule) =>
  quantitySegments(result).map((segment) => [
    segment.startingAt.toISOString().slice(5, 10),
    Number(segment.quantity.toString()),
  ])

test('quantity updates build the schedule', () => {
  const cases: [string, number, QuantityUpdateInput[], [string, number][]][] = [
    ['no updates: the initial quantity', 3, [], [['01-01', 3]]],
    [
      'WE-27: set 12 then delta −1 on the same day ⇒ 11',
      5,
      [set('05-21', 12), delta('05-21', -1)],
      [
        ['01-01', 5],
        ['05-21', 11],
      ],
    ],
    [
      'delta −1 then set 12 on the same day ⇒ 12 (order matters)',
      5,
      [delta('05-21', -1), set('05-21', 12)],
      [
        ['01-01', 5],
        ['05-21', 12],
      ],
    ],
    [
      'dates apply in date order, not submission order',
      2,
      [delta('06-01', 3), set('03-01', 10)],
      [
        ['01-01', 2],
        ['03-01', 10],
        ['06-01', 13],
      ],
    ],
    ['an update on the start replaces the initial quantity', 2, [set('01-01', 7)], [['01-01', 7]]],
    [
      'an update that keeps the quantity starts no segment',
      4,
      [set('03-01', 4), delta('05-01', 2), delta('05-01', -2), set('07-01', 6)],
      [
        ['01-01', 4],
        ['07-01', 6],
      ],
    ],
    [
      'down to 0 is allowed',
      2,
      [delta('02-01', -2)],
      [
        ['01-01', 2],
        ['02-01', 0],
      ],
    ],
  ]
  for (const [name, initial, updates, expected] of cases) {
    const result = applyQuantityUpdates(schedule(initial), updates)
    assert.deepEqual(result.problems, [], name)
    assert.deepEqual(quantities(result.schedule), expected, name)
  }
})

test('quantity updates refused, naming the field', () => {
  const root = 'body.update_subscriptions[0].quantity_updates'
  const cases: [string, QuantityUpdateInput[], string[]][] = [
    ['delta 0', [delta('02-01', 0)], [`${root}[0].quantity_delta`]],
    ['negative quantity', [set('02-01', -1)], [`${root}[0].quantity`]],
    [
      'fractional quantity',
      [{ startingAt: at('02-01'), quantity: new Dec('1.5') }],
      [`${root}[0].quantity`],
    ],
    ['neither', [{ startingAt: at('02-01') }], [`${root}[0]`]],
    ['both', [{ ...set('02-01', 1), quantityDelta: new Dec(1) }], [`${root}[0]`]],
    ['delta below 0', [delta('02-01', 1), delta('03-01', -4)], [`${root}[1].quantity_delta`]],
    [
      'before the subscription',
      [{ startingAt: new Date('2024-12-01T00:00:00Z'), quantity: new Dec(1) }],
      [`${root}[0].starting_at`],
    ],
    ['at its end', [{ startingAt: END, quantity: new Dec(1) }], [`${root}[0].starting_at`]],
    // An earlier decrease that would push a later delta below 0 is caught too.
    [
      'earlier decrease under a later delta',
      [delta('06-01', -2), delta('03-01', -1)],
      [`${root}[1].quantity_delta`],
    ],
  ]
  for (const [name, updates, fields] of cases) {
    const result = applyQuantityUpdates(schedule(2), updates, root)
    assert.deepEqual(
      result.problems.map((problem) => problem.field),
      fields,
      name,
    )
    assert.ok(
      quantitySegments(result.schedule).every((segment) => !segment.quantity.isNegative()),
      name,
    )
  }
})

test('quantityAt reads the segment in force; null outside the subscription', () => {
  const { schedule: result } = applyQuantityUpdates(schedule(4), [set('03-01', 9)])
  assert.equal(quantityAt(result, at('02-28'))?.toString(), '4')
  assert.equal(quantityAt(result, at('03-01'))?.toString(), '9')
  assert.equal(quantityAt(result, new Date('2024-06-01T00:00:00Z')), null)
  assert.equal(quantityAt(result, END), null)
  assert.equal(quantityAt(schedule(4, null), new Date('2030-01-01T00:00:00Z'))?.toString(), '4')
})

const seats = (ids: string[], unassigned: number): SeatSchedule => ({
  startingAt: START,
  endingBefore: END,
  initialSeats: { assignedSeatIds: ids, unassignedSeats: unassigned },
  changes: [],
})

test('seat updates: ids fill unassigned seats first; removals are no-ops when absent', () => {
  const { schedule: result, problems } = applySeatUpdates(seats(['u1', 'u2'], 1), {
    addSeatIds: [{ seatIds: ['u3', 'u4'], startingAt: at('02-01') }],
    removeSeatIds: [{ seatIds: ['u1', 'nobody'], startingAt: at('03-01') }],
    addUnassignedSeats: [{ quantity: 2, startingAt: at('04-01') }],
    removeUnassignedSeats: [{ quantity: 5, startingAt: at('05-01') }],
  })
  assert.deepEqual(problems, [])
  const view = seatSegments(result).map((segment) => [
    segment.startingAt.toISOString().slice(5, 10),
    segment.assignedSeatIds.join(','),
    segment.unassignedSeats,
    seatTotal(segment),
  ])
  assert.deepEqual(view, [
    ['01-01', 'u1,u2', 1, 3],
    // u3 fills the unassigned seat, u4 raises the total.
    ['02-01', 'u1,u2,u3,u4', 0, 4],
    ['03-01', 'u2,u3,u4', 0, 3],
    ['04-01', 'u2,u3,u4', 2, 5],
    // Only the unassigned seats there are can be removed.
    ['05-01', 'u2,u3,u4', 0, 3],
  ])
  assert.deepEqual(seatsAt(result, at('03-15'))?.assignedSeatIds, ['u2', 'u3', 'u4'])
})

test('seat updates that change nothing start no segment', () => {
  const { schedule: result, problems } = applySeatUpdates(seats(['a', 'b'], 0), {
    removeSeatIds: [{ seatIds: ['zzz'], startingAt: at('04-01') }],
    removeUnassignedSeats: [{ quantity: 1, startingAt: at('07-01') }],
    addSeatIds: [{ seatIds: ['c'], startingAt: at('09-01') }],
  })
  assert.deepEqual(problems, [])
  assert.deepEqual(
    seatSegments(result).map((segment) => [
      segment.startingAt.toISOString().slice(5, 10),
      segment.endingBefore?.toISOString().slice(0, 10),
      segment.assignedSeatIds.join(','),
    ]),
    [
      ['01-01', '2025-09-01', 'a,b'],
      ['09-01', '2026-01-01', 'a,b,c'],
    ],
  )
})

test('seat updates refused, naming the field', () => {
  const root = 'body.update_subscriptions[0].seat_updates'
  const { problems } = applySeatUpdates(
    seats([], 0),
    {
      addSeatIds: [{ seatIds: [], startingAt: at('02-01') }],
      removeSeatIds: [{ seatIds: [''], startingAt: at('02-01') }],
      addUnassignedSeats: [{ quantity: 0, startingAt: at('02-01') }],
      removeUnassignedSeats: [{ quantity: 1, startingAt: new Date('2027-01-01T00:00:00Z') }],
    },
    root,
  )
  assert.deepEqual(
    problems.map((problem) => problem.field),
    [
      `${root}.add_seat_ids[0].seat_ids`,
      `${root}.remove_seat_ids[0].seat_ids[0]`,
      `${root}.add_unassigned_seats[0].quantity`,
      `${root}.remove_unassigned_seats[0].starting_at`,
    ],
  )
})

const subscription = (
  mode: 'QUANTITY_ONLY' | 'SEAT_BASED',
  extra: Partial<ScheduledSubscription> = {},
): ScheduledSubscription => ({
  id: mode,
  startingAt: START,
  endingBefore: END,
  initialQuantity: new Dec(mode === 'SEAT_BASED' ? 1 : 3),
  quantityManagementMode: mode,
  seatConfig: mode === 'SEAT_BASED' ? { initialSeatIds: ['u1'], initialUnassignedSeats: 0 } : null,
  ...extra,
})

test('decideSubscriptionUpdates: modes, ids, ending_before', () => {
  const subscriptions = [subscription('QUANTITY_ONLY'), subscription('SEAT_BASED')]
  const root = 'body.update_subscriptions'
  const cases: [string, Parameters<typeof decideSubscriptionUpdates>[2], string[]][] = [
    ['unknown id', [{ id: 'x', quantityUpdates: [] }], [`${root}[0].subscription_id`]],
    [
      'named twice',
      [
        { id: 'QUANTITY_ONLY', quantityUpdates: [] },
        { id: 'QUANTITY_ONLY', quantityUpdates: [] },
      ],
      [`${root}[1].subscription_id`],
    ],
    [
      'quantity updates on a seat-based subscription',
      [{ id: 'SEAT_BASED', quantityUpdates: [set('02-01', 1)] }],
      [`${root}[0].quantity_updates`],
    ],
    [
      'seat updates on a quantity-only subscription',
      [{ id: 'QUANTITY_ONLY', quantityUpdates: [], seatUpdates: {} }],
      [`${root}[0].seat_updates`],
    ],
    [
      'ending_before after the contract',
      [{ id: 'QUANTITY_ONLY', quantityUpdates: [], endingBefore: new Date('2027-01-01') }],
      [`${root}[0].ending_before`],
    ],
    [
      'a quantity update after the new ending_before',
      [{ id: 'QUANTITY_ONLY', quantityUpdates: [set('09-01', 1)], endingBefore: at('06-01') }],
      [`${root}[0].quantity_updates[0].starting_at`],
    ],
  ]
  for (const [name, updates, fields] of cases) {
    const decided = decideSubscriptionUpdates(subscriptions, END, updates)
    assert.deepEqual(
      decided.problems.map((problem) => problem.field),
      fields,
      name,
    )
    assert.deepEqual(decided.updates, [], name)
  }
  const decided = decideSubscriptionUpdates(subscriptions, END, [
    { id: 'QUANTITY_ONLY', quantityUpdates: [set('05-21', 12), delta('05-21', -1)] },
  ])
  assert.deepEqual(decided.problems, [])
  const updated = applySubscriptionUpdate(subscriptions[0]!, decided.updates[0]!)
  assert.equal(updated.quantityChanges?.length, 2)
})

test('decideSubscriptionUpdates: mode switch, proration rounding, ending_before null', () => {
  const subscriptions = [subscription('QUANTITY_ONLY'), subscription('SEAT_BASED')]
  const root = 'body.update_subscriptions'
  const toSeats = { seatGroupKey: 'user_id' }
  const cases: [string, Parameters<typeof decideSubscriptionUpdates>[2], string[]][] = [
    [
      'switching a SEAT_BASED subscription',
      [{ id: 'SEAT_BASED', quantityUpdates: [], seatBasedUpdate: toSeats }],
      [`${root}[0].quantity_management_mode_update`],
    ],
    [
      'an empty seat group key',
      [{ id: 'QUANTITY_ONLY', quantityUpdates: [], seatBasedUpdate: { seatGroupKey: ' ' } }],
      [`${root}[0].quantity_management_mode_update.seat_config.seat_group_key`],
    ],
    [
      'quantity updates with the switch (the switch applies first)',
      [{ id: 'QUANTITY_ONLY', quantityUpdates: [set('02-01', 1)], seatBasedUpdate: toSeats }],
      [`${root}[0].quantity_updates`],
    ],
    [
      'rounding to a fraction of a place',
      [
        {
          id: 'QUANTITY_ONLY',
          quantityUpdates: [],
          prorationRounding: { decimalPlaces: 1.5, roundingMethod: 'FLOOR' },
        },
      ],
      [`${root}[0].proration_rounding.decimal_places`],
    ],
  ]
  for (const [name, updates, fields] of cases) {
    const decided = decideSubscriptionUpdates(subscriptions, END, updates)
    assert.deepEqual(
      decided.problems.map((problem) => problem.field),
      fields,
      name,
    )
    assert.deepEqual(decided.updates, [], name)
  }

  // The switch with seat updates in the same item: accepted, applied in that order.
  const switched = decideSubscriptionUpdates(subscriptions, END, [
    {
      id: 'QUANTITY_ONLY',
      quantityUpdates: [],
      seatBasedUpdate: toSeats,
      seatUpdates: { addSeatIds: [{ seatIds: ['u9'], startingAt: at('03-01') }] },
    },
  ])
  assert.deepEqual(switched.problems, [])
  const seated = applySubscriptionUpdate(subscriptions[0]!, switched.updates[0]!)
  assert.equal(seated.quantityManagementMode, 'SEAT_BASED')
  assert.equal(seated.seatConfig?.seatGroupKey, 'user_id')
  // 3 unassigned seats; u9 fills one of them, so the total stays 3.
  assert.deepEqual(seatsAt(seatScheduleOf(seated), at('04-01')), {
    assignedSeatIds: ['u9'],
    unassignedSeats: 2,
  })
  // Switching it again is refused: it is SEAT_BASED now.
  assert.deepEqual(
    decideSubscriptionUpdates([seated], END, [
      { id: 'QUANTITY_ONLY', quantityUpdates: [], seatBasedUpdate: toSeats },
    ]).problems.map((problem) => problem.field),
    [`${root}[0].quantity_management_mode_update`],
  )

  // ending_before null: the contract's end; null again when the contract is open-ended.
  const early = subscription('QUANTITY_ONLY', { endingBefore: at('06-01') })
  for (const [contractEnd, expected] of [
    [END, END],
    [null, null],
  ] as const) {
    const decided = decideSubscriptionUpdates([early], contractEnd, [
      { id: 'QUANTITY_ONLY', quantityUpdates: [], endingBefore: null },
    ])
    assert.deepEqual(decided.problems, [])
    assert.equal(decided.updates[0]!.endingBefore, expected)
    assert.equal(applySubscriptionUpdate(early, decided.updates[0]!).endingBefore, expected)
  }

  // Rounding set, then cleared.
  const rounded = { ...subscription('QUANTITY_ONLY'), proration: { rounding: null } }
  const half = { decimalPlaces: -2, roundingMethod: 'HALF_UP' } as const
  const set1 = decideSubscriptionUpdates([rounded], END, [
    { id: 'QUANTITY_ONLY', quantityUpdates: [], prorationRounding: half },
  ]).updates[0]!
  const withRounding = applySubscriptionUpdate(rounded, set1)
  assert.deepEqual(withRounding.proration, { rounding: half })
  const cleared = decideSubscriptionUpdates([withRounding], END, [
    { id: 'QUANTITY_ONLY', quantityUpdates: [], prorationRounding: null },
  ]).updates[0]!
  assert.deepEqual(applySubscriptionUpdate(withRounding, cleared).proration, { rounding: null })
})

test('toSeatBased: the quantity schedule becomes unassigned seats with the same totals', () => {
  const plain = subscription('QUANTITY_ONLY', {
    quantityChanges: [
      { startingAt: at('03-01'), quantity: new Dec(8) },
      { startingAt: at('05-01'), quantityDelta: new Dec(-6) },
      { startingAt: at('07-01'), quantityDelta: new Dec(0) },
    ],
  })
  const seated = toSeatBased(plain, 'user_id')
  assert.equal(seated.quantityChanges, undefined)
  assert.deepEqual(seated.seatConfig, {
    seatGroupKey: 'user_id',
    initialSeatIds: [],
    initialUnassignedSeats: 3,
  })
  assert.deepEqual(
    seatSegments(seatScheduleOf(seated)).map((segment) => [
      segment.startingAt.toISOString().slice(5, 10),
      segment.assignedSeatIds.length,
      segment.unassignedSeats,
    ]),
    [
      ['01-01', 0, 3],
      ['03-01', 0, 8],
      ['05-01', 0, 2],
    ],
  )
})

// ---------------------------------------------------------------------------------------------
// Properties.

const DAY_MS = 86_400_000
const arbitraryUpdate: fc.Arbitrary<QuantityUpdateInput> = fc
  .tuple(
    fc.integer({ min: 0, max: 20 }),
    fc.boolean(),
    fc.integer({ min: -6, max: 6 }),
    fc.integer({ min: 0, max: 10 }),
  )
  .map(([day, isDelta, change, quantity]) => {
    const startingAt = new Date(START.getTime() + day * DAY_MS)
    return isDelta
      ? { startingAt, quantityDelta: new Dec(change) }
      : { startingAt, quantity: new Dec(quantity) }
  })

test('property: a batch equals its updates one by one; the quantity never goes below 0', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 5 }),
      fc.array(arbitraryUpdate, { maxLength: 12 }),
      (initial, updates) => {
        const batch = applyQuantityUpdates(schedule(initial), updates)
        let oneByOne = schedule(initial)
        const problems: string[] = []
        updates.forEach((update, index) => {
          const step = applyQuantityUpdates(oneByOne, [update], 'u')
          problems.push(
            ...step.problems.map((problem) => problem.field.replace(/^u\[0\]/, `u[${index}]`)),
          )
          oneByOne = step.schedule
        })
        const batchProblems = applyQuantityUpdates(schedule(initial), updates, 'u').problems
        assert.deepEqual(
          batchProblems.map((problem) => problem.field),
          problems,
        )
        assert.deepEqual(quantities(batch.schedule), quantities(oneByOne))
        for (const segment of quantitySegments(batch.schedule)) {
          assert.ok(!segment.quantity.isNegative())
        }
      },
    ),
    { numRuns: 300 },
  )
})

test('property: switching to SEAT_BASED keeps the total at every instant', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 5 }),
      fc.array(arbitraryUpdate, { maxLength: 12 }),
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 20 }),
      (initial, updates, days) => {
        const applied = applyQuantityUpdates(schedule(initial), updates).schedule
        const plain = subscription('QUANTITY_ONLY', {
          initialQuantity: new Dec(initial),
          quantityChanges: applied.changes,
        })
        const seated = toSeatBased(plain, 'k')
        const instants = [
          ...days.map((day) => new Date(START.getTime() + day * DAY_MS)),
          ...applied.changes.map((change) => change.startingAt),
        ]
        const totalAt = (segments: ReturnType<typeof totalQuantitySegments>, instant: Date) =>
          segments
            .find(
              (segment) =>
                segment.startingAt.getTime() <= instant.getTime() &&
                (segment.endingBefore === null ||
                  instant.getTime() < segment.endingBefore.getTime()),
            )
            ?.quantity.toString() ?? null
        const before = totalQuantitySegments(plain)
        const after = totalQuantitySegments(seated)
        for (const instant of instants) {
          assert.equal(totalAt(after, instant), totalAt(before, instant), instant.toISOString())
        }
      },
    ),
    { numRuns: 300 },
  )
})
