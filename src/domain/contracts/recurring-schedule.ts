/**
 * A recurring invoice schedule (the wire's `recurring_schedule` on a commit's invoice schedule
 * and on a scheduled charge's or discount's schedule, semantics §4.7, §4.12) and its expansion
 * into the schedule items a term stores and shows. The response schema has only items, so the
 * recurring schedule is expanded once, when the term is created. Rules and their reasons are in
 * docs/decisions/0017-recurring-invoice-schedules.md; in short:
 *
 * - Item k is billed at `startingAt + k steps`, each computed from `startingAt` with the month
 *   arithmetic of the billing periods (Jan 31 → Feb 28/29 → Mar 31), for every k whose instant
 *   is before `endingBefore`.
 * - The total T is `amount`, or `unitPrice × quantity`. EACH bills T on every item; DIVIDED
 *   splits T evenly (the last item takes what makes the sum exactly T); DIVIDED_ROUNDED rounds
 *   each share HALF_UP to whole units, the last item taking the rest.
 */
import { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import { cadenceBoundary } from './billing-periods.js'

/** The v1 frequencies, and WEEKLY, which v2 `edit` also allows (`RecurringScheduleFrequencyV2`). */
export type RecurringScheduleFrequency =
  'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUAL' | 'ANNUAL' | 'WEEKLY'
export type AmountDistribution = 'DIVIDED' | 'DIVIDED_ROUNDED' | 'EACH'

/** `recurring_schedule` after wire parsing: `amount`, or `unitPrice` and `quantity`. */
export interface RecurringScheduleInput {
  readonly startingAt: Date
  readonly endingBefore: Date
  readonly frequency: RecurringScheduleFrequency
  readonly amount?: Dec
  readonly unitPrice?: Dec
  readonly quantity?: Dec
  readonly amountDistribution: AmountDistribution
}

/** One item of an expanded schedule; `amount` is `unitPrice × quantity`. */
export interface ScheduledAmount {
  readonly timestamp: Date
  readonly amount: Dec
  readonly unitPrice: Dec
  readonly quantity: Dec
}

const time = (date: Date) => date.getTime()

/**
 * The checks of the schedule's own fields, under `root` (the `…recurring_schedule` path). Which
 * of `amount`, `unit_price`, `quantity` must be given and whether they may be negative are the
 * same rules as for the items of the schedule it stands for, so the caller checks those.
 */
export function checkRecurringSchedule(schedule: RecurringScheduleInput, root: string): Problem[] {
  if (time(schedule.endingBefore) <= time(schedule.startingAt)) {
    return [{ field: `${root}.ending_before`, message: 'must be after starting_at' }]
  }
  if (recurringTimestamps(schedule, MAX_RECURRING_ITEMS + 1).length > MAX_RECURRING_ITEMS) {
    return [
      {
        field: `${root}.ending_before`,
        message: `gives more than ${MAX_RECURRING_ITEMS} items; shorten the schedule`,
      },
    ]
  }
  return []
}

/**
 * The most items one recurring schedule expands to. The sources name no limit; this one is
 * ours, so that a request cannot make a term of millions of stored items (a weekly schedule
 * over 190 years is 10,000).
 */
export const MAX_RECURRING_ITEMS = 10_000

const MONTHS: Readonly<Record<Exclude<RecurringScheduleFrequency, 'WEEKLY'>, number>> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  SEMI_ANNUAL: 6,
  ANNUAL: 12,
}

/** The instant of item `index`: `startingAt` moved by `index` steps, from `startingAt` itself. */
function itemTimestamp(schedule: RecurringScheduleInput, index: number): Date {
  const { frequency, startingAt: anchor } = schedule
  if (frequency === 'WEEKLY') return cadenceBoundary({ anchor, frequency }, index)
  // Boundary `index × months` of a monthly cadence: the clamped month arithmetic for any step.
  return cadenceBoundary({ anchor, frequency: 'MONTHLY' }, index * MONTHS[frequency])
}

/** The items' instants, in order: every step from `startingAt` that is before `endingBefore`. */
export function recurringTimestamps(
  schedule: RecurringScheduleInput,
  limit = Number.POSITIVE_INFINITY,
): Date[] {
  const timestamps: Date[] = []
  for (let index = 0; index < limit; index += 1) {
    const at = itemTimestamp(schedule, index)
    // Written so that an invalid date ends the list rather than never ending it.
    if (!(time(at) < time(schedule.endingBefore))) return timestamps
    timestamps.push(at)
  }
  return timestamps
}

/**
 * Significant digits a DIVIDED share keeps (of the 50 the engine computes with), so that every
 * partial sum, and a share times a wire unit price, stays exact.
 */
const SHARE_DIGITS = 40

/**
 * `total` in `count` parts summing to exactly `total`: each part `total / count` to `digits`
 * significant digits of `total` (exactly `total / count` when that terminates there), the last
 * part what is left.
 */
function evenParts(total: Dec, count: number, digits: number): Dec[] {
  const places = Math.max(0, digits - 1 - total.e)
  const share = total.dividedBy(count).toDecimalPlaces(places, Dec.ROUND_HALF_EVEN)
  return lastTakesRest(total, share, count)
}

/** `count - 1` times `share`, then what makes the sum exactly `total`. */
function lastTakesRest(total: Dec, share: Dec, count: number): Dec[] {
  if (count === 0) return []
  const parts = Array.from({ length: count - 1 }, () => share)
  return [...parts, total.minus(share.times(count - 1))]
}

/**
 * Whole-unit shares of `total`: `total / count` rounded HALF_UP (ties away from zero), the last
 * item taking the rest. When rounding up would leave the last item on the other side of zero
 * (18 over 12: eleven 2s leave −4), the shares round towards zero instead (eleven 1s and a 7).
 */
function roundedParts(total: Dec, count: number): Dec[] {
  if (count === 0) return []
  const exact = total.dividedBy(count)
  const up = exact.toDecimalPlaces(0, Dec.ROUND_HALF_UP)
  const rest = total.minus(up.times(count - 1))
  const overshoots = !rest.isZero() && rest.isNegative() !== total.isNegative()
  const share = overshoots ? exact.toDecimalPlaces(0, Dec.ROUND_DOWN) : up
  return lastTakesRest(total, share, count)
}

/** The items a checked schedule bills, in order; throws on one without amount or price. */
export function expandRecurringSchedule(schedule: RecurringScheduleInput): ScheduledAmount[] {
  const timestamps = recurringTimestamps(schedule)
  const byAmount = schedule.amount !== undefined
  const unitPrice = schedule.amount ?? schedule.unitPrice
  const quantity = byAmount ? new Dec(1) : schedule.quantity
  if (unitPrice === undefined || quantity === undefined) {
    throw new Error('a recurring schedule without amount or unit_price and quantity (checked)')
  }
  const total = unitPrice.times(quantity)
  const count = timestamps.length
  const item = (index: number, price: Dec, units: Dec): ScheduledAmount => ({
    timestamp: timestamps[index]!,
    amount: price.times(units),
    unitPrice: price,
    quantity: units,
  })
  switch (schedule.amountDistribution) {
    case 'EACH':
      return timestamps.map((_, index) => item(index, unitPrice, quantity))
    case 'DIVIDED':
      return byAmount
        ? evenParts(total, count, SHARE_DIGITS).map((part, index) => item(index, part, quantity))
        : evenParts(quantity, count, Math.max(1, SHARE_DIGITS - unitPrice.precision())).map(
            (part, index) => item(index, unitPrice, part),
          )
    case 'DIVIDED_ROUNDED':
      return roundedParts(total, count).map((part, index) => item(index, part, new Dec(1)))
  }
}
