/**
 * Recurring commits and credits (semantics §4.10): a template that creates one commit (or
 * credit) per period, each with its own access segment and, for commits, its own invoice.
 * Decisions are recorded in docs/decisions/0007-billing-periods-and-recurring.md; in short:
 *
 * - Periods. Without `recurrence_frequency` an instance per usage statement period; with one,
 *   an instance per period of that frequency counted from the recurring's own `starting_at`.
 *   Either way the periods are cut to the recurring's term: from `starting_at` (not before the
 *   contract start) to `ending_before` or the contract end, whichever comes first.
 * - Access. An instance is drawable from its start for `commit_duration` periods, never past the
 *   recurring's term; amount `unit_price × quantity` (quantity 1 when omitted).
 * - Proration. A period cut at its start is prorated under FIRST, one cut at its end under LAST,
 *   by the fraction of the whole period's time it covers (milliseconds, exact). A prorated amount
 *   is rounded by `proration_rounding` when given (full amounts never are), and is never more
 *   than the full amount.
 * - Subscription-linked (decision 0015): the subscription's billing periods instead, amounts
 *   per unit of the subscription's quantity at each instance's start, and seat increases within
 *   a period granted on top.
 */
import { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import {
  cadenceBoundary,
  cadenceIndexAt,
  statementCadence,
  termPeriods,
  type BillingPeriod,
  type Cadence,
  type CadenceFrequency,
  type Interval,
  type Term,
  type UsageStatementSchedule,
} from './billing-periods.js'

export type RecurringKind = 'COMMIT' | 'CREDIT'
export type RecurrenceFrequency = CadenceFrequency
export type Proration = 'NONE' | 'FIRST' | 'LAST' | 'FIRST_AND_LAST'
export type ProrationRoundingMethod = 'HALF_UP' | 'FLOOR' | 'CEILING'

export interface ProrationRounding {
  /** −5 to 5; a negative count rounds to a power of ten (−2 on USD cents: whole dollars). */
  readonly decimalPlaces: number
  readonly roundingMethod: ProrationRoundingMethod
}

export interface ProrationRoundingConfig {
  readonly access: ProrationRounding | null
  /** Commits only. */
  readonly invoice: ProrationRounding | null
}

export interface RecurringAmount {
  readonly unitPrice: Dec
  readonly quantity: Dec
  readonly creditTypeId: string
}

/** A recurring commit or credit with its defaults applied: what generation reads. */
export interface Recurring {
  readonly kind: RecurringKind
  readonly startingAt: Date
  /** Stops creating instances; null: until the contract ends. */
  readonly endingBefore: Date | null
  /**
   * Per instance. For a subscription-linked recurring the quantity is a per-seat multiplier and
   * the amount is also multiplied by the subscription's quantity (`linkedRecurringInstances`).
   */
  readonly accessAmount: RecurringAmount
  /** Commits only; null: the instances are not invoiced. */
  readonly invoiceAmount: RecurringAmount | null
  /** How many periods each instance's access lasts. */
  readonly commitDurationPeriods: number
  /** Null: instances follow the usage statement periods. */
  readonly recurrenceFrequency: RecurrenceFrequency | null
  readonly proration: Proration
  readonly prorationRounding: ProrationRoundingConfig
}

/** The amount fields as a request gives them. */
export interface RecurringAmountInput {
  readonly unitPrice: Dec
  /** Required unless `subscriptionConfig` is given. */
  readonly quantity?: Dec
  readonly creditTypeId: string
}

/** A recurring commit or credit as a create request gives it, after wire parsing. */
export interface RecurringInput {
  readonly kind: RecurringKind
  readonly startingAt: Date
  readonly endingBefore?: Date
  readonly accessAmount: RecurringAmountInput
  readonly invoiceAmount?: RecurringAmountInput
  readonly commitDuration: { readonly value: number; readonly unit?: 'PERIODS' }
  readonly recurrenceFrequency?: RecurrenceFrequency
  readonly proration?: Proration
  readonly prorationRounding?: {
    readonly access?: ProrationRounding
    readonly invoice?: ProrationRounding
  }
  readonly rolloverFraction?: Dec
  readonly subscriptionConfig?: { readonly subscriptionId: string }
  readonly applicableProductIds?: readonly string[]
  readonly applicableProductTags?: readonly string[]
  readonly specifiers?: readonly unknown[]
}

/** The recurring a (checked) input describes. */
export function recurringFromInput(input: RecurringInput): Recurring {
  const amount = (given: RecurringAmountInput): RecurringAmount => ({
    unitPrice: given.unitPrice,
    quantity: given.quantity ?? new Dec(1),
    creditTypeId: given.creditTypeId,
  })
  return {
    kind: input.kind,
    startingAt: input.startingAt,
    endingBefore: input.endingBefore ?? null,
    accessAmount: amount(input.accessAmount),
    invoiceAmount:
      input.kind === 'COMMIT' && input.invoiceAmount ? amount(input.invoiceAmount) : null,
    commitDurationPeriods: input.commitDuration.value,
    recurrenceFrequency: input.recurrenceFrequency ?? null,
    proration: input.proration ?? 'FIRST_AND_LAST',
    prorationRounding: {
      access: input.prorationRounding?.access ?? null,
      invoice: input.kind === 'COMMIT' ? (input.prorationRounding?.invoice ?? null) : null,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Checks.

const HOUR_MS = 3_600_000
const MIN_ROUNDING_PLACES = -5
const MAX_ROUNDING_PLACES = 5

export interface RecurringCheckOptions {
  /** The contract's term, when known: the recurring must start inside it. */
  readonly contract?: Term
}

/**
 * Semantic checks beyond the schema, named by wire path under `root` (e.g.
 * `body.recurring_commits[0]`). Every problem is reported, not only the first.
 */
export function checkRecurring(
  input: RecurringInput,
  root: string,
  options: RecurringCheckOptions = {},
): readonly Problem[] {
  const problems: Problem[] = []
  const add = (field: string, message: string) =>
    problems.push({ field: `${root}.${field}`, message })

  // Instances become commits, whose access segments are hour-aligned (semantics §4.7).
  if (input.startingAt.getTime() % HOUR_MS !== 0) {
    add('starting_at', 'must be on an hour boundary (e.g. 1:00, not 1:30)')
  }
  if (input.endingBefore) {
    if (input.endingBefore.getTime() <= input.startingAt.getTime()) {
      add('ending_before', 'must be after starting_at')
    } else if (input.endingBefore.getTime() % HOUR_MS !== 0) {
      add('ending_before', 'must be on an hour boundary (e.g. 1:00, not 1:30)')
    }
  }
  const { contract } = options
  if (contract) {
    if (input.startingAt.getTime() < contract.startingAt.getTime()) {
      add('starting_at', 'must not be before the contract’s starting_at')
    } else if (
      contract.endingBefore !== null &&
      input.startingAt.getTime() >= contract.endingBefore.getTime()
    ) {
      add('starting_at', 'must be before the contract’s ending_before')
    }
  }

  checkAmount(input.accessAmount, 'access_amount', add)
  if (input.accessAmount.quantity === undefined && !input.subscriptionConfig) {
    add('access_amount.quantity', 'is required unless subscription_config is given')
  }
  if (input.invoiceAmount) {
    if (input.kind === 'CREDIT') add('invoice_amount', 'is only for recurring commits')
    else checkAmount(input.invoiceAmount, 'invoice_amount', add)
  }

  const duration = input.commitDuration.value
  if (!Number.isInteger(duration) || duration < 1) {
    add('commit_duration.value', 'must be a whole number of at least 1')
  }

  if (input.recurrenceFrequency === 'DAILY' && input.subscriptionConfig) {
    add('recurrence_frequency', 'DAILY cannot be used with subscription_config')
  }

  const rounding = input.prorationRounding
  if (rounding?.access) checkRounding(rounding.access, 'proration_rounding.access', add)
  if (rounding?.invoice) {
    if (input.kind === 'CREDIT') add('proration_rounding.invoice', 'is only for recurring commits')
    else checkRounding(rounding.invoice, 'proration_rounding.invoice', add)
  }

  const fraction = input.rolloverFraction
  if (fraction && (fraction.isNegative() || fraction.gt(1))) {
    add('rollover_fraction', 'must be between 0 and 1')
  }

  const targetsProducts =
    (input.applicableProductIds?.length ?? 0) > 0 || (input.applicableProductTags?.length ?? 0) > 0
  if (targetsProducts && (input.specifiers?.length ?? 0) > 0) {
    add(
      'specifiers',
      'cannot be used together with applicable_product_ids or applicable_product_tags',
    )
  }
  return problems
}

function checkAmount(
  amount: RecurringAmountInput,
  field: string,
  add: (field: string, message: string) => void,
): void {
  if (amount.unitPrice.isNegative()) add(`${field}.unit_price`, 'must be at least 0')
  if (amount.quantity?.isNegative()) add(`${field}.quantity`, 'must be at least 0')
}

function checkRounding(
  rounding: ProrationRounding,
  field: string,
  add: (field: string, message: string) => void,
): void {
  const places = rounding.decimalPlaces
  if (!Number.isInteger(places) || places < MIN_ROUNDING_PLACES || places > MAX_ROUNDING_PLACES) {
    add(`${field}.decimal_places`, 'must be a whole number from -5 to 5')
  }
}

/**
 * "Daily recurring commits have a limit of one per contract": the problems of one list
 * (`body.recurring_commits` or `body.recurring_credits`, all of the contract's), one per DAILY
 * item after the first.
 */
export function checkDailyRecurrenceLimit(
  recurrences: readonly { readonly recurrenceFrequency?: RecurrenceFrequency | null }[],
  root: string,
): readonly Problem[] {
  const daily = recurrences
    .map((recurring, index) => ({ recurring, index }))
    .filter(({ recurring }) => recurring.recurrenceFrequency === 'DAILY')
  return daily.slice(1).map(({ index }) => ({
    field: `${root}[${index}].recurrence_frequency`,
    message: 'DAILY is allowed on at most one per contract',
  }))
}

// ---------------------------------------------------------------------------------------------
// Generation.

/** What generation needs to know of the contract. */
export interface RecurringContext {
  readonly contract: Term
  readonly statementSchedule: UsageStatementSchedule
  /** List the instances whose periods overlap `[from, until)`; `from` defaults to the start. */
  readonly from?: Date
  /** Required when neither the recurring nor the contract ends. */
  readonly until?: Date
}

/**
 * The share of a whole period an instance is charged for: `coveredMs / periodMs`, both whole
 * milliseconds, so the fraction is exact (a rational, not a rounded decimal).
 */
export interface TimeFraction {
  readonly coveredMs: number
  readonly periodMs: number
}

export interface RecurringInstance {
  /** 0 for the first instance, counting up. */
  readonly index: number
  /** The period this instance is for: a cadence period cut to the recurring's term. */
  readonly period: Interval
  /** The whole cadence period it was cut from. */
  readonly fullPeriod: Interval
  /** Null when the instance is charged for its whole period. */
  readonly proration: TimeFraction | null
  readonly access: {
    readonly startingAt: Date
    readonly endingBefore: Date
    readonly amount: Dec
    readonly creditTypeId: string
  }
  /** Commits with an invoice amount: invoiced when the instance starts. */
  readonly invoice: {
    readonly timestamp: Date
    readonly amount: Dec
    readonly creditTypeId: string
  } | null
}

/** The term a recurring creates instances in: its own, cut to the contract's. */
export function recurringTerm(recurring: Recurring, contract: Term): Term {
  const startingAt =
    recurring.startingAt.getTime() >= contract.startingAt.getTime()
      ? recurring.startingAt
      : contract.startingAt
  const ends = [recurring.endingBefore, contract.endingBefore].filter((end) => end !== null)
  const endingBefore = ends.reduce<Date | null>(
    (first, end) => (first === null || end.getTime() < first.getTime() ? end : first),
    null,
  )
  return { startingAt, endingBefore }
}

/** The cadence a recurring's instances follow. */
export function recurringCadence(recurring: Recurring, context: RecurringContext): Cadence {
  return recurring.recurrenceFrequency === null
    ? statementCadence(context.statementSchedule, context.contract)
    : { anchor: recurring.startingAt, frequency: recurring.recurrenceFrequency }
}

/** The instances of the recurring whose periods overlap the context's range, in order. */
export function recurringInstances(
  recurring: Recurring,
  context: RecurringContext,
): RecurringInstance[] {
  const term = recurringTerm(recurring, context.contract)
  const cadence = recurringCadence(recurring, context)
  return termPeriods(cadence, term, rangeOf(context)).map((period) =>
    instanceFor(recurring, cadence, term, period, ONE),
  )
}

const ONE = new Dec(1)

const rangeOf = (context: RecurringContext) => ({
  ...(context.from ? { from: context.from } : {}),
  ...(context.until ? { until: context.until } : {}),
})

// ---------------------------------------------------------------------------------------------
// Subscription-linked recurrings (decision 0015).

/** One stretch of a subscription's total quantity (seats, for SEAT_BASED). */
export interface QuantityStretch {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly quantity: Dec
}

/** What a subscription-linked recurring follows: the subscription's periods and quantities. */
export interface LinkedSubscription {
  /** The subscription's billing cadence (its frequency, from its billing anchor). */
  readonly cadence: Cadence
  /** The subscription's own term. */
  readonly term: Term
  /** Its total quantity over its term, in date order (`totalQuantitySegments`). */
  readonly quantities: readonly QuantityStretch[]
  /** `apply_seat_increase_config.is_prorated`. */
  readonly prorateIncreases: boolean
}

/** Seats added within an instance's period, above the most it has granted for in that period. */
export interface SeatIncrease {
  readonly at: Date
  readonly added: Dec
  /** What the added seats grant: prorated by the rest of the period, or in full. */
  readonly amount: Dec
}

export interface LinkedInstance extends RecurringInstance {
  /** The subscription's quantity at the instance's start: the amounts are per unit of it. */
  readonly units: Dec
  readonly seatIncreases: readonly SeatIncrease[]
}

/**
 * The instances of a subscription-linked recurring: one per billing period of the subscription
 * within the recurring's term and the subscription's (the recurring's own `recurrence_frequency`
 * does not apply). An instance's amounts are the recurring's (`unit_price × quantity`, the
 * quantity a per-seat multiplier) times the subscription's quantity at the instance's start,
 * prorated as any instance is. A quantity rising within an instance's period above the highest
 * count the period has granted for adds `unit_price × quantity × added` at that instant, times
 * the rest of the period when increases are prorated; decreases take nothing back, and the next
 * period's instance uses the new quantity.
 */
export function linkedRecurringInstances(
  recurring: Recurring,
  context: RecurringContext,
  linked: LinkedSubscription,
): LinkedInstance[] {
  const term = intersectTerms(recurringTerm(recurring, context.contract), linked.term)
  if (term === null) return []
  const quantityAt = (at: Date) =>
    linked.quantities.find(
      (stretch) =>
        time(stretch.startingAt) <= time(at) &&
        (stretch.endingBefore === null || time(at) < time(stretch.endingBefore)),
    )?.quantity ?? new Dec(0)
  return termPeriods(linked.cadence, term, rangeOf(context)).map((period) => {
    const units = quantityAt(period.startingAt)
    return {
      ...instanceFor(recurring, linked.cadence, term, period, units),
      units,
      seatIncreases: seatIncreasesIn(recurring, period, units, linked),
    }
  })
}

const time = (date: Date) => date.getTime()

/** The overlap of two terms; null when they do not overlap. */
function intersectTerms(a: Term, b: Term): Term | null {
  const startingAt = time(a.startingAt) >= time(b.startingAt) ? a.startingAt : b.startingAt
  const ends = [a.endingBefore, b.endingBefore].filter((end) => end !== null)
  const endingBefore = ends.reduce<Date | null>(
    (first, end) => (first === null || time(end) < time(first) ? end : first),
    null,
  )
  return endingBefore !== null && time(endingBefore) <= time(startingAt)
    ? null
    : { startingAt, endingBefore }
}

function seatIncreasesIn(
  recurring: Recurring,
  period: BillingPeriod,
  units: Dec,
  linked: LinkedSubscription,
): SeatIncrease[] {
  const increases: SeatIncrease[] = []
  let granted = units
  // The period ends where the instance's charge does: its own end when LAST prorates a cut
  // there, the whole period's otherwise (as `prorationOf` counts it).
  const prorateLast = recurring.proration === 'LAST' || recurring.proration === 'FIRST_AND_LAST'
  const end = prorateLast ? period.endingBefore : period.fullPeriod.endingBefore
  const periodMs = time(period.fullPeriod.endingBefore) - time(period.fullPeriod.startingAt)
  for (const stretch of linked.quantities) {
    const at = stretch.startingAt
    if (time(at) <= time(period.startingAt) || time(at) >= time(period.endingBefore)) continue
    if (!stretch.quantity.gt(granted)) continue
    const added = stretch.quantity.minus(granted)
    granted = stretch.quantity
    const full = new Dec(new Exact(fullAmount(recurring.accessAmount)).times(added))
    const coveredMs = time(end) - time(at)
    const amount =
      linked.prorateIncreases && coveredMs < periodMs
        ? proratedAmount(full, { coveredMs, periodMs }, recurring.prorationRounding.access)
        : full
    increases.push({ at, added, amount })
  }
  return increases
}

function instanceFor(
  recurring: Recurring,
  cadence: Cadence,
  term: Term,
  period: BillingPeriod,
  units: Dec,
): RecurringInstance {
  const proration = prorationOf(period, recurring.proration)
  const cadenceIndex = cadenceIndexAt(cadence, period.fullPeriod.startingAt)
  const accessEnd = cadenceBoundary(cadence, cadenceIndex + recurring.commitDurationPeriods)
  const { accessAmount, invoiceAmount, prorationRounding } = recurring
  return {
    index: period.index,
    period: { startingAt: period.startingAt, endingBefore: period.endingBefore },
    fullPeriod: period.fullPeriod,
    proration,
    access: {
      startingAt: period.startingAt,
      endingBefore:
        term.endingBefore !== null && term.endingBefore.getTime() < accessEnd.getTime()
          ? term.endingBefore
          : accessEnd,
      amount: instanceAmount(accessAmount, units, proration, prorationRounding.access),
      creditTypeId: accessAmount.creditTypeId,
    },
    invoice: invoiceAmount
      ? {
          timestamp: period.startingAt,
          amount: instanceAmount(invoiceAmount, units, proration, prorationRounding.invoice),
          creditTypeId: invoiceAmount.creditTypeId,
        }
      : null,
  }
}

/**
 * The fraction of its whole period an instance is charged for, or null for all of it. FIRST
 * counts a cut at the period's start, LAST a cut at its end (only the first and last instances
 * can be cut there); a cut the mode does not prorate is charged as if the period were whole.
 */
export function prorationOf(period: BillingPeriod, proration: Proration): TimeFraction | null {
  const prorateFirst = proration === 'FIRST' || proration === 'FIRST_AND_LAST'
  const prorateLast = proration === 'LAST' || proration === 'FIRST_AND_LAST'
  const full = period.fullPeriod
  const from = prorateFirst ? period.startingAt : full.startingAt
  const to = prorateLast ? period.endingBefore : full.endingBefore
  const coveredMs = to.getTime() - from.getTime()
  const periodMs = full.endingBefore.getTime() - full.startingAt.getTime()
  return coveredMs < periodMs ? { coveredMs, periodMs } : null
}

/**
 * decimal.js rounds only results with more digits than `precision`, so the largest precision
 * it allows makes products, shifts and integer quotients exact. Never used for `div`.
 */
const Exact = Dec.clone({ precision: 1e9 })

/** `unit_price × quantity`, exactly. */
export function fullAmount(amount: RecurringAmount): Dec {
  return new Dec(new Exact(amount.unitPrice).times(amount.quantity))
}

/** `unit_price × quantity × units` (units: the linked subscription's quantity, else 1). */
function instanceAmount(
  amount: RecurringAmount,
  units: Dec,
  proration: TimeFraction | null,
  rounding: ProrationRounding | null,
): Dec {
  const full = new Dec(new Exact(fullAmount(amount)).times(units))
  return proration ? proratedAmount(full, proration, rounding) : full
}

/**
 * `full × coveredMs / periodMs`: without rounding, to the engine's 50 significant digits; with
 * it, rounded from the exact quotient (integer quotient and remainder, no intermediate
 * rounding), then capped at `full`, since a part of a period never costs more than the whole.
 */
export function proratedAmount(
  full: Dec,
  fraction: TimeFraction,
  rounding: ProrationRounding | null,
): Dec {
  const covered = new Exact(full).times(fraction.coveredMs)
  if (!rounding) return new Dec(covered).div(fraction.periodMs)
  const rounded = roundedQuotient(covered, new Exact(fraction.periodMs), rounding)
  return new Dec(rounded.gt(full) ? full : rounded)
}

/** `dividend / divisor` (divisor > 0) rounded at `decimalPlaces` by the method, exactly. */
function roundedQuotient(dividend: Dec, divisor: Dec, rounding: ProrationRounding): Dec {
  // Counts units of the last kept place: 1.23 at two places is 123 units; at −2, 1 unit is 100.
  const scaled = new Exact(dividend).times(`1e${rounding.decimalPlaces}`)
  const whole = scaled.divToInt(divisor) // truncated towards zero
  const remainder = scaled.minus(whole.times(divisor))
  let units = whole
  if (!remainder.isZero()) {
    const above = remainder.isPositive()
    if (rounding.roundingMethod === 'CEILING' && above) units = whole.plus(1)
    if (rounding.roundingMethod === 'FLOOR' && !above) units = whole.minus(1)
    // HALF_UP: ties away from zero, as java.math.RoundingMode.HALF_UP.
    if (rounding.roundingMethod === 'HALF_UP' && remainder.abs().times(2).gte(divisor)) {
      units = above ? whole.plus(1) : whole.minus(1)
    }
  }
  return new Dec(units.times(`1e${-rounding.decimalPlaces}`))
}
