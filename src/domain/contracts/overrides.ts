/**
 * Contract overrides as data (semantics §4.6) and the rules that say which lines an override
 * reaches. Which one override wins, and what it does to a rate, is `contract-rates.ts`; the
 * rules chosen where the sources are silent are decision 0008.
 *
 * An override changes the price of the lines it targets during `[startingAt, endingBefore)`:
 * OVERWRITE replaces the rate, MULTIPLIER scales it, TIERED scales it per quantity band. It may
 * also switch entitlement (`entitled`), and an override with no type does only that.
 *
 * Targeting is either the top-level `productId` / `applicableProductTags` or a list of
 * `overrideSpecifiers`, never both. Specifiers are alternatives (any one may match); the fields
 * of one specifier must all match. A specifier's `productTags` needs every tag, whereas
 * `applicableProductTags` needs any one — the OpenAPI document says "all the specified tags"
 * for the first and the docs say "any" for the second. A specifier's `exclude` entries take
 * lines back out: a line its other fields match is not reached when its product carries every
 * tag of any one entry. Those fields are matched by `commitSpecifierMatches` of `commits.ts`, so
 * an override specifier and a commit specifier read them alike.
 */
import type { Dec } from '../money/decimal.js'
import { checkSpecifierExcludes, commitSpecifierMatches, type ExcludeSpecifier } from './commits.js'
import {
  checkNewRate,
  checkTierSize,
  type BillingFrequency,
  type PricingGroupValues,
  type RateTerms,
} from '../pricing/rate-card.js'
import type { Problem } from '../problem.js'

export type OverrideType = 'OVERWRITE' | 'MULTIPLIER' | 'TIERED'
export type OverrideTarget = 'COMMIT_RATE' | 'LIST_RATE'
export type MultiplierPrioritization = 'LOWEST_MULTIPLIER' | 'EXPLICIT'

/** The prioritization a contract has when the request leaves it out. */
export const defaultPrioritization: MultiplierPrioritization = 'LOWEST_MULTIPLIER'

/** A quantity band of a TIERED override; `size: null` only on the last, unbounded band. */
export interface OverrideTier {
  readonly size: Dec | null
  readonly multiplier: Dec
}

/** Presentation group values of a line item (a key with no value on the event is absent). */
export type PresentationGroupValues = Readonly<Record<string, string>>

export interface OverrideSpecifier {
  readonly productId?: string
  /** The product must have every one of these tags. */
  readonly productTags?: readonly string[]
  /** The line's pricing group values must include these pairs (it may have more keys). */
  readonly pricingGroupValues?: PricingGroupValues
  /** The line's presentation group values must include these pairs; MULTIPLIER only. */
  readonly presentationGroupValues?: PresentationGroupValues
  readonly billingFrequency?: BillingFrequency
  /** Commit-specific only: the commit or credit being drawn down is one of these. */
  readonly commitIds?: readonly string[]
  /** Commit-specific only: the commit being drawn down was created by one of these. */
  readonly recurringCommitIds?: readonly string[]
  /** Commit-specific only: any of commit, credit, recurring commit or recurring credit ids. */
  readonly anyCommitOrCreditIds?: readonly string[]
  /** A line the fields above match is still not reached when any one of these matches it. */
  readonly exclude?: readonly ExcludeSpecifier[]
}

/**
 * An override as a request describes it, after wire parsing; `null` is "not given". The wire
 * calls the tiers `tiers` on input and `override_tiers` on output.
 */
export interface NewOverride {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  /** `null`: an entitlement-only override (the wire's `type` is optional). */
  readonly type: OverrideType | null
  readonly multiplier: Dec | null
  /** `creditTypeId: null` means the credit type of the rate it replaces. */
  readonly overwriteRate: RateTerms | null
  readonly tiers: readonly OverrideTier[] | null
  readonly entitled: boolean | null
  /** Lower wins under EXPLICIT prioritization; a wire `number`, used only to order overrides. */
  readonly priority: number | null
  readonly productId: string | null
  /** The product must have any one of these tags. */
  readonly applicableProductTags: readonly string[] | null
  readonly overrideSpecifiers: readonly OverrideSpecifier[] | null
  readonly isCommitSpecific: boolean
  /** Only for commit-specific overrides; `null` means LIST_RATE. */
  readonly target: OverrideTarget | null
}

export interface Override extends NewOverride {
  readonly id: string
  /** Position in the order overrides were added to the contract: higher is added later. */
  readonly creationOrder: number
}

/** The commit or credit a line draws down, when it draws one down. */
export interface DrawnCommit {
  readonly id: string
  /** Set when the commit was created by a recurring commit. */
  readonly recurringCommitId?: string | null
  /** Set when the credit was created by a recurring credit. */
  readonly recurringCreditId?: string | null
}

/** What an override's targeting is compared with: one line of usage at one instant. */
export interface OverrideLineContext {
  readonly at: Date
  readonly productId: string
  /** The product's tags as of `at`. */
  readonly productTags: readonly string[]
  readonly pricingGroupValues: PricingGroupValues | null
  readonly presentationGroupValues?: PresentationGroupValues | null
  readonly billingFrequency?: BillingFrequency | null
  readonly commit?: DrawnCommit | null
}

const time = (date: Date) => date.getTime()

/** The override's window contains `at` (start inclusive, end exclusive). */
export function overrideInForce(override: NewOverride, at: Date): boolean {
  return (
    time(override.startingAt) <= time(at) &&
    (override.endingBefore === null || time(at) < time(override.endingBefore))
  )
}

/**
 * The override reaches this line at this instant: in force, targeted at it, and — when it is
 * commit-specific — the line draws down a commit it names (or any commit, when it names none).
 * Whether it *wins* is decided among all that apply (`contract-rates.ts`).
 */
export function overrideApplies(override: NewOverride, line: OverrideLineContext): boolean {
  if (!overrideInForce(override, line.at)) return false
  if (override.isCommitSpecific && !line.commit) return false
  const specifiers = override.overrideSpecifiers
  if (specifiers !== null && specifiers.length > 0) {
    return specifiers.some((specifier) => specifierMatches(specifier, override, line))
  }
  return topLevelMatches(override, line)
}

/** `productId` and `applicableProductTags` together must both match; neither targets nothing. */
function topLevelMatches(override: NewOverride, line: OverrideLineContext): boolean {
  const { productId, applicableProductTags: tags } = override
  if (productId === null && tags === null) return false
  if (productId !== null && productId !== line.productId) return false
  if (tags !== null && !tags.some((tag) => line.productTags.includes(tag))) return false
  return true
}

function specifierMatches(
  specifier: OverrideSpecifier,
  override: NewOverride,
  line: OverrideLineContext,
): boolean {
  // Product, tags, group values and exclusions read as on a commit's specifier (0008 rule 22).
  if (!commitSpecifierMatches(specifier, line)) return false
  if (
    specifier.billingFrequency !== undefined &&
    specifier.billingFrequency !== (line.billingFrequency ?? null)
  ) {
    return false
  }
  return !override.isCommitSpecific || commitMatches(specifier, line.commit ?? null)
}

/**
 * The commit lists of one specifier are one condition: the drawn commit is named by any of
 * them. With none, a commit-specific override applies to every commit and credit.
 */
function commitMatches(specifier: OverrideSpecifier, commit: DrawnCommit | null): boolean {
  if (commit === null) return false
  const { commitIds, recurringCommitIds, anyCommitOrCreditIds } = specifier
  if (!commitIds && !recurringCommitIds && !anyCommitOrCreditIds) return true
  const recurringCommit = commit.recurringCommitId ?? null
  const recurringCredit = commit.recurringCreditId ?? null
  return (
    (commitIds?.includes(commit.id) ?? false) ||
    (recurringCommit !== null && (recurringCommitIds?.includes(recurringCommit) ?? false)) ||
    (anyCommitOrCreditIds ?? []).some(
      (id) => id === commit.id || id === recurringCommit || id === recurringCredit,
    )
  )
}

/** The overrides of a request, with what they are checked against. */
export interface OverridesCheckInput {
  readonly overrides: readonly NewOverride[]
  /** The contract's `multiplier_override_prioritization`; `null` when the request leaves it out. */
  readonly prioritization: MultiplierPrioritization | null
  /** The wire name of the list under `root`: `overrides`, or `add_overrides` for an edit. */
  readonly listField?: string
  /**
   * A product's pricing group key, when the caller has loaded the products; without it the
   * OVERWRITE rule for dimensional pricing is not checked here. `undefined`: unknown product.
   */
  readonly pricingGroupKeyOf?: (productId: string) => readonly string[] | null | undefined
}

/** Every problem with the overrides, each named by its wire path (`body.overrides[2].multiplier`). */
export function checkOverrides(input: OverridesCheckInput, root = 'body'): readonly Problem[] {
  const prioritization = input.prioritization ?? defaultPrioritization
  return input.overrides.flatMap((override, index) =>
    checkOverride(
      override,
      prioritization,
      input,
      `${root}.${input.listField ?? 'overrides'}[${index}]`,
    ),
  )
}

const specifierSelectors = [
  'productId',
  'productTags',
  'pricingGroupValues',
  'presentationGroupValues',
  'billingFrequency',
] as const satisfies readonly (keyof OverrideSpecifier)[]

/** The spec: commit lists "must be used in conjunction with" one of these. */
const commitListCompanions = [
  'productId',
  'productTags',
  'pricingGroupValues',
  'presentationGroupValues',
] as const satisfies readonly (keyof OverrideSpecifier)[]

function checkOverride(
  override: NewOverride,
  prioritization: MultiplierPrioritization,
  input: OverridesCheckInput,
  path: string,
): Problem[] {
  const problems: Problem[] = []
  const problem = (field: string, message: string) =>
    problems.push({ field: `${path}.${field}`, message })

  if (override.endingBefore !== null && time(override.endingBefore) <= time(override.startingAt)) {
    problem('ending_before', 'must be after starting_at')
  }
  if (override.priority !== null && !(override.priority > 0)) {
    problem('priority', 'must be greater than 0')
  }
  if (override.target !== null && !override.isCommitSpecific) {
    problem('target', 'is only for commit-specific overrides (is_commit_specific: true)')
  }
  problems.push(...checkTargeting(override, path))
  problems.push(...checkTypeFields(override, prioritization, input, path))
  return problems
}

function checkTargeting(override: NewOverride, path: string): Problem[] {
  const problems: Problem[] = []
  const problem = (field: string, message: string) =>
    problems.push({ field: `${path}.${field}`, message })
  const { productId, applicableProductTags: tags, overrideSpecifiers: specifiers } = override

  if (specifiers !== null) {
    if (productId !== null) problem('override_specifiers', 'cannot be combined with product_id')
    if (tags !== null) {
      problem('override_specifiers', 'cannot be combined with applicable_product_tags')
    }
    if (specifiers.length === 0) problem('override_specifiers', 'must list at least one specifier')
  } else if (productId === null && tags === null) {
    problem('product_id', 'or applicable_product_tags or override_specifiers is required')
  }
  if (tags !== null && tags.length === 0) {
    problem('applicable_product_tags', 'must list at least one tag')
  }
  ;(specifiers ?? []).forEach((specifier, index) => {
    const at = `override_specifiers[${index}]`
    const given = (key: keyof OverrideSpecifier) => specifier[key] !== undefined
    if (!specifierSelectors.some(given)) {
      problem(
        at,
        'must name at least one of product_id, product_tags, pricing_group_values, ' +
          'presentation_group_values or billing_frequency',
      )
    }
    if (specifier.productTags?.length === 0) {
      problem(`${at}.product_tags`, 'must list at least one tag')
    }
    const commitLists = (['commitIds', 'recurringCommitIds', 'anyCommitOrCreditIds'] as const)
      .filter(given)
      .map((key) => wireNameOf[key])
    for (const list of commitLists) {
      if (!override.isCommitSpecific) {
        problem(`${at}.${list}`, 'is only for commit-specific overrides (is_commit_specific: true)')
      } else if (!commitListCompanions.some(given)) {
        problem(
          `${at}.${list}`,
          'must be used with one of product_id, product_tags, pricing_group_values or ' +
            'presentation_group_values',
        )
      }
    }
    if (given('anyCommitOrCreditIds') && (given('commitIds') || given('recurringCommitIds'))) {
      problem(
        `${at}.any_commit_or_credit_ids`,
        'cannot be combined with commit_ids or recurring_commit_ids',
      )
    }
    if (given('presentationGroupValues') && override.type !== 'MULTIPLIER') {
      problem(`${at}.presentation_group_values`, 'is only for MULTIPLIER overrides')
    }
  })
  problems.push(...checkSpecifierExcludes(specifiers, path, 'override_specifiers'))
  return problems
}

const wireNameOf = {
  commitIds: 'commit_ids',
  recurringCommitIds: 'recurring_commit_ids',
  anyCommitOrCreditIds: 'any_commit_or_credit_ids',
} as const

/** The field that carries each type's terms, and the type it belongs to. */
const termFields = [
  ['multiplier', 'multiplier', 'MULTIPLIER'],
  ['overwriteRate', 'overwrite_rate', 'OVERWRITE'],
  ['tiers', 'tiers', 'TIERED'],
] as const satisfies readonly (readonly [keyof NewOverride, string, OverrideType])[]

function checkTypeFields(
  override: NewOverride,
  prioritization: MultiplierPrioritization,
  input: OverridesCheckInput,
  path: string,
): Problem[] {
  const problems: Problem[] = []
  const problem = (field: string, message: string) =>
    problems.push({ field: `${path}.${field}`, message })
  const { type } = override

  if (type === null) {
    const given = termFields.filter(([key]) => override[key] !== null).map(([, wire]) => wire)
    if (given.length > 0) problem('type', `is required when ${given.join(', ')} is given`)
    else if (override.entitled === null) problem('type', 'or entitled is required')
    return problems
  }
  for (const [key, wire, owner] of termFields) {
    if (owner === type && override[key] === null) {
      problem(wire, `is required for ${type} overrides`)
    } else if (owner !== type && override[key] !== null) {
      problem(wire, `is only for ${owner} overrides`)
    }
  }

  if (type === 'MULTIPLIER' && override.multiplier?.isNegative()) {
    problem('multiplier', 'must be at least 0')
  }
  if (type === 'OVERWRITE') problems.push(...checkOverwrite(override, input, path))
  if (type === 'TIERED') {
    if (override.tiers !== null)
      problems.push(...checkOverrideTiers(override.tiers, `${path}.tiers`))
    if (prioritization !== 'EXPLICIT') {
      problem(
        'type',
        'TIERED needs the contract’s multiplier_override_prioritization to be EXPLICIT',
      )
    }
  }
  const needsPriority =
    type === 'TIERED' || (type === 'MULTIPLIER' && prioritization === 'EXPLICIT')
  if (needsPriority && override.priority === null) {
    problem(
      'priority',
      type === 'TIERED'
        ? 'is required for TIERED overrides'
        : 'is required for MULTIPLIER overrides under EXPLICIT prioritization',
    )
  }
  return problems
}

/**
 * Overwrites name their products: no tags, and — with dimensional pricing — a product id and a
 * value for every pricing group key, so that one overwrite rate is one price.
 */
function checkOverwrite(
  override: NewOverride,
  input: OverridesCheckInput,
  path: string,
): Problem[] {
  const problems: Problem[] = []
  const problem = (field: string, message: string) =>
    problems.push({ field: `${path}.${field}`, message })
  if (override.applicableProductTags !== null) {
    problem('applicable_product_tags', 'cannot target an OVERWRITE override; name product_id')
  }
  const keysOf = (productId: string) => input.pricingGroupKeyOf?.(productId) ?? null
  if (override.productId !== null && (keysOf(override.productId) ?? []).length > 0) {
    problem(
      'product_id',
      'names a product with a pricing_group_key: an OVERWRITE must use override_specifiers ' +
        'with product_id and every pricing group value',
    )
  }
  ;(override.overrideSpecifiers ?? []).forEach((specifier, index) => {
    const at = `override_specifiers[${index}]`
    if (specifier.productTags !== undefined) {
      problem(`${at}.product_tags`, 'cannot target an OVERWRITE override; name product_id')
    }
    if (specifier.productId === undefined) {
      problem(`${at}.product_id`, 'is required for OVERWRITE overrides')
      return
    }
    const keys = keysOf(specifier.productId) ?? []
    const values = specifier.pricingGroupValues ?? {}
    const missing = keys.filter((key) => !Object.hasOwn(values, key))
    if (missing.length > 0) {
      problem(
        `${at}.pricing_group_values`,
        `must give every pricing group value of the product for an OVERWRITE (missing ${missing.join(', ')})`,
      )
    }
  })
  if (override.overwriteRate !== null) {
    // The rate card's own rules for rate terms, so an overwrite can never hold a rate the card
    // would refuse. A rate with no schedule clash and no end checks only its terms.
    const asRate = {
      productId: override.productId ?? '',
      startingAt: override.startingAt,
      endingBefore: null,
      entitled: true,
      pricingGroupValues: null,
      billingFrequency: null,
      rate: override.overwriteRate,
      commitRate: null,
    }
    problems.push(...checkNewRate({ rates: [] }, asRate, `${path}.overwrite_rate`))
  }
  return problems
}

/**
 * The bands of a TIERED override follow the rule of rate tiers: every band but the last has a
 * positive size, the last is unbounded, so usage past the sized bands always has a multiplier.
 */
function checkOverrideTiers(tiers: readonly OverrideTier[], field: string): Problem[] {
  if (tiers.length === 0) return [{ field, message: 'must list at least one tier' }]
  const problems: Problem[] = []
  tiers.forEach((tier, index) => {
    problems.push(...checkTierSize(tier.size, index, tiers.length, field))
    if (tier.multiplier.isNegative()) {
      problems.push({ field: `${field}[${index}].multiplier`, message: 'must be at least 0' })
    }
  })
  return problems
}
