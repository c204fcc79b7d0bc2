import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  billingPeriodAt,
  billingPeriods,
  cadenceBoundary,
  checkUsageStatementSchedule,
  statementScheduleView,
  usageStatementSchedule,
  type BillingPeriod,
  type StatementDay,
  type StatementFrequency,
  type Term,
  type UsageStatementScheduleInput,
} from './billing-periods.js'

const at = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text)

/** A date as `YYYY-MM-DD`, or the full ISO instant when it is not a UTC midnight. */
function show(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}
const plain = (period: BillingPeriod) => `${show(period.startingAt)} → ${show(period.endingBefore)}`

const schedule = (
  frequency: StatementFrequency,
  day?: StatementDay,
  anchor?: string,
): UsageStatementScheduleInput => ({
  frequency,
  ...(day ? { day } : {}),
  ...(anchor ? { billingAnchorDate: at(anchor) } : {}),
})

const term = (start: string, end?: string): Term => ({
  startingAt: at(start),
  endingBefore: end ? at(end) : null,
})

// [case, schedule (null = none given), contract start, contract end, until, expected periods]
const periodCases: Array<
  [string, UsageStatementScheduleInput | null, string, string | null, string | null, string[]]
> = [
  [
    'no schedule: monthly on the 1st, partial first period',
    null,
    '2024-09-15',
    '2024-12-01',
    null,
    ['2024-09-15 → 2024-10-01', '2024-10-01 → 2024-11-01', '2024-11-01 → 2024-12-01'],
  ],
  [
    'MONTHLY FIRST_OF_MONTH starting on the 1st: no partial period',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-01',
    '2024-03-01',
    null,
    ['2024-01-01 → 2024-02-01', '2024-02-01 → 2024-03-01'],
  ],
  [
    'MONTHLY FIRST_OF_MONTH ending mid-month: the last period is cut',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-01',
    '2024-03-15',
    null,
    ['2024-01-01 → 2024-02-01', '2024-02-01 → 2024-03-01', '2024-03-01 → 2024-03-15'],
  ],
  [
    'a contract shorter than one period is one period',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-09-15',
    '2024-09-20',
    null,
    ['2024-09-15 → 2024-09-20'],
  ],
  [
    'MONTHLY CONTRACT_START (WE-28 companion)',
    schedule('MONTHLY', 'CONTRACT_START'),
    '2024-09-15',
    '2024-12-15',
    null,
    ['2024-09-15 → 2024-10-15', '2024-10-15 → 2024-11-15', '2024-11-15 → 2024-12-15'],
  ],
  [
    'MONTHLY CUSTOM_DATE: the documented example (WE-28)',
    schedule('MONTHLY', 'CUSTOM_DATE', '2024-09-10'),
    '2024-09-15',
    '2024-12-20',
    null,
    [
      '2024-09-15 → 2024-10-10',
      '2024-10-10 → 2024-11-10',
      '2024-11-10 → 2024-12-10',
      '2024-12-10 → 2024-12-20',
    ],
  ],
  [
    'an anchor on the 31st clamps to Feb 29 in a leap year, then returns to the 31st',
    schedule('MONTHLY', 'CONTRACT_START'),
    '2024-01-31',
    '2024-05-31',
    null,
    [
      '2024-01-31 → 2024-02-29',
      '2024-02-29 → 2024-03-31',
      '2024-03-31 → 2024-04-30',
      '2024-04-30 → 2024-05-31',
    ],
  ],
  [
    'an anchor on the 31st clamps to Feb 28 in a common year',
    schedule('MONTHLY', 'CONTRACT_START'),
    '2023-01-31',
    '2023-03-31',
    null,
    ['2023-01-31 → 2023-02-28', '2023-02-28 → 2023-03-31'],
  ],
  [
    'an anchor on the 30th: Feb 29, then the 30th again',
    schedule('MONTHLY', 'CUSTOM_DATE', '2023-11-30'),
    '2024-01-30',
    '2024-04-30',
    null,
    ['2024-01-30 → 2024-02-29', '2024-02-29 → 2024-03-30', '2024-03-30 → 2024-04-30'],
  ],
  [
    'a historical anchor on the 31st keeps its day, not the day of a clamped month',
    schedule('MONTHLY', 'CUSTOM_DATE', '2023-12-31'),
    '2024-02-10',
    '2024-04-30',
    null,
    ['2024-02-10 → 2024-02-29', '2024-02-29 → 2024-03-31', '2024-03-31 → 2024-04-30'],
  ],
  [
    'an anchor after the contract start counts backwards',
    schedule('MONTHLY', 'CUSTOM_DATE', '2025-03-10'),
    '2024-09-15',
    '2024-11-10',
    null,
    ['2024-09-15 → 2024-10-10', '2024-10-10 → 2024-11-10'],
  ],
  [
    'the time of day of a CONTRACT_START anchor is kept',
    schedule('MONTHLY', 'CONTRACT_START'),
    '2024-01-31T05:00:00Z',
    '2024-03-31T05:00:00Z',
    null,
    [
      '2024-01-31T05:00:00.000Z → 2024-02-29T05:00:00.000Z',
      '2024-02-29T05:00:00.000Z → 2024-03-31T05:00:00.000Z',
    ],
  ],
  [
    'QUARTERLY FIRST_OF_MONTH: calendar quarters',
    schedule('QUARTERLY', 'FIRST_OF_MONTH'),
    '2024-05-20',
    '2025-02-01',
    null,
    [
      '2024-05-20 → 2024-07-01',
      '2024-07-01 → 2024-10-01',
      '2024-10-01 → 2025-01-01',
      '2025-01-01 → 2025-02-01',
    ],
  ],
  [
    'QUARTERLY CONTRACT_START: quarters from the start',
    schedule('QUARTERLY', 'CONTRACT_START'),
    '2024-05-20',
    '2025-02-20',
    null,
    ['2024-05-20 → 2024-08-20', '2024-08-20 → 2024-11-20', '2024-11-20 → 2025-02-20'],
  ],
  [
    'QUARTERLY CUSTOM_DATE on the 31st clamps per quarter',
    schedule('QUARTERLY', 'CUSTOM_DATE', '2024-01-31'),
    '2024-03-01',
    '2025-01-31',
    null,
    [
      '2024-03-01 → 2024-04-30',
      '2024-04-30 → 2024-07-31',
      '2024-07-31 → 2024-10-31',
      '2024-10-31 → 2025-01-31',
    ],
  ],
  [
    'ANNUAL FIRST_OF_MONTH: calendar years',
    schedule('ANNUAL', 'FIRST_OF_MONTH'),
    '2024-09-15',
    '2026-03-01',
    null,
    ['2024-09-15 → 2025-01-01', '2025-01-01 → 2026-01-01', '2026-01-01 → 2026-03-01'],
  ],
  [
    'ANNUAL CONTRACT_START on Feb 29: Feb 28 in common years, Feb 29 in leap years',
    schedule('ANNUAL', 'CONTRACT_START'),
    '2024-02-29',
    '2028-03-01',
    null,
    [
      '2024-02-29 → 2025-02-28',
      '2025-02-28 → 2026-02-28',
      '2026-02-28 → 2027-02-28',
      '2027-02-28 → 2028-02-29',
      '2028-02-29 → 2028-03-01',
    ],
  ],
  [
    'ANNUAL CUSTOM_DATE with a historical anchor',
    schedule('ANNUAL', 'CUSTOM_DATE', '2020-06-15'),
    '2024-01-01',
    '2025-07-01',
    null,
    ['2024-01-01 → 2024-06-15', '2024-06-15 → 2025-06-15', '2025-06-15 → 2025-07-01'],
  ],
  [
    'WEEKLY with the default day runs from the contract start',
    schedule('WEEKLY'),
    '2024-09-15',
    '2024-10-01',
    null,
    ['2024-09-15 → 2024-09-22', '2024-09-22 → 2024-09-29', '2024-09-29 → 2024-10-01'],
  ],
  [
    'WEEKLY CONTRACT_START',
    schedule('WEEKLY', 'CONTRACT_START'),
    '2024-09-15',
    '2024-09-29',
    null,
    ['2024-09-15 → 2024-09-22', '2024-09-22 → 2024-09-29'],
  ],
  [
    'WEEKLY CUSTOM_DATE on a Monday: weeks start on Mondays',
    schedule('WEEKLY', 'CUSTOM_DATE', '2024-09-02'),
    '2024-09-15',
    '2024-09-30',
    null,
    ['2024-09-15 → 2024-09-16', '2024-09-16 → 2024-09-23', '2024-09-23 → 2024-09-30'],
  ],
  [
    'WEEKLY across a leap day is seven days',
    schedule('WEEKLY', 'CONTRACT_START'),
    '2024-02-26',
    '2024-03-11',
    null,
    ['2024-02-26 → 2024-03-04', '2024-03-04 → 2024-03-11'],
  ],
  [
    'open-ended: until on a boundary lists the periods before it',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-15',
    null,
    '2024-04-01',
    ['2024-01-15 → 2024-02-01', '2024-02-01 → 2024-03-01', '2024-03-01 → 2024-04-01'],
  ],
  [
    'open-ended: the period containing until is listed whole',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-15',
    null,
    '2024-03-02',
    ['2024-01-15 → 2024-02-01', '2024-02-01 → 2024-03-01', '2024-03-01 → 2024-04-01'],
  ],
  [
    'until before the contract start: no periods',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-15',
    null,
    '2024-01-15',
    [],
  ],
  [
    'until after a bounded contract end changes nothing',
    schedule('MONTHLY', 'FIRST_OF_MONTH'),
    '2024-01-15',
    '2024-02-10',
    '2030-01-01',
    ['2024-01-15 → 2024-02-01', '2024-02-01 → 2024-02-10'],
  ],
]
for (const [name, given, start, end, until, expected] of periodCases) {
  test(`periods: ${name}`, () => {
    const periods = billingPeriods(
      usageStatementSchedule(given),
      term(start, end ?? undefined),
      until ? { until: at(until) } : {},
    )
    assert.deepEqual(periods.map(plain), expected)
    assert.deepEqual(
      periods.map((period) => period.index),
      expected.map((_, index) => index),
    )
  })
}

test('periods: `from` lists the periods from the one containing it, indexed from the start', () => {
  const periods = billingPeriods(usageStatementSchedule(null), term('2024-01-15'), {
    from: at('2024-03-10'),
    until: at('2024-05-01'),
  })
  assert.deepEqual(periods.map(plain), ['2024-03-01 → 2024-04-01', '2024-04-01 → 2024-05-01'])
  assert.deepEqual(
    periods.map((period) => period.index),
    [2, 3],
  )
})

test('periods: an open-ended contract without until is a bug', () => {
  assert.throws(() => billingPeriods(usageStatementSchedule(null), term('2024-01-15')))
})

test('periods: the full period of a partial one', () => {
  const [first] = billingPeriods(usageStatementSchedule(null), term('2024-09-15', '2024-10-05'))
  assert.deepEqual(
    first && { start: show(first.fullPeriod.startingAt), end: show(first.fullPeriod.endingBefore) },
    { start: '2024-09-01', end: '2024-10-01' },
  )
})

// [case, schedule, contract start, contract end, instant, expected period or null, index]
const atCases: Array<
  [string, UsageStatementScheduleInput | null, string, string | null, string, string | null, number]
> = [
  [
    'inside the partial first period',
    null,
    '2024-09-15',
    null,
    '2024-09-20',
    '2024-09-15 → 2024-10-01',
    0,
  ],
  ['the contract start', null, '2024-09-15', null, '2024-09-15', '2024-09-15 → 2024-10-01', 0],
  [
    'a boundary belongs to the later period',
    null,
    '2024-09-15',
    null,
    '2024-10-01',
    '2024-10-01 → 2024-11-01',
    1,
  ],
  [
    'the last instant of a period',
    null,
    '2024-09-15',
    null,
    '2024-09-30T23:59:59.999Z',
    '2024-09-15 → 2024-10-01',
    0,
  ],
  [
    'far into an open-ended contract',
    null,
    '2024-09-15',
    null,
    '2034-09-15',
    '2034-09-01 → 2034-10-01',
    120,
  ],
  [
    'inside the cut last period',
    null,
    '2024-09-15',
    '2024-12-10',
    '2024-12-09',
    '2024-12-01 → 2024-12-10',
    3,
  ],
  ['before the contract', null, '2024-09-15', null, '2024-09-14T23:59:59.999Z', null, 0],
  ['the contract end is outside it', null, '2024-09-15', '2024-12-10', '2024-12-10', null, 0],
  [
    'CUSTOM_DATE, a day before the anchor day',
    schedule('MONTHLY', 'CUSTOM_DATE', '2024-09-10'),
    '2024-09-15',
    null,
    '2024-11-09',
    '2024-10-10 → 2024-11-10',
    1,
  ],
  [
    'clamped boundary: Feb 29 itself',
    schedule('MONTHLY', 'CONTRACT_START'),
    '2024-01-31',
    null,
    '2024-02-29',
    '2024-02-29 → 2024-03-31',
    1,
  ],
]
for (const [name, given, start, end, instant, expected, index] of atCases) {
  test(`period at: ${name}`, () => {
    const period = billingPeriodAt(
      usageStatementSchedule(given),
      term(start, end ?? undefined),
      at(instant),
    )
    assert.equal(period && plain(period), expected)
    if (period) assert.equal(period.index, index)
  })
}

// [case, schedule, contract start, expected {frequency, billing_anchor_date}]
const viewCases: Array<[string, UsageStatementScheduleInput | null, string, string, string]> = [
  ['no schedule: the 1st of the start month', null, '2024-09-15', 'MONTHLY', '2024-09-01'],
  [
    'QUARTERLY FIRST_OF_MONTH: the quarter’s start',
    schedule('QUARTERLY'),
    '2024-05-20',
    'QUARTERLY',
    '2024-04-01',
  ],
  ['ANNUAL FIRST_OF_MONTH: Jan 1', schedule('ANNUAL'), '2024-05-20', 'ANNUAL', '2024-01-01'],
  [
    'WEEKLY FIRST_OF_MONTH: the contract start',
    schedule('WEEKLY'),
    '2024-05-20',
    'WEEKLY',
    '2024-05-20',
  ],
  [
    'CONTRACT_START: the contract start',
    schedule('QUARTERLY', 'CONTRACT_START'),
    '2024-05-20T06:00:00Z',
    'QUARTERLY',
    '2024-05-20T06:00:00.000Z',
  ],
  [
    'CUSTOM_DATE: the anchor given',
    schedule('MONTHLY', 'CUSTOM_DATE', '2024-09-10'),
    '2024-09-15',
    'MONTHLY',
    '2024-09-10',
  ],
]
for (const [name, given, start, frequency, anchor] of viewCases) {
  test(`view: ${name}`, () => {
    const view = statementScheduleView(usageStatementSchedule(given), term(start))
    assert.deepEqual(
      { frequency: view.frequency, anchor: show(view.billingAnchorDate) },
      { frequency, anchor },
    )
  })
}

const root = 'body.usage_statement_schedule'
// [case, input, expected problems as `field message`]
const checkCases: Array<[string, UsageStatementScheduleInput, string[]]> = [
  ['frequency alone', schedule('MONTHLY'), []],
  ['CUSTOM_DATE with an anchor', schedule('MONTHLY', 'CUSTOM_DATE', '2024-09-10'), []],
  ['WEEKLY with the default day', schedule('WEEKLY'), []],
  [
    'CUSTOM_DATE without an anchor',
    schedule('MONTHLY', 'CUSTOM_DATE'),
    [`${root}.billing_anchor_date is required when day is CUSTOM_DATE`],
  ],
  [
    'an anchor without CUSTOM_DATE',
    schedule('MONTHLY', 'CONTRACT_START', '2024-09-10'),
    [`${root}.billing_anchor_date is only used when day is CUSTOM_DATE`],
  ],
  [
    'an anchor with the default day',
    { frequency: 'MONTHLY', billingAnchorDate: at('2024-09-10') },
    [`${root}.billing_anchor_date is only used when day is CUSTOM_DATE`],
  ],
]
for (const [name, input, expected] of checkCases) {
  test(`check: ${name}`, () => {
    assert.deepEqual(
      checkUsageStatementSchedule(input, root).map(
        (problem) => `${problem.field} ${problem.message}`,
      ),
      expected,
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Properties.

const MIN_MS = Date.UTC(1990, 0, 1)
const MAX_MS = Date.UTC(2060, 0, 1)
const DAY_MS = 86_400_000
/** Milliseconds since UTC midnight, before 1970 too. */
const timeOfDay = (date: Date) => ((date.getTime() % DAY_MS) + DAY_MS) % DAY_MS

/** Instants at midnights, on hours, or anywhere, so clamping and time of day both show up. */
const instant = (min = MIN_MS, max = MAX_MS) =>
  fc.oneof(
    fc.integer({ min: min / DAY_MS, max: max / DAY_MS }).map((days) => new Date(days * DAY_MS)),
    fc
      .integer({ min: min / 3_600_000, max: max / 3_600_000 })
      .map((hours) => new Date(hours * 3_600_000)),
    fc.integer({ min, max }).map((ms) => new Date(ms)),
  )

const anyScheduleInput = fc.record({
  frequency: fc.constantFrom<StatementFrequency>('MONTHLY', 'QUARTERLY', 'ANNUAL', 'WEEKLY'),
  day: fc.constantFrom<StatementDay>('FIRST_OF_MONTH', 'CONTRACT_START', 'CUSTOM_DATE'),
  anchor: instant(),
})

/** A contract with up to ~3 years of term, or open-ended with a horizon, and its schedule. */
const anyContract = fc
  .record({
    given: anyScheduleInput,
    start: instant(Date.UTC(2000, 0, 1), Date.UTC(2050, 0, 1)),
    lengthMs: fc.integer({ min: 1, max: 3 * 366 * DAY_MS }),
    openEnded: fc.boolean(),
  })
  .map(({ given, start, lengthMs, openEnded }) => {
    const input: UsageStatementScheduleInput = {
      frequency: given.frequency,
      day: given.day,
      ...(given.day === 'CUSTOM_DATE' ? { billingAnchorDate: given.anchor } : {}),
    }
    const end = new Date(start.getTime() + lengthMs)
    return {
      schedule: usageStatementSchedule(input),
      contract: { startingAt: start, endingBefore: openEnded ? null : end },
      bound: end,
    }
  })

test('property: periods tile the contract exactly, and billingPeriodAt agrees', () => {
  fc.assert(
    fc.property(
      anyContract,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
      (c, spots) => {
        const { schedule: given, contract, bound } = c
        const periods = billingPeriods(given, contract, { until: bound })
        assert.ok(periods.length > 0)
        assert.equal(periods[0]!.startingAt.getTime(), contract.startingAt.getTime())
        periods.forEach((period, index) => {
          assert.equal(period.index, index)
          assert.ok(period.startingAt.getTime() < period.endingBefore.getTime(), 'never empty')
          assert.ok(period.fullPeriod.startingAt.getTime() <= period.startingAt.getTime())
          assert.ok(period.endingBefore.getTime() <= period.fullPeriod.endingBefore.getTime())
          const next = periods[index + 1]
          if (next) {
            assert.equal(period.endingBefore.getTime(), next.startingAt.getTime(), 'contiguous')
            assert.equal(period.endingBefore.getTime(), period.fullPeriod.endingBefore.getTime())
          }
        })
        const last = periods[periods.length - 1]!
        if (contract.endingBefore) {
          assert.equal(
            last.endingBefore.getTime(),
            contract.endingBefore.getTime(),
            'ends at the end',
          )
        } else {
          assert.ok(last.endingBefore.getTime() >= bound.getTime(), 'reaches until')
        }
        // Every instant in [start, bound) is in exactly one period, the one billingPeriodAt gives;
        // the spots include both edges of every period.
        const span = bound.getTime() - contract.startingAt.getTime()
        const instants = [
          ...spots.map((spot) => new Date(contract.startingAt.getTime() + Math.floor(spot * span))),
          ...periods.flatMap((period) => [
            period.startingAt,
            new Date(period.endingBefore.getTime() - 1),
          ]),
        ].filter((moment) => moment.getTime() < bound.getTime())
        for (const moment of instants) {
          const holders = periods.filter(
            (period) =>
              period.startingAt.getTime() <= moment.getTime() &&
              moment.getTime() < period.endingBefore.getTime(),
          )
          assert.equal(holders.length, 1, `${moment.toISOString()} is in exactly one period`)
          assert.deepEqual(billingPeriodAt(given, contract, moment), holders[0])
        }
        const before = new Date(contract.startingAt.getTime() - 1)
        assert.equal(billingPeriodAt(given, contract, before), null)
      },
    ),
    { numRuns: 500 },
  )
})

test('property: full periods have their frequency’s length', () => {
  fc.assert(
    fc.property(anyContract, ({ schedule: given, contract, bound }) => {
      const [minDays, maxDays] = {
        MONTHLY: [28, 31],
        QUARTERLY: [89, 92],
        ANNUAL: [365, 366],
        WEEKLY: [7, 7],
      }[given.frequency]
      for (const { fullPeriod } of billingPeriods(given, contract, { until: bound })) {
        const days = (fullPeriod.endingBefore.getTime() - fullPeriod.startingAt.getTime()) / DAY_MS
        assert.ok(minDays! <= days && days <= maxDays!, `${days} days`)
      }
    }),
  )
})

test('property: month boundaries keep the anchor’s day where the month has it, else its last day', () => {
  fc.assert(
    fc.property(
      instant(),
      fc.constantFrom('MONTHLY' as const, 'QUARTERLY' as const, 'ANNUAL' as const),
      fc.integer({ min: -300, max: 300 }),
      (anchor, frequency, index) => {
        const boundary = cadenceBoundary({ anchor, frequency }, index)
        const lastDay = new Date(0)
        lastDay.setUTCFullYear(boundary.getUTCFullYear(), boundary.getUTCMonth() + 1, 0)
        assert.equal(boundary.getUTCDate(), Math.min(anchor.getUTCDate(), lastDay.getUTCDate()))
        assert.equal(timeOfDay(boundary), timeOfDay(anchor), 'time of day kept')
        const months = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 }[frequency] * index
        const monthCount = boundary.getUTCFullYear() * 12 + boundary.getUTCMonth()
        assert.equal(monthCount, anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months)
      },
    ),
  )
})

test('property: the shown anchor, given back as CUSTOM_DATE, gives the same periods', () => {
  fc.assert(
    fc.property(anyContract, ({ schedule: given, contract, bound }) => {
      const view = statementScheduleView(given, contract)
      const again = usageStatementSchedule({
        frequency: view.frequency,
        day: 'CUSTOM_DATE',
        billingAnchorDate: view.billingAnchorDate,
      })
      assert.deepEqual(
        billingPeriods(again, contract, { until: bound }),
        billingPeriods(given, contract, { until: bound }),
      )
    }),
  )
})
