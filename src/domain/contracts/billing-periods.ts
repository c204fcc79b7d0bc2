/**
 * A contract's billing periods (semantics §4.2): the usage statement schedule cuts the contract's
 * term into half-open UTC periods `[startingAt, endingBefore)`. Decisions are recorded in
 * docs/decisions/0007-billing-periods-and-recurring.md; in short:
 *
 * - A schedule is a cadence: an anchor instant and a step (months or days). Its boundaries are
 *   `anchor + k steps` for every integer k, each computed from the anchor itself, so month-end
 *   clamping never drifts: an anchor on the 31st gives Feb 28 (29), then Mar 31 again.
 * - FIRST_OF_MONTH means calendar periods: months, calendar quarters (Jan, Apr, Jul, Oct) and
 *   calendar years, from midnight UTC. CONTRACT_START and CUSTOM_DATE count whole steps from
 *   their anchor instant (time of day included), so their quarters are anchor-relative. A week
 *   has no first of the month: WEEKLY with FIRST_OF_MONTH (the default day) runs from the
 *   contract start, as CONTRACT_START does.
 * - The first period runs from the contract start to the first boundary after it; the last one
 *   ends at the contract end. Periods are never empty.
 */
import type { Problem } from '../problem.js'

/** A bounded half-open time range. */
export interface Interval {
  readonly startingAt: Date
  readonly endingBefore: Date
}

/** A term such as a contract's: `endingBefore: null` runs on forever. */
export interface Term {
  readonly startingAt: Date
  readonly endingBefore: Date | null
}

export type StatementFrequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'WEEKLY'
export type StatementDay = 'FIRST_OF_MONTH' | 'CONTRACT_START' | 'CUSTOM_DATE'

/** `usage_statement_schedule` as a create request gives it, after wire parsing. */
export interface UsageStatementScheduleInput {
  readonly frequency: StatementFrequency
  readonly day?: StatementDay
  readonly billingAnchorDate?: Date
  /** Only read by invoice generation (no usage invoices before it); periods ignore it. */
  readonly invoiceGenerationStartingAt?: Date
}

/** The schedule with its defaults applied. */
export interface UsageStatementSchedule {
  readonly frequency: StatementFrequency
  readonly day: StatementDay
  /** Set exactly when `day` is CUSTOM_DATE. */
  readonly billingAnchorDate: Date | null
  readonly invoiceGenerationStartingAt: Date | null
}

/** What the API answers as `usage_statement_schedule`. */
export interface UsageStatementScheduleView {
  readonly frequency: StatementFrequency
  readonly billingAnchorDate: Date
}

/** "Default: monthly on the 1st" (used when a contract gives no schedule at all). */
export const DEFAULT_USAGE_STATEMENT_SCHEDULE: UsageStatementSchedule = {
  frequency: 'MONTHLY',
  day: 'FIRST_OF_MONTH',
  billingAnchorDate: null,
  invoiceGenerationStartingAt: null,
}

/** The schedule a (checked) input describes; no input is the default schedule. */
export function usageStatementSchedule(
  input: UsageStatementScheduleInput | null | undefined,
): UsageStatementSchedule {
  if (!input) return DEFAULT_USAGE_STATEMENT_SCHEDULE
  const day = input.day ?? 'FIRST_OF_MONTH'
  return {
    frequency: input.frequency,
    day,
    billingAnchorDate: day === 'CUSTOM_DATE' ? (input.billingAnchorDate ?? null) : null,
    invoiceGenerationStartingAt: input.invoiceGenerationStartingAt ?? null,
  }
}

/**
 * Semantic checks beyond the schema, named by wire path under `root` (e.g.
 * `body.usage_statement_schedule`). An anchor after the contract start is accepted: the
 * cadence extends backwards from it just as it extends forwards.
 */
export function checkUsageStatementSchedule(
  input: UsageStatementScheduleInput,
  root: string,
): readonly Problem[] {
  const day = input.day ?? 'FIRST_OF_MONTH'
  const field = `${root}.billing_anchor_date`
  if (day === 'CUSTOM_DATE' && input.billingAnchorDate === undefined) {
    return [{ field, message: 'is required when day is CUSTOM_DATE' }]
  }
  if (day !== 'CUSTOM_DATE' && input.billingAnchorDate !== undefined) {
    // Ignoring it would silently bill on other dates than the caller asked for.
    return [{ field, message: 'is only used when day is CUSTOM_DATE' }]
  }
  return []
}

// ---------------------------------------------------------------------------------------------
// Cadences: the boundaries a schedule (or a recurring commit's recurrence) repeats on.

export type CadenceFrequency = StatementFrequency | 'DAILY'

/** Boundaries at `anchor + k × frequency` for every integer k (negative ones too). */
export interface Cadence {
  readonly anchor: Date
  readonly frequency: CadenceFrequency
}

const MONTHS_PER_STEP = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 } as const
const DAY_MS = 86_400_000
const MS_PER_STEP = { WEEKLY: 7 * DAY_MS, DAILY: DAY_MS } as const

const time = (date: Date) => date.getTime()
const earlier = (a: Date, b: Date) => (time(a) <= time(b) ? a : b)
const later = (a: Date, b: Date) => (time(a) >= time(b) ? a : b)

/** The number of days in a UTC month (`month` 0–11). */
function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0)
  // Day 0 of the next month is the last day of this one.
  lastDay.setUTCFullYear(year, month + 1, 0)
  return lastDay.getUTCDate()
}

/**
 * `anchor` moved by whole months, keeping its day of the month where the target month has it
 * and the month's last day where it does not; the time of day is kept. Always computed from the
 * anchor, never from a previous result, so Jan 31 → Feb 29 → Mar 31.
 */
function addMonthsClamped(anchor: Date, months: number): Date {
  const monthCount = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months
  const year = Math.floor(monthCount / 12)
  const month = monthCount - year * 12
  const boundary = new Date(time(anchor))
  // setUTCFullYear sets year, month and day at once (years 0–99 are not shifted to 19xx).
  boundary.setUTCFullYear(year, month, Math.min(anchor.getUTCDate(), daysInMonth(year, month)))
  return boundary
}

/** The cadence's k-th boundary; boundary 0 is the anchor. */
export function cadenceBoundary(cadence: Cadence, index: number): Date {
  const { anchor, frequency } = cadence
  if (frequency === 'WEEKLY' || frequency === 'DAILY') {
    return new Date(time(anchor) + index * MS_PER_STEP[frequency])
  }
  return addMonthsClamped(anchor, index * MONTHS_PER_STEP[frequency])
}

/** The k whose period `[boundary k, boundary k+1)` contains `at`. */
export function cadenceIndexAt(cadence: Cadence, at: Date): number {
  const { anchor, frequency } = cadence
  if (frequency === 'WEEKLY' || frequency === 'DAILY') {
    return Math.floor((time(at) - time(anchor)) / MS_PER_STEP[frequency])
  }
  const monthsApart =
    (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + at.getUTCMonth() - anchor.getUTCMonth()
  // A first guess within one step of the answer; the day and time of day settle the rest.
  let index = Math.floor(monthsApart / MONTHS_PER_STEP[frequency])
  while (time(cadenceBoundary(cadence, index)) > time(at)) index -= 1
  while (time(cadenceBoundary(cadence, index + 1)) <= time(at)) index += 1
  return index
}

/** The cadence's whole period containing `at`. */
export function cadencePeriodAt(cadence: Cadence, at: Date): Interval {
  const index = cadenceIndexAt(cadence, at)
  return {
    startingAt: cadenceBoundary(cadence, index),
    endingBefore: cadenceBoundary(cadence, index + 1),
  }
}

/** A period of a term: a cadence period, cut where the term starts or ends inside it. */
export interface BillingPeriod extends Interval {
  /** 0 for the term's first period, counting up. */
  readonly index: number
  /** The cadence's whole period this one is cut from; the same range unless it was cut. */
  readonly fullPeriod: Interval
}

/** Which periods to list: those overlapping `[from, until)`, within the term. */
export interface PeriodRange {
  /** Defaults to the term's start. */
  readonly from?: Date
  /** Required when the term is open-ended; periods are not cut at it. */
  readonly until?: Date
}

/** The term's periods on the cadence that overlap the range, in order. */
export function termPeriods(
  cadence: Cadence,
  term: Term,
  range: PeriodRange = {},
): BillingPeriod[] {
  const lower = range.from ? later(range.from, term.startingAt) : term.startingAt
  const upper =
    term.endingBefore === null
      ? (range.until ?? null)
      : range.until
        ? earlier(range.until, term.endingBefore)
        : term.endingBefore
  if (upper === null) throw new Error('an open-ended term needs `until` to list its periods')
  const periods: BillingPeriod[] = []
  if (time(upper) <= time(lower)) return periods
  const firstIndex = cadenceIndexAt(cadence, term.startingAt)
  for (
    let index = cadenceIndexAt(cadence, lower);
    time(cadenceBoundary(cadence, index)) < time(upper);
    index += 1
  ) {
    periods.push(termPeriod(cadence, term, index, firstIndex))
  }
  return periods
}

/** The term's period containing `at`, or null when `at` is outside the term. */
export function termPeriodAt(cadence: Cadence, term: Term, at: Date): BillingPeriod | null {
  if (!termContains(term, at)) return null
  return termPeriod(
    cadence,
    term,
    cadenceIndexAt(cadence, at),
    cadenceIndexAt(cadence, term.startingAt),
  )
}

function termPeriod(
  cadence: Cadence,
  term: Term,
  index: number,
  firstIndex: number,
): BillingPeriod {
  const fullPeriod = {
    startingAt: cadenceBoundary(cadence, index),
    endingBefore: cadenceBoundary(cadence, index + 1),
  }
  return {
    index: index - firstIndex,
    startingAt: later(fullPeriod.startingAt, term.startingAt),
    endingBefore:
      term.endingBefore === null
        ? fullPeriod.endingBefore
        : earlier(fullPeriod.endingBefore, term.endingBefore),
    fullPeriod,
  }
}

export function termContains(term: Term, at: Date): boolean {
  return (
    time(term.startingAt) <= time(at) &&
    (term.endingBefore === null || time(at) < time(term.endingBefore))
  )
}

// ---------------------------------------------------------------------------------------------
// Usage statement periods.

/** The first instant of the calendar month, quarter or year containing `at`, UTC. */
function calendarStart(frequency: 'MONTHLY' | 'QUARTERLY' | 'ANNUAL', at: Date): Date {
  const month = at.getUTCMonth()
  const firstMonth =
    frequency === 'MONTHLY' ? month : frequency === 'QUARTERLY' ? month - (month % 3) : 0
  const start = new Date(0)
  start.setUTCFullYear(at.getUTCFullYear(), firstMonth, 1)
  return start
}

/** The cadence of a contract's usage statements. */
export function statementCadence(schedule: UsageStatementSchedule, contract: Term): Cadence {
  const { frequency } = schedule
  switch (schedule.day) {
    case 'CUSTOM_DATE':
      if (schedule.billingAnchorDate === null) {
        throw new Error('a CUSTOM_DATE schedule needs billing_anchor_date (checked before)')
      }
      return { anchor: schedule.billingAnchorDate, frequency }
    case 'CONTRACT_START':
      return { anchor: contract.startingAt, frequency }
    case 'FIRST_OF_MONTH':
      return frequency === 'WEEKLY'
        ? { anchor: contract.startingAt, frequency }
        : { anchor: calendarStart(frequency, contract.startingAt), frequency }
  }
}

/**
 * The contract's billing periods overlapping `[contract start, until)` (or `[from, until)`),
 * each cut to the contract's term. `until` is required for an open-ended contract; the last
 * period listed may end after it.
 */
export function billingPeriods(
  schedule: UsageStatementSchedule,
  contract: Term,
  range: PeriodRange = {},
): BillingPeriod[] {
  return termPeriods(statementCadence(schedule, contract), contract, range)
}

/** The contract's billing period containing `at`, or null outside the contract's term. */
export function billingPeriodAt(
  schedule: UsageStatementSchedule,
  contract: Term,
  at: Date,
): BillingPeriod | null {
  return termPeriodAt(statementCadence(schedule, contract), contract, at)
}

/**
 * `usage_statement_schedule {frequency, billing_anchor_date}` as the API shows it. The anchor is
 * the cadence's anchor: the given date for CUSTOM_DATE, the contract start for CONTRACT_START
 * (and WEEKLY), and the first calendar period's first instant for FIRST_OF_MONTH (Sep 1 for a
 * monthly contract starting Sep 15). Given back as a CUSTOM_DATE, it yields the same periods.
 */
export function statementScheduleView(
  schedule: UsageStatementSchedule,
  contract: Term,
): UsageStatementScheduleView {
  return {
    frequency: schedule.frequency,
    billingAnchorDate: statementCadence(schedule, contract).anchor,
  }
}
