import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, sum } from '../money/decimal.js'
import {
  checkRecurringSchedule,
  expandRecurringSchedule,
  MAX_RECURRING_ITEMS,
  recurringTimestamps,
  type AmountDistribution,
  type RecurringScheduleFrequency,
  type RecurringScheduleInput,
  type ScheduledAmount,
} from './recurring-schedule.js'

const at = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text)
const dec = (text: string) => new Dec(text)

/** A date as `YYYY-MM-DD`, or the full ISO instant when it is not a UTC midnight. */
function show(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}

/** `timestamp amount = unit_price × quantity`, each as its exact decimal text. */
const plain = (item: ScheduledAmount) =>
  `${show(item.timestamp)} ${item.amount.toString()} = ${item.unitPrice.toString()} × ${item.quantity.toString()}`

type Amounts = { amount: string } | { unitPrice: string; quantity: string }

const schedule = (
  frequency: RecurringScheduleFrequency,
  from: string,
  to: string,
  distribution: AmountDistribution,
  amounts: Amounts,
): RecurringScheduleInput => ({
  startingAt: at(from),
  endingBefore: at(to),
  frequency,
  amountDistribution: distribution,
  ...('amount' in amounts
    ? { amount: dec(amounts.amount) }
    : { unitPrice: dec(amounts.unitPrice), quantity: dec(amounts.quantity) }),
})

const THIRD_OF_100 = `33.${'3'.repeat(37)}`

// [case, schedule, expected items as `timestamp amount = unit_price × quantity`]
const expansionCases: Array<[string, RecurringScheduleInput, string[]]> = [
  [
    'MONTHLY EACH: the full amount every month',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'EACH', { amount: '100' }),
    ['2026-01-01 100 = 100 × 1', '2026-02-01 100 = 100 × 1', '2026-03-01 100 = 100 × 1'],
  ],
  [
    'QUARTERLY over a year',
    schedule('QUARTERLY', '2026-01-01', '2027-01-01', 'EACH', { amount: '5' }),
    [
      '2026-01-01 5 = 5 × 1',
      '2026-04-01 5 = 5 × 1',
      '2026-07-01 5 = 5 × 1',
      '2026-10-01 5 = 5 × 1',
    ],
  ],
  [
    'SEMI_ANNUAL over two years',
    schedule('SEMI_ANNUAL', '2026-01-01', '2028-01-01', 'EACH', { amount: '5' }),
    [
      '2026-01-01 5 = 5 × 1',
      '2026-07-01 5 = 5 × 1',
      '2027-01-01 5 = 5 × 1',
      '2027-07-01 5 = 5 × 1',
    ],
  ],
  [
    'ANNUAL from Feb 29: Feb 28 in common years, Feb 29 again in leap years',
    schedule('ANNUAL', '2024-02-29', '2028-03-01', 'EACH', { amount: '1' }),
    [
      '2024-02-29 1 = 1 × 1',
      '2025-02-28 1 = 1 × 1',
      '2026-02-28 1 = 1 × 1',
      '2027-02-28 1 = 1 × 1',
      '2028-02-29 1 = 1 × 1',
    ],
  ],
  [
    'WEEKLY (v2 edit): every 7 days',
    schedule('WEEKLY', '2026-01-01', '2026-01-22', 'EACH', { amount: '1' }),
    ['2026-01-01 1 = 1 × 1', '2026-01-08 1 = 1 × 1', '2026-01-15 1 = 1 × 1'],
  ],
  [
    'month ends clamp and never drift: Jan 31 → Feb 29 → Mar 31 → Apr 30',
    schedule('MONTHLY', '2024-01-31', '2024-05-01', 'EACH', { amount: '1' }),
    [
      '2024-01-31 1 = 1 × 1',
      '2024-02-29 1 = 1 × 1',
      '2024-03-31 1 = 1 × 1',
      '2024-04-30 1 = 1 × 1',
    ],
  ],
  [
    'QUARTERLY from Nov 30: Feb 28, then May 30',
    schedule('QUARTERLY', '2025-11-30', '2026-06-01', 'EACH', { amount: '1' }),
    ['2025-11-30 1 = 1 × 1', '2026-02-28 1 = 1 × 1', '2026-05-30 1 = 1 × 1'],
  ],
  [
    'a partial last step still bills; the time of day is kept',
    schedule('MONTHLY', '2026-01-15T12:00:00Z', '2026-03-15T12:00:01Z', 'EACH', { amount: '1' }),
    [
      '2026-01-15T12:00:00.000Z 1 = 1 × 1',
      '2026-02-15T12:00:00.000Z 1 = 1 × 1',
      '2026-03-15T12:00:00.000Z 1 = 1 × 1',
    ],
  ],
  [
    'ending_before on a step excludes it',
    schedule('MONTHLY', '2026-01-01', '2026-03-01', 'EACH', { amount: '1' }),
    ['2026-01-01 1 = 1 × 1', '2026-02-01 1 = 1 × 1'],
  ],
  [
    'EACH with unit_price × quantity: both kept on every item',
    schedule('MONTHLY', '2026-01-01', '2026-03-01', 'EACH', { unitPrice: '2.5', quantity: '4' }),
    ['2026-01-01 10 = 2.5 × 4', '2026-02-01 10 = 2.5 × 4'],
  ],
  [
    'DIVIDED amount that divides evenly: T/n each',
    schedule('QUARTERLY', '2026-01-01', '2027-01-01', 'DIVIDED', { amount: '100' }),
    [
      '2026-01-01 25 = 25 × 1',
      '2026-04-01 25 = 25 × 1',
      '2026-07-01 25 = 25 × 1',
      '2026-10-01 25 = 25 × 1',
    ],
  ],
  [
    'DIVIDED amount that does not divide: T/n to 40 digits of T, the last item exact to T',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED', { amount: '100' }),
    [
      `2026-01-01 ${THIRD_OF_100} = ${THIRD_OF_100} × 1`,
      `2026-02-01 ${THIRD_OF_100} = ${THIRD_OF_100} × 1`,
      `2026-03-01 33.${'3'.repeat(36)}4 = 33.${'3'.repeat(36)}4 × 1`,
    ],
  ],
  [
    'DIVIDED unit_price × quantity: the price kept, the quantity divided',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED', { unitPrice: '10', quantity: '12' }),
    ['2026-01-01 40 = 10 × 4', '2026-02-01 40 = 10 × 4', '2026-03-01 40 = 10 × 4'],
  ],
  [
    'DIVIDED_ROUNDED: 100 cents over 3 months is 33, 33, 34',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED_ROUNDED', { amount: '100' }),
    ['2026-01-01 33 = 33 × 1', '2026-02-01 33 = 33 × 1', '2026-03-01 34 = 34 × 1'],
  ],
  [
    'DIVIDED_ROUNDED rounds half up: 250 over 4 is 63, 63, 63, 61',
    schedule('QUARTERLY', '2026-01-01', '2027-01-01', 'DIVIDED_ROUNDED', { amount: '250' }),
    [
      '2026-01-01 63 = 63 × 1',
      '2026-04-01 63 = 63 × 1',
      '2026-07-01 63 = 63 × 1',
      '2026-10-01 61 = 61 × 1',
    ],
  ],
  [
    'DIVIDED_ROUNDED 200 over 3 rounds up: 67, 67, 66',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED_ROUNDED', { amount: '200' }),
    ['2026-01-01 67 = 67 × 1', '2026-02-01 67 = 67 × 1', '2026-03-01 66 = 66 × 1'],
  ],
  [
    'DIVIDED_ROUNDED unit_price × quantity: shown as the item amount × 1',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED_ROUNDED', {
      unitPrice: '5',
      quantity: '20',
    }),
    ['2026-01-01 33 = 33 × 1', '2026-02-01 33 = 33 × 1', '2026-03-01 34 = 34 × 1'],
  ],
  [
    'DIVIDED_ROUNDED of a fraction: whole shares, the last item takes the fraction',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED_ROUNDED', { amount: '100.5' }),
    ['2026-01-01 34 = 34 × 1', '2026-02-01 34 = 34 × 1', '2026-03-01 32.5 = 32.5 × 1'],
  ],
  [
    'DIVIDED_ROUNDED negative (a refund charge): half up is away from zero',
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED_ROUNDED', { amount: '-200' }),
    ['2026-01-01 -67 = -67 × 1', '2026-02-01 -67 = -67 × 1', '2026-03-01 -66 = -66 × 1'],
  ],
  [
    'one item: every distribution bills the whole total',
    schedule('ANNUAL', '2026-01-01', '2026-02-01', 'DIVIDED_ROUNDED', { amount: '99.5' }),
    ['2026-01-01 99.5 = 99.5 × 1'],
  ],
]

for (const [name, input, expected] of expansionCases) {
  test(`expandRecurringSchedule: ${name}`, () => {
    assert.deepEqual(expandRecurringSchedule(input).map(plain), expected)
  })
}

test('expandRecurringSchedule: DIVIDED_ROUNDED never leaves the last item past zero', () => {
  // Rounding 1.5 up eleven times would bill 22 and leave −4; the shares round down instead.
  const items = expandRecurringSchedule(
    schedule('MONTHLY', '2026-01-01', '2027-01-01', 'DIVIDED_ROUNDED', { amount: '18' }),
  )
  assert.deepEqual(
    items.map((item) => item.amount.toString()),
    ['1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '7'],
  )
})

test('expandRecurringSchedule: DIVIDED unit_price × quantity that does not divide sums exactly', () => {
  const items = expandRecurringSchedule(
    schedule('MONTHLY', '2026-01-01', '2026-04-01', 'DIVIDED', {
      unitPrice: '0.7',
      quantity: '10',
    }),
  )
  assert.deepEqual(
    items.map((item) => item.unitPrice.toString()),
    ['0.7', '0.7', '0.7'],
  )
  assert.equal(sum(items.map((item) => item.amount)).toString(), '7')
  assert.equal(sum(items.map((item) => item.quantity)).toString(), '10')
})

test('expandRecurringSchedule: incomplete amounts are a bug (the checks refuse them)', () => {
  const noAmount: RecurringScheduleInput = {
    startingAt: at('2026-01-01'),
    endingBefore: at('2026-04-01'),
    frequency: 'MONTHLY',
    amountDistribution: 'EACH',
  }
  assert.throws(() => expandRecurringSchedule(noAmount))
  assert.throws(() => expandRecurringSchedule({ ...noAmount, unitPrice: dec('1') }))
})

test('checkRecurringSchedule: ending_before must be after starting_at', () => {
  const root = 'body.scheduled_charges[0].schedule.recurring_schedule'
  for (const to of ['2026-01-01', '2025-12-01']) {
    const bad = schedule('MONTHLY', '2026-01-01', to, 'EACH', { amount: '1' })
    assert.deepEqual(checkRecurringSchedule(bad, root), [
      { field: `${root}.ending_before`, message: 'must be after starting_at' },
    ])
    assert.deepEqual(expandRecurringSchedule(bad), [])
  }
  const good = schedule('MONTHLY', '2026-01-01', '2026-01-01T00:00:01Z', 'EACH', { amount: '1' })
  assert.deepEqual(checkRecurringSchedule(good, root), [])
})

test('checkRecurringSchedule: at most MAX_RECURRING_ITEMS items', () => {
  const root = 'body.commits[0].invoice_schedule.recurring_schedule'
  // 833 years of months is 9,996 items; 834 years is 10,008.
  const most = schedule('MONTHLY', '2000-01-01', '2833-01-01', 'EACH', { amount: '1' })
  assert.equal(recurringTimestamps(most).length, 9_996)
  assert.deepEqual(checkRecurringSchedule(most, root), [])
  const tooMany = schedule('MONTHLY', '2000-01-01', '2834-01-01', 'EACH', { amount: '1' })
  assert.ok(recurringTimestamps(tooMany).length > MAX_RECURRING_ITEMS)
  assert.deepEqual(checkRecurringSchedule(tooMany, root), [
    {
      field: `${root}.ending_before`,
      message: 'gives more than 10000 items; shorten the schedule',
    },
  ])
})

// ---------------------------------------------------------------------------------------------
// Properties.

const MONTH_STEPS = { MONTHLY: 1, QUARTERLY: 3, SEMI_ANNUAL: 6, ANNUAL: 12 } as const
const DAY_MS = 86_400_000

/** An independent reference for step k: calendar fields, clamped to the month's last day. */
function referenceStep(schedule: RecurringScheduleInput, index: number): number {
  const start = schedule.startingAt
  if (schedule.frequency === 'WEEKLY') return start.getTime() + index * 7 * DAY_MS
  const months = start.getUTCMonth() + index * MONTH_STEPS[schedule.frequency]
  const year = start.getUTCFullYear() + Math.floor(months / 12)
  const month = ((months % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const timeOfDay =
    start.getTime() - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())
  return Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)) + timeOfDay
}

const anyAmount = fc.oneof(
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((units) => new Dec(units.toString())),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
    .map(([digits, places]) => new Dec(digits.toString()).dividedBy(new Dec(10).pow(places))),
)

const anySchedule: fc.Arbitrary<RecurringScheduleInput> = fc
  .record({
    start: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
    span: fc.integer({ min: 1, max: 6 * 365 * DAY_MS }),
    frequency: fc.constantFrom<RecurringScheduleFrequency>(
      'MONTHLY',
      'QUARTERLY',
      'SEMI_ANNUAL',
      'ANNUAL',
      'WEEKLY',
    ),
    distribution: fc.constantFrom<AmountDistribution>('DIVIDED', 'DIVIDED_ROUNDED', 'EACH'),
    byAmount: fc.boolean(),
    price: anyAmount,
    quantity: anyAmount.map((value) => value.abs()),
  })
  .map(({ start, span, frequency, distribution, byAmount, price, quantity }) => ({
    startingAt: new Date(start),
    endingBefore: new Date(start + span),
    frequency,
    amountDistribution: distribution,
    ...(byAmount ? { amount: price } : { unitPrice: price, quantity }),
  }))

const totalOf = (schedule: RecurringScheduleInput) =>
  schedule.amount ?? schedule.unitPrice!.times(schedule.quantity!)

test('property: DIVIDED and DIVIDED_ROUNDED sum to exactly the total; EACH bills it every time', () => {
  fc.assert(
    fc.property(anySchedule, (input) => {
      const items = expandRecurringSchedule(input)
      const total = totalOf(input)
      for (const item of items) {
        assert.ok(item.amount.equals(item.unitPrice.times(item.quantity)), plain(item))
      }
      if (input.amountDistribution === 'EACH') {
        for (const item of items) assert.ok(item.amount.equals(total), plain(item))
      } else {
        assert.equal(sum(items.map((item) => item.amount)).toString(), total.toString())
      }
    }),
    { numRuns: 500 },
  )
})

test('property: DIVIDED_ROUNDED items are whole units (the last one too when the total is), on the total’s side of zero', () => {
  fc.assert(
    fc.property(anySchedule, (input) => {
      const schedule = { ...input, amountDistribution: 'DIVIDED_ROUNDED' as const }
      const items = expandRecurringSchedule(schedule)
      const total = totalOf(schedule)
      items.forEach((item, index) => {
        const last = index === items.length - 1
        if (!last || total.isInteger()) assert.ok(item.amount.isInteger(), plain(item))
        assert.ok(item.quantity.equals(1))
        if (!item.amount.isZero()) assert.equal(item.amount.isNegative(), total.isNegative())
      })
      // The shares are as even as whole units allow: none but the last differs from T/n by 1+.
      const share = total.dividedBy(items.length)
      for (const item of items.slice(0, -1)) assert.ok(item.amount.minus(share).abs().lessThan(1))
    }),
    { numRuns: 500 },
  )
})

test('property: DIVIDED keeps the price and divides the quantity (or the amount) evenly', () => {
  fc.assert(
    fc.property(anySchedule, (input) => {
      const schedule = { ...input, amountDistribution: 'DIVIDED' as const }
      const items = expandRecurringSchedule(schedule)
      // Every share but the last is T/n (the quantity / n) to 40 significant digits, less the
      // unit price's digits.
      const byAmount = schedule.amount !== undefined
      const divided = byAmount ? schedule.amount! : schedule.quantity!
      const digits = byAmount ? 38 : 38 - schedule.unitPrice!.precision()
      const tolerance = divided.abs().times(new Dec(10).pow(-digits))
      const share = divided.dividedBy(items.length)
      for (const item of items) {
        assert.ok(item.unitPrice.equals(byAmount ? item.amount : schedule.unitPrice!))
        if (byAmount) assert.ok(item.quantity.equals(1))
      }
      assert.ok(sum(items.map((item) => (byAmount ? item.amount : item.quantity))).equals(divided))
      for (const item of items.slice(0, -1)) {
        const part = byAmount ? item.amount : item.quantity
        assert.ok(part.minus(share).abs().lessThanOrEqualTo(tolerance), plain(item))
      }
    }),
    { numRuns: 300 },
  )
})

test('property: timestamps step from starting_at, strictly increasing, within [starting_at, ending_before)', () => {
  fc.assert(
    fc.property(anySchedule, (input) => {
      const timestamps = recurringTimestamps(input).map((date) => date.getTime())
      const start = input.startingAt.getTime()
      const end = input.endingBefore.getTime()
      assert.ok(timestamps.length >= 1)
      assert.equal(timestamps[0], start)
      timestamps.forEach((stamp, index) => {
        assert.equal(stamp, referenceStep(input, index))
        assert.ok(stamp >= start && stamp < end)
        if (index > 0) assert.ok(stamp > timestamps[index - 1]!)
      })
      // The count is the number of whole or partial steps: the next step is at or after the end.
      assert.ok(referenceStep(input, timestamps.length) >= end)
      assert.equal(expandRecurringSchedule(input).length, timestamps.length)
    }),
    { numRuns: 500 },
  )
})
