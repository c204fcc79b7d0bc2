/**
 * A rate card as data (semantics §3.5): dated rates per (product, pricing group values, billing
 * frequency), and the rules that pick the one rate in force at an instant. Periods are
 * half-open: a rate applies from `startingAt` (inclusive) to `endingBefore` (exclusive).
 *
 * Overlaps. A rate that starts later supersedes an earlier rate of the same key from its start:
 * the earlier rate's effective end is the later rate's start, and it does not come back when
 * the later rate ends. This is how Metronome schedules a price change ("adding a rate with a
 * later starting_at schedules a price change for every contract on the card"), it makes the
 * answer at every instant unique, and it depends only on the set of rates, not on the order
 * they were added. Two rates of one key with the same start are refused by `checkNewRate`; if
 * stored data has them anyway, the one added last wins.
 */
import type { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { ProductType, ProductView } from './product.js'

export type RateType =
  'FLAT' | 'PERCENTAGE' | 'SUBSCRIPTION' | 'TIERED' | 'TIERED_PERCENTAGE' | 'CUSTOM'
export type BillingFrequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'WEEKLY'
export type PricingGroupValues = Readonly<Record<string, string>>

/** A graduated tier; `size: null` only on the last tier, which is then unbounded. */
export interface Tier {
  readonly size: Dec | null
  readonly price: Dec
}

/** The price terms a commit rate may carry (a subset of a list rate's). */
export interface CommitRateTerms {
  readonly rateType: RateType
  readonly price: Dec | null
  readonly tiers: readonly Tier[] | null
  /** `minimum_config.minimum`, for PERCENTAGE and TIERED_PERCENTAGE. */
  readonly minimum: Dec | null
}

export interface RateTerms extends CommitRateTerms {
  /** PERCENTAGE rates have none: they take the credit type of the spend they are a share of. */
  readonly creditTypeId: string | null
  readonly isProrated: boolean | null
  readonly quantity: Dec | null
  /** Interpreted by custom rate processors, kept verbatim. */
  readonly customRate: Readonly<Record<string, unknown>> | null
}

export interface NewRate {
  readonly productId: string
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly entitled: boolean
  readonly pricingGroupValues: PricingGroupValues | null
  readonly billingFrequency: BillingFrequency | null
  readonly rate: RateTerms
  readonly commitRate: CommitRateTerms | null
}

export interface RateCardEntry extends NewRate {
  readonly id: string
  readonly createdAt: Date
}

export interface RateCard {
  /** Every rate in the order it was added. */
  readonly rates: readonly RateCardEntry[]
}

/** A rate with the period it is actually in force, after later rates have superseded it. */
export interface RateSegment {
  readonly entry: RateCardEntry
  readonly startingAt: Date
  readonly endingBefore: Date | null
}

/** A time range; `endingBefore: null` runs on forever. */
export interface TimeRange {
  readonly startingAt: Date
  readonly endingBefore: Date | null
}

/** One selector's fields must all match; a rate is selected when any selector matches it. */
export interface RateSelector {
  readonly productId?: string
  /** Matches when the product has any of these tags. */
  readonly productTags?: readonly string[]
  /** Matches exactly these pricing group values. */
  readonly pricingGroupValues?: PricingGroupValues
  /** Matches rates whose pricing group values include these pairs. */
  readonly partialPricingGroupValues?: PricingGroupValues
  readonly billingFrequency?: BillingFrequency
}

export interface SelectorContext {
  /** The product's tags, needed only by selectors that name tags. */
  readonly tagsOf?: (productId: string) => readonly string[]
}

/** Missing and empty pricing group values are the same: the product's one ungrouped price. */
function sortedPairs(values: PricingGroupValues | null): [string, string][] {
  return Object.entries(values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The identity of a rate's schedule: rates with equal keys replace each other over time. */
export function rateKey(
  productId: string,
  pricingGroupValues: PricingGroupValues | null,
  billingFrequency: BillingFrequency | null,
): string {
  return JSON.stringify([productId, sortedPairs(pricingGroupValues), billingFrequency])
}

function keyOf(rate: NewRate): string {
  return rateKey(rate.productId, rate.pricingGroupValues, rate.billingFrequency)
}

const time = (date: Date) => date.getTime()

/** The effective segments of rates sharing one key, chronological; superseded rates drop out. */
function keySegments(rates: readonly RateCardEntry[]): RateSegment[] {
  // Array.prototype.sort is stable: rates with equal starts stay in the order they were added.
  const ordered = [...rates].sort((a, b) => time(a.startingAt) - time(b.startingAt))
  const segments: RateSegment[] = []
  ordered.forEach((entry, index) => {
    const next = ordered[index + 1]
    const endingBefore =
      next && (entry.endingBefore === null || time(next.startingAt) < time(entry.endingBefore))
        ? next.startingAt
        : entry.endingBefore
    // Empty when the next rate has the same start: the rate added later wins.
    if (endingBefore !== null && time(endingBefore) <= time(entry.startingAt)) return
    segments.push({ entry, startingAt: entry.startingAt, endingBefore })
  })
  return segments
}

/** Every effective segment on the card, ordered by start, then by the order rates were added. */
export function rateSegments(card: RateCard): RateSegment[] {
  const byKey = new Map<string, RateCardEntry[]>()
  for (const entry of card.rates) {
    const key = keyOf(entry)
    byKey.set(key, [...(byKey.get(key) ?? []), entry])
  }
  const order = new Map(card.rates.map((entry, index) => [entry, index]))
  return [...byKey.values()]
    .flatMap(keySegments)
    .sort(
      (a, b) =>
        time(a.startingAt) - time(b.startingAt) || order.get(a.entry)! - order.get(b.entry)!,
    )
}

function contains(segment: TimeRange, at: Date): boolean {
  return (
    time(segment.startingAt) <= time(at) &&
    (segment.endingBefore === null || time(at) < time(segment.endingBefore))
  )
}

function overlaps(segment: TimeRange, range: TimeRange): boolean {
  const startsBeforeRangeEnds =
    range.endingBefore === null || time(segment.startingAt) < time(range.endingBefore)
  const endsAfterRangeStarts =
    segment.endingBefore === null || time(segment.endingBefore) > time(range.startingAt)
  return startsBeforeRangeEnds && endsAfterRangeStarts && !isEmptyRange(range)
}

function isEmptyRange(range: TimeRange): boolean {
  return range.endingBefore !== null && time(range.endingBefore) <= time(range.startingAt)
}

/** The one rate in force at `at` for the product, pricing group values and billing frequency. */
export function resolveRate(
  card: RateCard,
  productId: string,
  pricingGroupValues: PricingGroupValues | null,
  at: Date,
  billingFrequency: BillingFrequency | null = null,
): RateSegment | null {
  const key = rateKey(productId, pricingGroupValues, billingFrequency)
  const rates = card.rates.filter((entry) => keyOf(entry) === key)
  return keySegments(rates).find((segment) => contains(segment, at)) ?? null
}

/** The rates in force at `at` that the selectors pick (getRates). */
export function ratesAt(
  card: RateCard,
  at: Date,
  selectors: readonly RateSelector[] = [],
  context: SelectorContext = {},
): RateSegment[] {
  return rateSegments(card).filter(
    (segment) => contains(segment, at) && selects(selectors, segment.entry, context),
  )
}

/**
 * The segments that overlap `range` and that the selectors pick (getRateSchedule). Segments are
 * not clipped to the range: the OpenAPI document describes `starting_at` as the "starting point
 * for the rates schedule" and, without `ending_before`, "all future schedule segments", and each
 * returned segment keeps its own `starting_at`/`ending_before`, so that a schedule shows when
 * the current price began. The bounds are the effective ones, after supersession.
 */
export function rateSchedule(
  card: RateCard,
  range: TimeRange,
  selectors: readonly RateSelector[] = [],
  context: SelectorContext = {},
): RateSegment[] {
  return rateSegments(card).filter(
    (segment) => overlaps(segment, range) && selects(selectors, segment.entry, context),
  )
}

/** No selectors select every rate. */
export function selects(
  selectors: readonly RateSelector[],
  entry: RateCardEntry,
  context: SelectorContext = {},
): boolean {
  return selectors.length === 0 || selectors.some((selector) => matches(selector, entry, context))
}

function matches(selector: RateSelector, entry: RateCardEntry, context: SelectorContext): boolean {
  if (selector.productId !== undefined && selector.productId !== entry.productId) return false
  if (selector.billingFrequency !== undefined) {
    if (selector.billingFrequency !== entry.billingFrequency) return false
  }
  const values = entry.pricingGroupValues ?? {}
  if (selector.pricingGroupValues !== undefined) {
    const wanted = JSON.stringify(sortedPairs(selector.pricingGroupValues))
    if (wanted !== JSON.stringify(sortedPairs(entry.pricingGroupValues))) return false
  }
  if (selector.partialPricingGroupValues !== undefined) {
    const pairs = Object.entries(selector.partialPricingGroupValues)
    if (!pairs.every(([key, value]) => Object.hasOwn(values, key) && values[key] === value)) {
      return false
    }
  }
  if (selector.productTags !== undefined) {
    if (!context.tagsOf) throw new Error('a selector names product tags but no tagsOf was given')
    const tags = new Set(context.tagsOf(entry.productId))
    if (!selector.productTags.some((tag) => tags.has(tag))) return false
  }
  return true
}

const tieredTypes: readonly RateType[] = ['TIERED', 'TIERED_PERCENTAGE']
const pricedTypes: readonly RateType[] = ['FLAT', 'SUBSCRIPTION', 'PERCENTAGE']
const percentageTypes: readonly RateType[] = ['PERCENTAGE', 'TIERED_PERCENTAGE']

/**
 * Checks a rate about to be added to `card`, each problem named under `root` (`body`, or
 * `body.rates[3]` for addRates). Product-dependent rules are in `checkRateForProduct`.
 */
export function checkNewRate(card: RateCard, rate: NewRate, root = 'body'): readonly Problem[] {
  const problems = [
    ...checkTerms(rate.rate, root),
    ...checkListOnlyTerms(rate.rate, root),
    ...(rate.commitRate ? checkTerms(rate.commitRate, `${root}.commit_rate`) : []),
  ]
  if (rate.endingBefore !== null && time(rate.endingBefore) <= time(rate.startingAt)) {
    problems.push({ field: `${root}.ending_before`, message: 'must be after starting_at' })
  }
  const key = keyOf(rate)
  const clash = card.rates.find(
    (entry) => keyOf(entry) === key && time(entry.startingAt) === time(rate.startingAt),
  )
  if (clash) {
    problems.push({
      field: `${root}.starting_at`,
      message:
        'already starts another rate for this product, pricing group values and billing ' +
        `frequency (rate ${clash.id}); add a rate with a different starting_at`,
    })
  }
  return problems
}

function checkTerms(terms: CommitRateTerms, root: string): Problem[] {
  const problems: Problem[] = []
  const { rateType, price } = terms
  if (pricedTypes.includes(rateType)) {
    if (price === null) {
      problems.push({ field: `${root}.price`, message: `is required for ${rateType} rates` })
    } else if (price.isNegative()) {
      problems.push({ field: `${root}.price`, message: 'must be at least 0' })
    } else if (rateType === 'PERCENTAGE' && price.gt(1)) {
      problems.push({
        field: `${root}.price`,
        message: 'is a fraction for PERCENTAGE rates (0.1 is 10%) and must be at most 1',
      })
    }
  }
  if (tieredTypes.includes(rateType)) {
    problems.push(...checkTiers(terms.tiers, rateType, `${root}.tiers`))
  } else if (terms.tiers !== null) {
    problems.push({
      field: `${root}.tiers`,
      message: 'is only for TIERED and TIERED_PERCENTAGE rates',
    })
  }
  if (terms.minimum !== null && !percentageTypes.includes(rateType)) {
    problems.push({
      field: `${root}.minimum_config`,
      message: 'is only for PERCENTAGE and TIERED_PERCENTAGE rates',
    })
  }
  return problems
}

/**
 * Graduated tiers: every tier but the last needs a positive size (the width of its band); the
 * last has none and is unbounded ("the last tier has no size"), so usage beyond the sized bands
 * always has a price. Tier prices follow the FLAT rule (at least 0).
 */
function checkTiers(tiers: readonly Tier[] | null, rateType: RateType, field: string): Problem[] {
  if (tiers === null || tiers.length === 0) {
    return [{ field, message: `must list at least one tier for ${rateType} rates` }]
  }
  const problems: Problem[] = []
  tiers.forEach((tier, index) => {
    problems.push(...checkTierSize(tier.size, index, tiers.length, field))
    if (tier.price.isNegative()) {
      problems.push({ field: `${field}[${index}].price`, message: 'must be at least 0' })
    }
  })
  return problems
}

/**
 * The size rule of graduated bands, shared by rate tiers and override tiers: every tier but the
 * last has a positive size (the width of its band); the last has none and is unbounded.
 */
export function checkTierSize(
  size: Dec | null,
  index: number,
  tierCount: number,
  field: string,
): Problem[] {
  const sizeField = `${field}[${index}].size`
  const isLast = index === tierCount - 1
  if (size === null) {
    return isLast ? [] : [{ field: sizeField, message: 'is required on all but the last tier' }]
  }
  if (isLast) {
    return [{ field: sizeField, message: 'must be left out on the last tier, which is unbounded' }]
  }
  return size.gt(0) ? [] : [{ field: sizeField, message: 'must be greater than 0' }]
}

function checkListOnlyTerms(terms: RateTerms, root: string): Problem[] {
  const problems: Problem[] = []
  if (terms.rateType === 'CUSTOM' && terms.customRate === null) {
    problems.push({ field: `${root}.custom_rate`, message: 'is required for CUSTOM rates' })
  }
  if (terms.rateType !== 'CUSTOM' && terms.customRate !== null) {
    problems.push({ field: `${root}.custom_rate`, message: 'is only for CUSTOM rates' })
  }
  if (terms.isProrated !== null && terms.rateType !== 'SUBSCRIPTION') {
    problems.push({ field: `${root}.is_prorated`, message: 'is only for SUBSCRIPTION rates' })
  }
  if (terms.isProrated === false && terms.rateType === 'SUBSCRIPTION') {
    problems.push({ field: `${root}.is_prorated`, message: 'must be true' })
  }
  if (terms.rateType === 'SUBSCRIPTION' && terms.quantity?.isNegative()) {
    problems.push({ field: `${root}.quantity`, message: 'must be at least 0' })
  }
  return problems
}

/**
 * Rules that need the product as of the rate's start: archived products take no new rates;
 * a FLAT rate for a SUBSCRIPTION product needs a billing frequency; commit rates are for usage
 * products; pricing group values name exactly the product's pricing group key.
 */
export function checkRateForProduct(
  rate: NewRate,
  product: Pick<ProductView, 'type' | 'archivedAt' | 'pricingGroupKey'>,
  root = 'body',
): readonly Problem[] {
  const problems: Problem[] = []
  if (product.archivedAt !== null) {
    problems.push({
      field: `${root}.product_id`,
      message: 'names an archived product, which cannot be used for new rates',
    })
  }
  if (
    product.type === 'SUBSCRIPTION' &&
    rate.rate.rateType === 'FLAT' &&
    rate.billingFrequency === null
  ) {
    problems.push({
      field: `${root}.billing_frequency`,
      message: 'is required for a FLAT rate on a SUBSCRIPTION product',
    })
  }
  if (rate.commitRate !== null && !commitRateProductTypes.includes(product.type)) {
    problems.push({ field: `${root}.commit_rate`, message: 'is only for USAGE products' })
  }
  if (rate.pricingGroupValues !== null) {
    const given = Object.keys(rate.pricingGroupValues).sort()
    const expected = [...(product.pricingGroupKey ?? [])].sort()
    if (JSON.stringify(given) !== JSON.stringify(expected)) {
      problems.push({
        field: `${root}.pricing_group_values`,
        message:
          expected.length === 0
            ? 'is given but the product has no pricing_group_key'
            : `must name exactly the product's pricing_group_key (${expected.join(', ')})`,
      })
    }
  }
  return problems
}

const commitRateProductTypes: readonly ProductType[] = ['USAGE']

/**
 * A rate card alias assignment. An alias may be scheduled (`startingAt`/`endingBefore`,
 * half-open, either open) and may be assigned to several rate cards over time.
 */
export interface RateCardAliasAssignment {
  readonly rateCardId: string
  readonly name: string
  readonly startingAt: Date | null
  readonly endingBefore: Date | null
}

/**
 * The rate card an alias names at `at`. Among the assignments of `name` whose window contains
 * `at`, the one assigned most recently (last in `assignments`, which is in assignment order)
 * wins: "If the same alias is assigned to multiple rate cards, it will reference the rate card
 * to which it was most recently assigned." A scheduled assignment to a new card therefore takes
 * over from its `startingAt` while the old card keeps the alias before it.
 */
export function resolveAlias(
  assignments: readonly RateCardAliasAssignment[],
  name: string,
  at: Date,
): string | null {
  const inForce = assignments.filter(
    (assignment) =>
      assignment.name === name &&
      (assignment.startingAt === null || time(assignment.startingAt) <= time(at)) &&
      (assignment.endingBefore === null || time(at) < time(assignment.endingBefore)),
  )
  return inForce.at(-1)?.rateCardId ?? null
}

export function checkAliases(
  aliases: readonly Omit<RateCardAliasAssignment, 'rateCardId'>[],
  root = 'body.aliases',
): readonly Problem[] {
  const problems: Problem[] = []
  aliases.forEach((alias, index) => {
    if (alias.name === '') {
      problems.push({ field: `${root}[${index}].name`, message: 'must not be empty' })
    }
    const { startingAt, endingBefore } = alias
    if (startingAt !== null && endingBefore !== null && time(endingBefore) <= time(startingAt)) {
      problems.push({
        field: `${root}[${index}].ending_before`,
        message: 'must be after starting_at',
      })
    }
  })
  return problems
}
