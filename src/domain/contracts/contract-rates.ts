/**
 * The rate a contract charges for a line at an instant (semantics §3.5, §4.6, §4.13): the rate
 * card's rate, switched on or off by entitlement overrides, then changed by at most one price
 * override — overrides never stack. Rules the sources leave open are decision 0008.
 *
 * Which override wins, highest rank first:
 *  1. a commit-specific OVERWRITE, 2. a commit-specific MULTIPLIER/TIERED,
 *  3. a contract OVERWRITE, 4. a contract MULTIPLIER/TIERED.
 * Commit-specific overrides compete only while the line draws down a commit they name. Among
 * overwrites the one added last wins. Among multipliers the contract's prioritization decides:
 * LOWEST_MULTIPLIER (the smallest multiplier, i.e. the largest discount) or EXPLICIT (the lowest
 * `priority`); ties go to the override added last, so the answer never depends on list order.
 *
 * A line that draws down a commit has two prices: `rate` (the list rate, for commits that use
 * LIST_RATE and for usage no commit covers) and `commitRate` (for commits that use COMMIT_RATE).
 * Contract-level overrides change list rates only; a commit rate is changed only by
 * commit-specific overrides that target COMMIT_RATE.
 */
import type { Dec } from '../money/decimal.js'
import { productAsOf, type Product } from '../pricing/product.js'
import {
  rateSegments,
  resolveRate,
  selects,
  type BillingFrequency,
  type CommitRateTerms,
  type PricingGroupValues,
  type RateCard,
  type RateSegment,
  type RateSelector,
  type RateTerms,
  type TimeRange,
} from '../pricing/rate-card.js'
import {
  overrideApplies,
  type DrawnCommit,
  type MultiplierPrioritization,
  type Override,
  type OverrideLineContext,
  type OverrideTier,
  type PresentationGroupValues,
} from './overrides.js'

/** Everything a contract's prices depend on. */
export interface ContractRateInput {
  readonly rateCard: RateCard
  /** Every product the rate card names, for tags as of the instant priced. */
  readonly productsById: ReadonlyMap<string, Product>
  /** The contract's overrides, in any order (`creationOrder` says which was added last). */
  readonly overrides: readonly Override[]
  readonly prioritization: MultiplierPrioritization
}

/** One line of usage: what is priced, and the commit it draws down, if any. */
export interface ContractLine {
  readonly productId: string
  readonly pricingGroupValues: PricingGroupValues | null
  readonly presentationGroupValues?: PresentationGroupValues | null
  readonly billingFrequency?: BillingFrequency | null
  readonly commit?: DrawnCommit | null
}

export interface ContractRateQuery extends ContractRateInput {
  readonly line: ContractLine
}

/** A price after the one override that won, if any. */
export interface PricedRate {
  /** The terms charged: prices and tier prices with a multiplier applied, or the overwrite. */
  readonly rate: RateTerms
  readonly appliedOverride: string | null
  /**
   * For a TIERED override: the multiplier per quantity band of the billing period, to be
   * applied to `rate` by the invoicing engine, which knows the quantities.
   */
  readonly multiplierTiers: readonly OverrideTier[] | null
}

export interface ContractRate {
  readonly entitled: boolean
  /** The override that decided entitlement; `null` when the rate card's `entitled` stands. */
  readonly entitledBy: string | null
  readonly listRate: RateSegment | null
  /** `null` when there is no list rate or the line is not entitled: nothing is billed. */
  readonly rate: RateTerms | null
  readonly appliedOverride: string | null
  readonly multiplierTiers: readonly OverrideTier[] | null
  /**
   * Only for a line that draws down a commit: the price when that commit uses COMMIT_RATE.
   * `null` when nothing is billed.
   */
  readonly commitRate?: PricedRate | null
}

/** The contract's rate for `query.line` at `at`. */
export function resolveContractRate(query: ContractRateQuery, at: Date): ContractRate {
  const { line } = query
  const listRate = resolveRate(
    query.rateCard,
    line.productId,
    line.pricingGroupValues,
    at,
    line.billingFrequency ?? null,
  )
  return priceLine(query, listRate, line, at)
}

const notBilled = { rate: null, appliedOverride: null, multiplierTiers: null } as const

function priceLine(
  input: ContractRateInput,
  listRate: RateSegment | null,
  line: ContractLine,
  at: Date,
): ContractRate {
  const withCommit = line.commit ? { commitRate: null } : {}
  // An override changes a rate the card has; with no rate on the card there is nothing to
  // change or to be entitled to.
  if (listRate === null) {
    return { entitled: false, entitledBy: null, listRate, ...notBilled, ...withCommit }
  }
  const context = lineContext(input, line, at)
  const applicable = input.overrides.filter((override) => overrideApplies(override, context))
  const entitlement = lastAdded(
    applicable.filter((override) => override.entitled !== null && !override.isCommitSpecific),
  )
  const entitled = entitlement?.entitled ?? listRate.entry.entitled
  if (!entitled) {
    return { entitled, entitledBy: entitlement?.id ?? null, listRate, ...notBilled, ...withCommit }
  }

  const listTerms = listRate.entry.rate
  const contractLevel = applicable.filter((override) => !override.isCommitSpecific)
  const commitSpecific = (target: 'COMMIT_RATE' | 'LIST_RATE', base: RateTerms) =>
    // "Any commit-specific overrides will not apply if there is a minimum set on the rate."
    base.minimum !== null
      ? []
      : applicable.filter(
          (override) => override.isCommitSpecific && (override.target ?? 'LIST_RATE') === target,
        )
  const list =
    winner(commitSpecific('LIST_RATE', listTerms), input.prioritization) ??
    winner(contractLevel, input.prioritization)
  const listPriced = priced(listTerms, list)

  const result = {
    entitled,
    entitledBy: entitlement?.id ?? null,
    listRate,
    rate: listPriced.rate,
    appliedOverride: listPriced.appliedOverride,
    multiplierTiers: listPriced.multiplierTiers,
  }
  if (!line.commit) return result

  const cardCommitRate = listRate.entry.commitRate
  const commitBase = cardCommitRate ? commitTerms(cardCommitRate, listTerms) : listTerms
  const commitOverride = winner(commitSpecific('COMMIT_RATE', commitBase), input.prioritization)
  // Without a commit rate on the card and no override aimed at one, a COMMIT_RATE commit pays
  // what a LIST_RATE commit pays.
  const commitRate =
    commitOverride || cardCommitRate ? priced(commitBase, commitOverride) : listPriced
  return { ...result, commitRate }
}

function lineContext(input: ContractRateInput, line: ContractLine, at: Date): OverrideLineContext {
  return {
    at,
    productId: line.productId,
    productTags: input.overrides.some(targetsTags) ? tagsAt(input, line.productId, at) : [],
    pricingGroupValues: line.pricingGroupValues,
    presentationGroupValues: line.presentationGroupValues ?? null,
    billingFrequency: line.billingFrequency ?? null,
    commit: line.commit ?? null,
  }
}

/** The override's targeting reads product tags: to include a product, or to exclude one. */
function targetsTags(override: Override): boolean {
  return (
    override.applicableProductTags !== null ||
    (override.overrideSpecifiers ?? []).some(
      (specifier) => specifier.productTags !== undefined || (specifier.exclude?.length ?? 0) > 0,
    )
  )
}

function tagsAt(input: ContractRateInput, productId: string, at: Date): readonly string[] {
  const product = input.productsById.get(productId)
  if (!product) throw new Error(`product ${productId} is priced but not in productsById`)
  return productAsOf(product, at).tags
}

/** A card commit rate as full terms: same pricing unit as the list rate it sits beside. */
function commitTerms(commitRate: CommitRateTerms, listTerms: RateTerms): RateTerms {
  return {
    ...commitRate,
    creditTypeId: listTerms.creditTypeId,
    isProrated: null,
    quantity: null,
    customRate: null,
  }
}

function priced(base: RateTerms, override: Override | null): PricedRate {
  if (override === null) return { rate: base, appliedOverride: null, multiplierTiers: null }
  const applied = { appliedOverride: override.id, multiplierTiers: null }
  switch (override.type) {
    case 'OVERWRITE': {
      const overwrite = required(override.overwriteRate, override, 'overwriteRate')
      return {
        ...applied,
        rate: { ...overwrite, creditTypeId: overwrite.creditTypeId ?? base.creditTypeId },
      }
    }
    case 'MULTIPLIER':
      return {
        ...applied,
        rate: multiplied(base, required(override.multiplier, override, 'multiplier')),
      }
    case 'TIERED':
      return {
        ...applied,
        rate: base,
        multiplierTiers: required(override.tiers, override, 'tiers'),
      }
    case null:
      throw new Error(`override ${override.id} has no type and cannot price a line`)
  }
}

/**
 * Every price the terms carry, times the multiplier: the flat price, or each tier's price. A
 * minimum is an amount, not a unit price, and custom rates have no price to scale: both stay.
 */
function multiplied(terms: RateTerms, multiplier: Dec): RateTerms {
  return {
    ...terms,
    price: terms.price?.times(multiplier) ?? null,
    tiers: terms.tiers?.map((tier) => ({ ...tier, price: tier.price.times(multiplier) })) ?? null,
  }
}

function required<T>(value: T | null, override: Override, field: string): T {
  if (value === null)
    throw new Error(`override ${override.id} is ${override.type} without ${field}`)
  return value
}

function lastAdded(overrides: readonly Override[]): Override | null {
  return overrides.reduce<Override | null>(
    (best, override) =>
      best === null || override.creationOrder > best.creationOrder ? override : best,
    null,
  )
}

/** The one price override among `candidates` that applies, by the ranks in the file comment. */
function winner(
  candidates: readonly Override[],
  prioritization: MultiplierPrioritization,
): Override | null {
  const overwrite = lastAdded(candidates.filter((override) => override.type === 'OVERWRITE'))
  if (overwrite) return overwrite
  const scaling = candidates.filter(
    (override) => override.type === 'MULTIPLIER' || override.type === 'TIERED',
  )
  return scaling.reduce<Override | null>((best, override) => {
    if (best === null) return override
    const order = compareScaling(override, best, prioritization)
    return order < 0 || (order === 0 && override.creationOrder > best.creationOrder)
      ? override
      : best
  }, null)
}

/** Negative when `a` ranks before `b`; zero on a tie. */
function compareScaling(
  a: Override,
  b: Override,
  prioritization: MultiplierPrioritization,
): number {
  if (prioritization === 'EXPLICIT') return priorityOf(a) - priorityOf(b)
  return multiplierOf(a).comparedTo(multiplierOf(b))
}

// Both throws are states the checks refuse (checkOverrides): reaching them is a bug.
function priorityOf(override: Override): number {
  if (override.priority === null) {
    throw new Error(`override ${override.id} has no priority under EXPLICIT prioritization`)
  }
  return override.priority
}

function multiplierOf(override: Override): Dec {
  if (override.type === 'TIERED') {
    throw new Error(`TIERED override ${override.id} under LOWEST_MULTIPLIER prioritization`)
  }
  return required(override.multiplier, override, 'multiplier')
}

/** One stretch of time over which a rate of the contract does not change. */
export interface ContractRateScheduleSegment {
  readonly productId: string
  readonly pricingGroupValues: PricingGroupValues | null
  readonly billingFrequency: BillingFrequency | null
  readonly startingAt: Date
  readonly endingBefore: Date | null
  /** Always true: the schedule lists only entitled rates. */
  readonly entitled: boolean
  readonly listRate: RateSegment
  readonly rate: RateTerms
  /** The override that applies over the whole segment, or `null`. */
  readonly override: string | null
  readonly multiplierTiers: readonly OverrideTier[] | null
  /** The rate card's commit rate: contract-level overrides do not change commit rates. */
  readonly commitRate: CommitRateTerms | null
}

/**
 * The contract's entitled rates over `range` (getContractRateSchedule), for lines that draw down
 * no commit and have no presentation group values.
 *
 * Each rate-card segment is cut wherever an override that may target it starts or ends, or its
 * product's settings change (tags move tag-targeted overrides); neighbouring pieces with the
 * same entitlement and the same applied override are joined again, so a segment is a maximal
 * stretch of one price. Like `rateSchedule`, segments that overlap the range are returned with
 * their own bounds, not clipped: a schedule of a range is the union of the schedules of its
 * parts. Ordered by start, then by the order the rates were added to the card.
 */
export function contractRateSchedule(
  input: ContractRateInput,
  range: TimeRange,
  selectors: readonly RateSelector[] = [],
): ContractRateScheduleSegment[] {
  const tagsOf = (at: Date) => (productId: string) => tagsAt(input, productId, at)
  return rateSegments(input.rateCard)
    .flatMap((segment) => contractSegments(input, segment))
    .filter((piece): piece is ContractRateScheduleSegment => piece.rate !== null)
    .filter((piece) => overlaps(piece, range))
    .filter((piece) =>
      selects(selectors, piece.listRate.entry, { tagsOf: tagsOf(latest(piece.startingAt, range)) }),
    )
    .sort((a, b) => time(a.startingAt) - time(b.startingAt))
}

const time = (date: Date) => date.getTime()

function latest(at: Date, range: TimeRange): Date {
  return time(at) > time(range.startingAt) ? at : range.startingAt
}

/** A piece of a segment, entitled (and then with a rate) or not. */
type Piece = Omit<ContractRateScheduleSegment, 'rate'> & { readonly rate: RateTerms | null }

/** A segment's pieces, entitled or not, in time order. */
function contractSegments(input: ContractRateInput, listRate: RateSegment): Piece[] {
  const { entry } = listRate
  const line: ContractLine = {
    productId: entry.productId,
    pricingGroupValues: entry.pricingGroupValues,
    billingFrequency: entry.billingFrequency,
  }
  const starts = cutPoints(input, listRate)
  const pieces: Piece[] = []
  starts.forEach((startingAt, index) => {
    const endingBefore = starts[index + 1] ?? listRate.endingBefore
    const priced = priceLine(input, listRate, line, startingAt)
    const previous = pieces.at(-1)
    if (
      previous &&
      previous.entitled === priced.entitled &&
      previous.override === priced.appliedOverride
    ) {
      pieces[pieces.length - 1] = { ...previous, endingBefore }
      return
    }
    pieces.push({
      productId: entry.productId,
      pricingGroupValues: entry.pricingGroupValues,
      billingFrequency: entry.billingFrequency,
      startingAt,
      endingBefore,
      entitled: priced.entitled,
      listRate,
      rate: priced.rate,
      override: priced.appliedOverride,
      multiplierTiers: priced.multiplierTiers,
      commitRate: entry.commitRate,
    })
  })
  return pieces
}

/** The segment's start and every instant strictly inside it where the answer may change. */
function cutPoints(input: ContractRateInput, listRate: RateSegment): Date[] {
  const { productId } = listRate.entry
  const instants = input.overrides
    .filter((override) => mayTarget(override, productId))
    .flatMap((override) => [override.startingAt, override.endingBefore])
  const product = input.productsById.get(productId)
  instants.push(...(product?.updates ?? []).map((update) => update.startingAt))
  const start = time(listRate.startingAt)
  const end = listRate.endingBefore === null ? Infinity : time(listRate.endingBefore)
  const inside = instants
    .filter((instant): instant is Date => instant !== null)
    .map(time)
    .filter((instant) => instant > start && instant < end)
  return [...new Set([start, ...inside])].sort((a, b) => a - b).map((instant) => new Date(instant))
}

/** False only when the override names products and none of them is this one. */
function mayTarget(override: Override, productId: string): boolean {
  const specifiers = override.overrideSpecifiers ?? []
  if (specifiers.length > 0) {
    return specifiers.some(
      (specifier) => specifier.productId === undefined || specifier.productId === productId,
    )
  }
  return override.productId === null || override.productId === productId
}

function overlaps(segment: TimeRange, range: TimeRange): boolean {
  const startsBeforeRangeEnds =
    range.endingBefore === null || time(segment.startingAt) < time(range.endingBefore)
  const endsAfterRangeStarts =
    segment.endingBefore === null || time(segment.endingBefore) > time(range.startingAt)
  const rangeIsEmpty =
    range.endingBefore !== null && time(range.endingBefore) <= time(range.startingAt)
  return startsBeforeRangeEnds && endsAfterRangeStarts && !rangeIsEmpty
}
