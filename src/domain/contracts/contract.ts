/**
 * The contract aggregate (decision 0010). A contract is its history: the create, then every
 * edit in the order it was recorded. `applyEdit` is the one reducer from edits to terms, so the
 * current contract, the contract as of an instant (v2 `as_of_date`) and v1's `initial` all come
 * from the same replay and cannot disagree.
 *
 * Terms are typed where rules live (commits, credits, recurring commits and credits, overrides,
 * scheduled charges, discounts, professional services, subscriptions, the usage filter and
 * statement schedules, the transition) and opaque where the engine only keeps what the caller
 * sent (billing-provider and revenue-system configurations, reseller royalties, hierarchy,
 * threshold and spend-tracker configurations): those pass through as schema-checked JSON.
 *
 * `checkContractCreate` reports every problem of a create request at once, each named by its
 * wire path (`body.commits[1].product_id`); `newContract` builds the terms of a checked request,
 * giving every term, segment and schedule item a server id and mapping `temporary_id`s.
 */
import { Dec } from '../money/decimal.js'
import type { BillingFrequency } from '../pricing/rate-card.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import { productAsOf, type Product, type ProductType } from '../pricing/product.js'
import type { Problem } from '../problem.js'
import {
  checkUsageStatementSchedule,
  usageStatementSchedule,
  type Term,
  type UsageStatementSchedule,
  type UsageStatementScheduleInput,
} from './billing-periods.js'
import {
  checkCommit,
  checkCredit,
  checkScheduleInput,
  checkSpecifierExcludes,
  invoiceItemAmount,
  invoiceScheduleItems,
  newCommit,
  newCredit,
  type BalanceRateType,
  type Commit,
  type CommitInput,
  type CommitSpecifier,
  type Credit,
  type CreditInput,
  type InvoiceSchedule,
  type ItemAmountInput,
  type InvoiceScheduleInput,
} from './commits.js'
import {
  checkOverrides,
  type MultiplierPrioritization,
  type NewOverride,
  type Override,
  type OverrideSpecifier,
} from './overrides.js'
import {
  checkDailyRecurrenceLimit,
  checkRecurring,
  recurringFromInput,
  type ProrationRounding,
  type Recurring,
  type RecurringInput,
} from './recurring.js'
import { applyBalanceEdit, type BalanceEdit } from './balance-edits.js'
import { withBalanceChange, type InstancePatch } from './instance-edits.js'
import type { RenewalEdit } from './renewal.js'
import { archived, withEndDate } from './lifecycle.js'
import type { QuantityChange, SeatChange } from './subscription-schedule.js'
import {
  applyAmendment,
  applyChanges,
  applyRetirement,
  type Amendment,
  type BalanceUpdate,
  type ContractChanges,
} from './contract-edits.js'

/** JSON kept as the caller sent it (after schema validation); the engine never reads inside. */
export type OpaqueJson = Readonly<Record<string, unknown>>
export type CustomFields = Readonly<Record<string, string>>

// ---------------------------------------------------------------------------------------------
// Terms.

/** Wire fields of a commit or credit that only travel with it. */
export interface BalanceExtras {
  readonly netsuiteSalesOrderId: string | null
  readonly hierarchyConfiguration: OpaqueJson | null
}

export interface ContractCommit extends Commit, BalanceExtras {
  readonly spendTrackerAttributes: OpaqueJson | null
}

export type ContractCredit = Credit & BalanceExtras

export type SubscriptionAllocation = 'INDIVIDUAL' | 'POOLED'

export interface RecurringSubscriptionConfig {
  /** A subscription of this contract (a `temporary_id` in the request is mapped to its id). */
  readonly subscriptionId: string
  readonly allocation: SubscriptionAllocation
  readonly applySeatIncreaseConfig: { readonly isProrated: boolean }
}

/** A recurring commit or credit: the generation settings (`Recurring`) and what it grants. */
export interface ContractRecurring extends Recurring {
  readonly id: string
  readonly productId: string
  readonly name: string | null
  readonly description: string | null
  readonly priority: Dec
  readonly rolloverFraction: Dec | null
  readonly applicableProductIds: readonly string[] | null
  readonly applicableProductTags: readonly string[] | null
  readonly specifiers: readonly CommitSpecifier[] | null
  readonly rateType: BalanceRateType
  readonly subscriptionConfig: RecurringSubscriptionConfig | null
  readonly netsuiteSalesOrderId: string | null
  readonly hierarchyConfiguration: OpaqueJson | null
}

/** A scheduled charge or a discount: a FIXED product invoiced on the schedule's dates. */
export interface ContractCharge {
  readonly id: string
  readonly productId: string
  readonly name: string | null
  readonly schedule: InvoiceSchedule
  readonly netsuiteSalesOrderId: string | null
  readonly customFields: CustomFields
  readonly archivedAt: Date | null
}

export interface ProfessionalService {
  readonly id: string
  readonly productId: string
  readonly description: string | null
  readonly unitPrice: Dec
  readonly quantity: Dec
  /** The most the service may bill over the term. */
  readonly maxAmount: Dec
  readonly netsuiteSalesOrderId: string | null
  readonly customFields: CustomFields
}

export type CollectionSchedule = 'ADVANCE' | 'ARREARS'
export type SubscriptionInvoiceBehavior = 'BILL_IMMEDIATELY' | 'BILL_ON_NEXT_COLLECTION_DATE'
export type QuantityManagementMode = 'SEAT_BASED' | 'QUANTITY_ONLY'
export type InvoicePlacement = 'ON_SCHEDULED_INVOICE' | 'ON_USAGE_INVOICE'

export interface SeatConfig {
  readonly seatGroupKey: string
  readonly initialSeatIds: readonly string[]
  readonly initialUnassignedSeats: number
}

export interface ContractSubscription {
  readonly id: string
  readonly productId: string
  readonly billingFrequency: BillingFrequency
  readonly name: string | null
  readonly description: string | null
  readonly collectionSchedule: CollectionSchedule
  readonly proration: {
    readonly isProrated: boolean
    readonly invoiceBehavior: SubscriptionInvoiceBehavior
    readonly rounding: ProrationRounding | null
  }
  /** QUANTITY_ONLY: the quantity from the start; SEAT_BASED: the initial seat count. */
  readonly initialQuantity: Dec
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly quantityManagementMode: QuantityManagementMode
  readonly seatConfig: SeatConfig | null
  /** null anchor: the contract's usage statement anchor (shown as such). */
  readonly billingCycleConfig: {
    readonly anchorDate: Date | null
    readonly invoicePlacement: InvoicePlacement
  }
  readonly paymentGateConfig: OpaqueJson | null
  readonly customFields: CustomFields
  /** v2 `update_subscriptions` quantity changes, in submission order; absent: none. */
  readonly quantityChanges?: readonly QuantityChange[]
  /** v2 `update_subscriptions` seat changes, in submission order; absent: none. */
  readonly seatChanges?: readonly SeatChange[]
}

/** One entry of the usage filter schedule; each applies from its start to the next one's. */
export interface UsageFilterEntry {
  readonly groupKey: string
  readonly groupValues: readonly string[]
  readonly startingAt: Date
}

export interface ContractTransition {
  readonly type: 'RENEWAL'
  readonly fromContractId: string
  readonly futureInvoiceBehavior: { readonly trueup: 'REMOVE' | 'AS_IS' | null } | null
}

/** Fields the engine keeps and returns without modelling them (decision 0010). */
export interface PassThroughTerms {
  readonly billingProviderConfiguration: OpaqueJson | null
  readonly revenueSystemConfiguration: OpaqueJson | null
  readonly resellerRoyalties: readonly OpaqueJson[] | null
  readonly hierarchyConfiguration: OpaqueJson | null
  readonly spendThresholdConfiguration: OpaqueJson | null
  readonly prepaidBalanceThresholdConfiguration: OpaqueJson | null
  readonly spendTrackers: readonly OpaqueJson[] | null
}

export const noPassThrough: PassThroughTerms = {
  billingProviderConfiguration: null,
  revenueSystemConfiguration: null,
  resellerRoyalties: null,
  hierarchyConfiguration: null,
  spendThresholdConfiguration: null,
  prepaidBalanceThresholdConfiguration: null,
  spendTrackers: null,
}

export interface ContractTerms {
  readonly id: string
  readonly customerId: string
  readonly name: string | null
  readonly startingAt: Date
  /** null: open-ended. */
  readonly endingBefore: Date | null
  readonly rateCardId: string | null
  readonly packageId: string | null
  readonly uniquenessKey: string | null
  readonly netPaymentTermsDays: number | null
  /** null: not given (LOWEST_MULTIPLIER applies). */
  readonly multiplierOverridePrioritization: MultiplierPrioritization | null
  readonly scheduledChargesOnUsageInvoices: 'ALL' | null
  readonly totalContractValue: Dec | null
  readonly netsuiteSalesOrderId: string | null
  readonly salesforceOpportunityId: string | null
  readonly commits: readonly ContractCommit[]
  readonly credits: readonly ContractCredit[]
  readonly recurringCommits: readonly ContractRecurring[]
  readonly recurringCredits: readonly ContractRecurring[]
  readonly overrides: readonly Override[]
  readonly scheduledCharges: readonly ContractCharge[]
  readonly discounts: readonly ContractCharge[]
  readonly professionalServices: readonly ProfessionalService[]
  readonly subscriptions: readonly ContractSubscription[]
  /** In start order; empty when the contract counts every event of its customer. */
  readonly usageFilter: readonly UsageFilterEntry[]
  readonly usageStatementSchedule: UsageStatementSchedule
  readonly transition: ContractTransition | null
  readonly passThrough: PassThroughTerms
  readonly customFields: CustomFields
  readonly createdAt: Date
  readonly createdBy: string
  readonly archivedAt: Date | null
  /**
   * Edits and archives naming recurring instances, in the order recorded (decision 0014):
   * instances are derived, so their changes are applied each time they are (`contractBalancesAt`).
   * Only the reducer sets it; absent: none (a create never carries any).
   */
  readonly instancePatches?: readonly InstancePatch[]
}

export function contractTerm(terms: Pick<ContractTerms, 'startingAt' | 'endingBefore'>): Term {
  return { startingAt: terms.startingAt, endingBefore: terms.endingBefore }
}

// ---------------------------------------------------------------------------------------------
// History.

interface EditFields {
  readonly id: string
  readonly recordedAt: Date
  readonly recordedBy: string
}

/**
 * One entry of a contract's history. `create` is always first. The other kinds are the small
 * edits whose effect is fully known; v1 `amend` and v2 `edit` join the union with their payloads
 * (terms added, updated, archived) when those operations are built.
 */
export type ContractEdit =
  | (EditFields & { readonly kind: 'create'; readonly terms: ContractTerms })
  | (EditFields & { readonly kind: 'updateEndDate'; readonly endingBefore: Date | null })
  | (EditFields & { readonly kind: 'setUsageFilter'; readonly filter: UsageFilterEntry })
  | (EditFields & { readonly kind: 'archive' })
  | (EditFields & BalanceEdit)
  // Recorded on the old contract when a RENEWAL names it (renewal.ts); its terms stay as they are.
  | (EditFields & RenewalEdit)
  // Term edits (contract-edits.ts): v1 amend, v2 edit, and the commit/credit operations.
  | (EditFields & { readonly kind: 'amend'; readonly amendment: Amendment })
  | (EditFields & { readonly kind: 'edit'; readonly changes: ContractChanges })
  | (EditFields & { readonly kind: 'editCommit' | 'editCredit'; readonly update: BalanceUpdate })
  | (EditFields & { readonly kind: 'archiveCommit' | 'archiveCredit'; readonly balanceId: string })
  | (EditFields & { readonly kind: 'retireCommits'; readonly commitIds: readonly string[] })

export type ContractEditKind = ContractEdit['kind']

export interface ContractHistory {
  readonly contractId: string
  readonly customerId: string
  /** In the order recorded; the first is the create. */
  readonly edits: readonly ContractEdit[]
}

/** The pure reducer: the terms after one more edit. Only `create` may start a history. */
export function applyEdit(terms: ContractTerms | null, edit: ContractEdit): ContractTerms {
  if (edit.kind === 'create') {
    if (terms !== null) throw new Error('a contract is created once')
    return edit.terms
  }
  if (terms === null) throw new Error(`a ${edit.kind} edit before the contract's create`)
  switch (edit.kind) {
    case 'updateEndDate':
      // Shortening truncates the terms; extending moves only the end (lifecycle.ts).
      return withEndDate(terms, edit.endingBefore)
    case 'setUsageFilter': {
      // A new entry replaces the entries starting at or after it (the schedule is re-planned).
      const kept = terms.usageFilter.filter(
        (entry) => entry.startingAt.getTime() < edit.filter.startingAt.getTime(),
      )
      return { ...terms, usageFilter: [...kept, edit.filter] }
    }
    case 'archive':
      return archived(terms, edit.recordedAt)
    case 'addManualBalanceEntry':
    case 'disableTrueup':
      return applyBalanceEdit(terms, edit)
    case 'renewal':
      return terms
    case 'amend':
      return applyAmendment(terms, edit.amendment)
    case 'edit':
      return applyChanges(terms, edit.changes, edit.recordedAt)
    case 'editCommit':
    case 'editCredit': {
      // An id that is no stored commit or credit names a recurring instance (decision 0014).
      const kind = edit.kind === 'editCommit' ? 'COMMIT' : 'CREDIT'
      const { update } = edit
      return withBalanceChange(terms, { kind, balanceId: update.id, action: 'edit', update })
    }
    case 'archiveCommit':
    case 'archiveCredit': {
      const kind = edit.kind === 'archiveCommit' ? 'COMMIT' : 'CREDIT'
      const { balanceId, recordedAt: at } = edit
      return withBalanceChange(terms, { kind, balanceId, action: 'archive', at })
    }
    case 'retireCommits':
      return applyRetirement(terms, edit.commitIds)
  }
}

/** Every edit recorded at or before `at`, replayed; null when the contract did not exist yet. */
export function contractAsOf(history: ContractHistory, at: Date): ContractTerms | null {
  let terms: ContractTerms | null = null
  for (const edit of history.edits) {
    if (edit.recordedAt.getTime() > at.getTime()) break
    terms = applyEdit(terms, edit)
  }
  return terms
}

/** The contract after every edit (what `get` shows without `as_of_date`). */
export function currentContract(history: ContractHistory): ContractTerms {
  const terms = history.edits.reduce<ContractTerms | null>(applyEdit, null)
  if (terms === null) throw new Error(`contract ${history.contractId} has no create`)
  return terms
}

/** The contract as created (v1 `initial`). */
export function initialContract(history: ContractHistory): ContractTerms {
  const first = history.edits[0]
  if (first?.kind !== 'create') throw new Error(`contract ${history.contractId} has no create`)
  return first.terms
}

// ---------------------------------------------------------------------------------------------
// Create inputs, as the API gives them after wire parsing (numbers already `Dec`).

export interface ContractCommitInput extends CommitInput {
  readonly temporaryId?: string
  readonly netsuiteSalesOrderId?: string
  readonly hierarchyConfiguration?: OpaqueJson
  readonly spendTrackerAttributes?: OpaqueJson
}

export interface ContractCreditInput extends CreditInput {
  readonly netsuiteSalesOrderId?: string
  readonly hierarchyConfiguration?: OpaqueJson
}

export interface ContractRecurringInput extends RecurringInput {
  readonly productId: string
  readonly name?: string
  readonly description?: string
  readonly priority: Dec
  readonly rateType?: BalanceRateType
  readonly temporaryId?: string
  readonly specifiers?: readonly CommitSpecifier[]
  readonly subscriptionConfig?: {
    readonly subscriptionId: string
    readonly allocation?: SubscriptionAllocation
    readonly applySeatIncreaseConfig: { readonly isProrated: boolean }
  }
  readonly netsuiteSalesOrderId?: string
  readonly hierarchyConfiguration?: OpaqueJson
}

export interface ContractChargeInput {
  readonly productId: string
  readonly name?: string
  readonly schedule: InvoiceScheduleInput
  readonly netsuiteSalesOrderId?: string
  readonly customFields?: CustomFields
}

export interface ProfessionalServiceInput {
  readonly productId: string
  readonly description?: string
  readonly unitPrice: Dec
  readonly quantity: Dec
  readonly maxAmount: Dec
  readonly netsuiteSalesOrderId?: string
  readonly customFields?: CustomFields
}

export interface ContractSubscriptionInput {
  readonly productId: string
  readonly billingFrequency: BillingFrequency
  readonly name?: string
  readonly description?: string
  readonly collectionSchedule: CollectionSchedule
  readonly proration: {
    readonly isProrated?: boolean
    readonly invoiceBehavior?: SubscriptionInvoiceBehavior
    readonly rounding?: ProrationRounding
  }
  readonly initialQuantity?: Dec
  readonly startingAt?: Date
  readonly endingBefore?: Date
  readonly customFields?: CustomFields
  readonly temporaryId?: string
  readonly quantityManagementMode?: QuantityManagementMode
  readonly seatConfig?: {
    readonly seatGroupKey: string
    readonly initialSeatIds: readonly string[]
    readonly initialUnassignedSeats?: number
  }
  readonly billingCycleConfig?: {
    readonly anchorDate?: Date
    readonly invoicePlacement?: InvoicePlacement
  }
  readonly paymentGateConfig?: OpaqueJson
}

export interface ContractCreateInput {
  readonly customerId: string
  readonly packageId?: string
  readonly packageAlias?: string
  readonly name?: string
  readonly uniquenessKey?: string
  readonly netsuiteSalesOrderId?: string
  readonly salesforceOpportunityId?: string
  readonly netPaymentTermsDays?: number
  readonly rateCardId?: string
  readonly rateCardAlias?: string
  readonly totalContractValue?: Dec
  readonly startingAt: Date
  readonly endingBefore?: Date
  readonly commits: readonly ContractCommitInput[]
  readonly credits: readonly ContractCreditInput[]
  readonly recurringCommits: readonly ContractRecurringInput[]
  readonly recurringCredits: readonly ContractRecurringInput[]
  readonly multiplierOverridePrioritization?: MultiplierPrioritization
  readonly overrides: readonly NewOverride[]
  readonly scheduledCharges: readonly ContractChargeInput[]
  readonly discounts: readonly ContractChargeInput[]
  readonly professionalServices: readonly ProfessionalServiceInput[]
  readonly subscriptions: readonly ContractSubscriptionInput[]
  readonly scheduledChargesOnUsageInvoices?: 'ALL'
  readonly transition?: {
    readonly type: 'RENEWAL'
    readonly fromContractId: string
    readonly futureInvoiceBehavior?: { readonly trueup?: 'REMOVE' | 'AS_IS' | null }
  }
  readonly usageFilter?: {
    readonly groupKey: string
    readonly groupValues: readonly string[]
    readonly startingAt?: Date
  }
  readonly usageStatementSchedule?: UsageStatementScheduleInput
  readonly customFields?: CustomFields
  readonly passThrough: PassThroughTerms
  /** The top-level wire fields the request carried (the package rule is about presence). */
  readonly presentFields: readonly string[]
}

/** What the use case loaded for the checks. */
export interface ContractCreateContext {
  readonly customerExists: boolean
  /** `rate_card_id` names a card (or `rate_card_alias` resolved to one as of starting_at). */
  readonly rateCardFound: boolean
  /** Packages are not modelled yet: no package exists. */
  readonly packageFound: boolean
  /** Every product the request names, by id (absent: unknown). */
  readonly products: ReadonlyMap<string, Product>
  /** The contract `transition.from_contract_id` names, when it exists for this client. */
  readonly transitionFrom: Pick<ContractTerms, 'customerId' | 'archivedAt'> | null
}

/** The fields a package provisioning request may carry (the spec's `package_id` description). */
export const packageFields: ReadonlySet<string> = new Set([
  'customer_id',
  'starting_at',
  'package_id',
  'package_alias',
  'uniqueness_key',
  'transition',
  'custom_fields',
])

// ---------------------------------------------------------------------------------------------
// Checks.

const HOUR_MS = 3_600_000
const time = (date: Date) => date.getTime()

/** Every problem with a create request, each named by its wire path under `body`. */
export function checkContractCreate(
  input: ContractCreateInput,
  context: ContractCreateContext,
): Problem[] {
  const problems: Problem[] = []
  const add = (field: string, message: string) => problems.push({ field: `body.${field}`, message })

  if (!context.customerExists) add('customer_id', `names no customer (${input.customerId})`)
  if (input.endingBefore && time(input.endingBefore) <= time(input.startingAt)) {
    add('ending_before', 'must be after starting_at')
  }

  const packaged = input.packageId !== undefined || input.packageAlias !== undefined
  if (input.packageId !== undefined && input.packageAlias !== undefined) {
    add('package_alias', 'cannot be given together with package_id')
  }
  if (packaged) {
    for (const field of input.presentFields) {
      if (!packageFields.has(field)) add(field, 'cannot be given with package_id or package_alias')
    }
    if (!context.packageFound) {
      if (input.packageId !== undefined) add('package_id', `names no package (${input.packageId})`)
      else add('package_alias', `names no package as of starting_at (${input.packageAlias})`)
    }
    return problems
  }

  if (input.rateCardId !== undefined && input.rateCardAlias !== undefined) {
    add('rate_card_alias', 'cannot be given together with rate_card_id')
  } else if (!context.rateCardFound) {
    if (input.rateCardId !== undefined) {
      add('rate_card_id', `names no rate card (${input.rateCardId})`)
    } else if (input.rateCardAlias !== undefined) {
      add('rate_card_alias', `names no rate card as of starting_at (${input.rateCardAlias})`)
    }
  }

  if (input.netPaymentTermsDays !== undefined && input.netPaymentTermsDays < 0) {
    add('net_payment_terms_days', 'must not be negative')
  }
  if (input.totalContractValue?.isNegative()) add('total_contract_value', 'must not be negative')
  if (input.usageStatementSchedule) {
    problems.push(
      ...checkUsageStatementSchedule(input.usageStatementSchedule, 'body.usage_statement_schedule'),
    )
  }

  const product = productCheck(context, input.startingAt, add)
  const temporaryIds = checkTemporaryIds(input, add)

  input.commits.forEach((commit, index) => {
    const root = `body.commits[${index}]`
    problems.push(...checkCommit(commit, root))
    product(`commits[${index}].product_id`, commit.productId, ['FIXED'])
    applicableProducts(`commits[${index}]`, commit.applicableProductIds, product)
  })
  input.credits.forEach((credit, index) => {
    problems.push(...checkCredit(credit, `body.credits[${index}]`))
    product(`credits[${index}].product_id`, credit.productId, ['FIXED'])
    applicableProducts(`credits[${index}]`, credit.applicableProductIds, product)
  })

  const contract = { startingAt: input.startingAt, endingBefore: input.endingBefore ?? null }
  for (const [list, recurrings] of [
    ['recurring_commits', input.recurringCommits],
    ['recurring_credits', input.recurringCredits],
  ] as const) {
    recurrings.forEach((recurring, index) => {
      const root = `${list}[${index}]`
      problems.push(...checkRecurring(recurring, `body.${root}`, { contract }))
      problems.push(...checkSpecifierExcludes(recurring.specifiers, `body.${root}`))
      if (recurring.priority.isNegative()) add(`${root}.priority`, 'must not be negative')
      product(`${root}.product_id`, recurring.productId, ['FIXED'])
      applicableProducts(root, recurring.applicableProductIds, product)
      const subscription = recurring.subscriptionConfig?.subscriptionId
      if (subscription !== undefined && !temporaryIds.subscriptions.has(subscription)) {
        add(
          `${root}.subscription_config.subscription_id`,
          `names no subscription of this contract (${subscription})`,
        )
      }
    })
    problems.push(...checkDailyRecurrenceLimit(recurrings, `body.${list}`))
  }

  problems.push(
    ...checkOverrides(
      {
        overrides: input.overrides,
        prioritization: input.multiplierOverridePrioritization ?? null,
        pricingGroupKeyOf: (productId) => {
          const found = context.products.get(productId)
          return found ? productAsOf(found, input.startingAt).pricingGroupKey : undefined
        },
      },
      'body',
    ),
  )
  input.overrides.forEach((override, index) => {
    const root = `overrides[${index}]`
    if (override.productId !== null) product(`${root}.product_id`, override.productId)
    override.overrideSpecifiers?.forEach((specifier, specifierIndex) => {
      const at = `${root}.override_specifiers[${specifierIndex}]`
      if (specifier.productId !== undefined) product(`${at}.product_id`, specifier.productId)
      checkCommitReferences(specifier, at, temporaryIds, add)
    })
  })

  for (const [list, charges] of [
    ['scheduled_charges', input.scheduledCharges],
    ['discounts', input.discounts],
  ] as const) {
    charges.forEach((charge, index) => {
      product(`${list}[${index}].product_id`, charge.productId, ['FIXED'])
      problems.push(...checkChargeSchedule(charge.schedule, `body.${list}[${index}].schedule`))
    })
  }

  input.professionalServices.forEach((service, index) => {
    const root = `professional_services[${index}]`
    product(`${root}.product_id`, service.productId, ['PRO_SERVICE'])
    for (const [key, value] of [
      ['unit_price', service.unitPrice],
      ['quantity', service.quantity],
      ['max_amount', service.maxAmount],
    ] as const) {
      if (value.isNegative()) add(`${root}.${key}`, 'must not be negative')
    }
  })

  input.subscriptions.forEach((subscription, index) => {
    checkSubscription(subscription, `subscriptions[${index}]`, contract, add)
    product(`subscriptions[${index}].subscription_rate.product_id`, subscription.productId, [
      'SUBSCRIPTION',
    ])
  })

  if (input.usageFilter) {
    const filter = input.usageFilter
    if (filter.groupKey.trim() === '') add('usage_filter.group_key', 'must not be empty')
    if (filter.groupValues.length === 0) add('usage_filter.group_values', 'must not be empty')
    if (filter.startingAt && time(filter.startingAt) < time(input.startingAt)) {
      add('usage_filter.starting_at', 'must not be before the contract’s starting_at')
    }
  }

  if (input.transition) {
    const from = context.transitionFrom
    const field = 'transition.from_contract_id'
    if (from === null || from.customerId !== input.customerId) {
      add(field, `names no contract of this customer (${input.transition.fromContractId})`)
    } else if (from.archivedAt !== null) {
      add(field, 'names an archived contract')
    }
  }

  const aliases = (input.passThrough.spendTrackers ?? []).map((tracker) => tracker['alias'])
  aliases.forEach((alias, index) => {
    if (aliases.indexOf(alias) !== index) {
      add(`spend_trackers[${index}].alias`, 'must be unique within the contract')
    }
  })
  return problems
}

type Add = (field: string, message: string) => void
type ProductCheck = (field: string, productId: string, types?: readonly ProductType[]) => void

/** Checks that a named product exists (and, when given, has one of `types`). */
function productCheck(context: ContractCreateContext, at: Date, add: Add): ProductCheck {
  return (field, productId, types) => {
    const found = context.products.get(productId)
    if (!found) return add(field, `names no product (${productId})`)
    if (types && !types.includes(found.type)) {
      const name = productAsOf(found, at).name
      add(field, `must name a ${types.join(' or ')} product (${name} is ${found.type})`)
    }
  }
}

function applicableProducts(
  root: string,
  ids: readonly string[] | undefined,
  product: ProductCheck,
): void {
  ids?.forEach((id, index) => product(`${root}.applicable_product_ids[${index}]`, id))
}

interface TemporaryIds {
  /** Commit temporary ids. */
  readonly commits: ReadonlySet<string>
  readonly recurringCommits: ReadonlySet<string>
  readonly subscriptions: ReadonlySet<string>
}

/** Temporary ids must be unique within the request: overrides and recurrings refer by them. */
function checkTemporaryIds(input: ContractCreateInput, add: Add): TemporaryIds {
  const seen = new Set<string>()
  const collect = (list: string, items: readonly { readonly temporaryId?: string }[]) => {
    const ids = new Set<string>()
    items.forEach((item, index) => {
      const id = item.temporaryId
      if (id === undefined) return
      if (seen.has(id)) add(`${list}[${index}].temporary_id`, `is used twice (${id})`)
      seen.add(id)
      ids.add(id)
    })
    return ids
  }
  return {
    commits: collect('commits', input.commits),
    recurringCommits: collect('recurring_commits', input.recurringCommits),
    subscriptions: collect('subscriptions', input.subscriptions),
  }
}

/** A new contract has no other commits: a commit reference must be one of its temporary ids. */
function checkCommitReferences(
  specifier: OverrideSpecifier,
  root: string,
  ids: TemporaryIds,
  add: Add,
): void {
  const lists = [
    ['commit_ids', specifier.commitIds, [ids.commits]],
    ['recurring_commit_ids', specifier.recurringCommitIds, [ids.recurringCommits]],
    [
      'any_commit_or_credit_ids',
      specifier.anyCommitOrCreditIds,
      [ids.commits, ids.recurringCommits],
    ],
  ] as const
  for (const [key, values, known] of lists) {
    values?.forEach((value, index) => {
      if (!known.some((set) => set.has(value))) {
        add(`${root}.${key}[${index}]`, `names no temporary_id of this request (${value})`)
      }
    })
  }
}

/** A scheduled charge or discount: schedule_items or a recurring_schedule (decision 0017). */
export function checkChargeSchedule(schedule: InvoiceScheduleInput, root: string): Problem[] {
  const problems = checkScheduleInput(schedule, root, checkChargeItem)
  if (schedule.doNotInvoice !== undefined) {
    problems.push({ field: `${root}.do_not_invoice`, message: 'is only for commits' })
  }
  return problems
}

function checkChargeItem(item: ItemAmountInput, root: string): Problem[] {
  const hasAmount = item.amount !== undefined
  const hasPrice = item.unitPrice !== undefined || item.quantity !== undefined
  if (hasAmount && hasPrice) {
    return [{ field: `${root}.amount`, message: 'cannot be given with unit_price or quantity' }]
  }
  if (invoiceItemAmount(item) === undefined) {
    return [{ field: root, message: 'needs amount, or unit_price and quantity' }]
  }
  const problems: Problem[] = []
  if (item.quantity?.isNegative()) {
    problems.push({ field: `${root}.quantity`, message: 'must not be negative' })
  }
  return problems
}

function checkSubscription(
  subscription: ContractSubscriptionInput,
  root: string,
  contract: Term,
  add: Add,
): void {
  const mode = subscription.quantityManagementMode ?? 'QUANTITY_ONLY'
  const start = subscription.startingAt ?? contract.startingAt
  const end = subscription.endingBefore ?? contract.endingBefore
  if (time(start) < time(contract.startingAt)) {
    add(`${root}.starting_at`, 'must not be before the contract’s starting_at')
  }
  if (end !== null && time(end) <= time(start))
    add(`${root}.ending_before`, 'must be after starting_at')
  if (
    contract.endingBefore !== null &&
    subscription.endingBefore &&
    time(subscription.endingBefore) > time(contract.endingBefore)
  ) {
    add(`${root}.ending_before`, 'must not be after the contract’s ending_before')
  }
  if (mode === 'QUANTITY_ONLY') {
    if (subscription.initialQuantity === undefined) {
      add(`${root}.initial_quantity`, 'is required for QUANTITY_ONLY subscriptions')
    } else if (
      subscription.initialQuantity.isNegative() ||
      !subscription.initialQuantity.isInteger()
    ) {
      add(`${root}.initial_quantity`, 'must be a whole number of at least 0')
    }
    if (subscription.seatConfig) add(`${root}.seat_config`, 'is only for SEAT_BASED subscriptions')
  } else if (!subscription.seatConfig) {
    add(`${root}.seat_config`, 'is required for SEAT_BASED subscriptions')
  }
  const behavior = subscription.proration.invoiceBehavior
  if (behavior === 'BILL_IMMEDIATELY' && subscription.collectionSchedule !== 'ADVANCE') {
    add(`${root}.proration.invoice_behavior`, 'BILL_IMMEDIATELY needs collection_schedule ADVANCE')
  }
  const anchor = subscription.billingCycleConfig?.anchorDate
  if (anchor && time(anchor) > time(start)) {
    add(`${root}.billing_cycle_config.anchor_date`, 'must not be after the subscription starts')
  }
  if (anchor && subscription.collectionSchedule !== 'ADVANCE') {
    add(`${root}.billing_cycle_config.anchor_date`, 'is only for ADVANCE subscriptions')
  }
  if (time(start) % HOUR_MS !== 0) {
    add(`${root}.starting_at`, 'must be on an hour boundary (e.g. 1:00, not 1:30)')
  }
}

// ---------------------------------------------------------------------------------------------
// Construction.

export interface NewContractContext {
  readonly id: string
  /** Server ids for every term, segment and schedule item (the app's `IdSource`). */
  readonly newId: () => string
  /** The card `rate_card_id` names, or the one `rate_card_alias` named as of starting_at. */
  readonly rateCardId: string | null
  /** The package the (materialized) request was provisioned from, when it was (decision 0011). */
  readonly packageId?: string | null
  readonly createdAt: Date
  readonly createdBy: string
}

/** The terms a checked create request describes; throws on one `checkContractCreate` refuses. */
export function newContract(
  input: ContractCreateInput,
  context: NewContractContext,
): ContractTerms {
  const { newId, createdAt } = context
  const contractId = context.id
  const mapped = new Map<string, string>()
  const idFor = (temporaryId: string | undefined) => {
    const id = newId()
    if (temporaryId !== undefined) mapped.set(temporaryId, id)
    return id
  }
  const resolve = (id: string) => mapped.get(id) ?? id
  const resolveAll = (ids: readonly string[] | undefined) => ids?.map(resolve)

  const balanceContext = (segments: number, items: number, temporaryId?: string) => ({
    id: idFor(temporaryId),
    contractId,
    segmentIds: Array.from({ length: segments }, newId),
    invoiceItemIds: Array.from({ length: items }, newId),
    createdAt,
  })
  const commits = input.commits.map((commit): ContractCommit => {
    const ids = balanceContext(
      commit.accessSchedule?.items.length ?? 0,
      invoiceScheduleItems(commit.invoiceSchedule).length,
      commit.temporaryId,
    )
    return {
      ...newCommit(commit, ids),
      netsuiteSalesOrderId: commit.netsuiteSalesOrderId ?? null,
      hierarchyConfiguration: commit.hierarchyConfiguration ?? null,
      spendTrackerAttributes: commit.spendTrackerAttributes ?? null,
    }
  })
  const credits = input.credits.map((credit): ContractCredit => {
    const ids = balanceContext(credit.accessSchedule?.items.length ?? 0, 0)
    return {
      ...newCredit(credit, ids),
      netsuiteSalesOrderId: credit.netsuiteSalesOrderId ?? null,
      hierarchyConfiguration: credit.hierarchyConfiguration ?? null,
    }
  })
  // Subscriptions first: recurring commits may name them by temporary id.
  const subscriptions = input.subscriptions.map((subscription) =>
    newSubscription(subscription, idFor(subscription.temporaryId), input),
  )
  const recurring = (item: ContractRecurringInput): ContractRecurring => {
    const config = item.subscriptionConfig
    return {
      ...recurringFromInput(item),
      id: idFor(item.temporaryId),
      productId: item.productId,
      name: item.name ?? null,
      description: item.description ?? null,
      priority: item.priority,
      rolloverFraction: item.rolloverFraction ?? null,
      applicableProductIds: item.applicableProductIds ?? null,
      applicableProductTags: item.applicableProductTags ?? null,
      specifiers: item.specifiers ?? null,
      rateType: item.rateType ?? 'LIST_RATE',
      subscriptionConfig: config
        ? {
            subscriptionId: resolve(config.subscriptionId),
            allocation: config.allocation ?? 'INDIVIDUAL',
            applySeatIncreaseConfig: config.applySeatIncreaseConfig,
          }
        : null,
      netsuiteSalesOrderId: item.netsuiteSalesOrderId ?? null,
      hierarchyConfiguration: item.hierarchyConfiguration ?? null,
    }
  }
  const recurringCommits = input.recurringCommits.map(recurring)
  const recurringCredits = input.recurringCredits.map(recurring)

  const overrides = input.overrides.map((override, index): Override => ({
    ...override,
    id: newId(),
    creationOrder: index,
    overrideSpecifiers:
      override.overrideSpecifiers?.map((specifier) => ({
        ...specifier,
        ...optional('commitIds', resolveAll(specifier.commitIds)),
        ...optional('recurringCommitIds', resolveAll(specifier.recurringCommitIds)),
        ...optional('anyCommitOrCreditIds', resolveAll(specifier.anyCommitOrCreditIds)),
      })) ?? null,
  }))

  const charge = (item: ContractChargeInput): ContractCharge => ({
    id: newId(),
    productId: item.productId,
    name: item.name ?? null,
    schedule: {
      creditTypeId: item.schedule.creditTypeId ?? USD_CENTS_CREDIT_TYPE_ID,
      items: invoiceScheduleItems(item.schedule).map((scheduled) => ({
        id: newId(),
        ...scheduled,
      })),
      doNotInvoice: item.schedule.doNotInvoice ?? false,
    },
    netsuiteSalesOrderId: item.netsuiteSalesOrderId ?? null,
    customFields: item.customFields ?? {},
    archivedAt: null,
  })

  const filter = input.usageFilter
  return {
    id: contractId,
    customerId: input.customerId,
    name: input.name ?? null,
    startingAt: input.startingAt,
    endingBefore: input.endingBefore ?? null,
    rateCardId: context.rateCardId,
    packageId: input.packageId ?? context.packageId ?? null,
    uniquenessKey: input.uniquenessKey ?? null,
    netPaymentTermsDays: input.netPaymentTermsDays ?? null,
    multiplierOverridePrioritization: input.multiplierOverridePrioritization ?? null,
    scheduledChargesOnUsageInvoices: input.scheduledChargesOnUsageInvoices ?? null,
    totalContractValue: input.totalContractValue ?? null,
    netsuiteSalesOrderId: input.netsuiteSalesOrderId ?? null,
    salesforceOpportunityId: input.salesforceOpportunityId ?? null,
    commits,
    credits,
    recurringCommits,
    recurringCredits,
    overrides,
    scheduledCharges: input.scheduledCharges.map(charge),
    discounts: input.discounts.map(charge),
    professionalServices: input.professionalServices.map((service) => ({
      id: newId(),
      productId: service.productId,
      description: service.description ?? null,
      unitPrice: service.unitPrice,
      quantity: service.quantity,
      maxAmount: service.maxAmount,
      netsuiteSalesOrderId: service.netsuiteSalesOrderId ?? null,
      customFields: service.customFields ?? {},
    })),
    subscriptions,
    usageFilter: filter
      ? [
          {
            groupKey: filter.groupKey,
            groupValues: filter.groupValues,
            startingAt: filter.startingAt ?? input.startingAt,
          },
        ]
      : [],
    usageStatementSchedule: usageStatementSchedule(input.usageStatementSchedule),
    transition: input.transition
      ? {
          type: input.transition.type,
          fromContractId: input.transition.fromContractId,
          futureInvoiceBehavior: input.transition.futureInvoiceBehavior
            ? { trueup: input.transition.futureInvoiceBehavior.trueup ?? null }
            : null,
        }
      : null,
    passThrough: input.passThrough,
    customFields: input.customFields ?? {},
    createdAt,
    createdBy: context.createdBy,
    archivedAt: null,
  }
}

function newSubscription(
  input: ContractSubscriptionInput,
  id: string,
  contract: Pick<ContractCreateInput, 'startingAt' | 'endingBefore'>,
): ContractSubscription {
  const seat = input.seatConfig
  const mode = input.quantityManagementMode ?? 'QUANTITY_ONLY'
  const seats = seat ? seat.initialSeatIds.length + (seat.initialUnassignedSeats ?? 0) : 0
  return {
    id,
    productId: input.productId,
    billingFrequency: input.billingFrequency,
    name: input.name ?? null,
    description: input.description ?? null,
    collectionSchedule: input.collectionSchedule,
    proration: {
      isProrated: input.proration.isProrated ?? true,
      invoiceBehavior: input.proration.invoiceBehavior ?? 'BILL_IMMEDIATELY',
      rounding: input.proration.rounding ?? null,
    },
    initialQuantity: mode === 'SEAT_BASED' ? new Dec(seats) : (input.initialQuantity ?? new Dec(0)),
    startingAt: input.startingAt ?? contract.startingAt,
    endingBefore: input.endingBefore ?? contract.endingBefore ?? null,
    quantityManagementMode: mode,
    seatConfig: seat
      ? {
          seatGroupKey: seat.seatGroupKey,
          initialSeatIds: seat.initialSeatIds,
          initialUnassignedSeats: seat.initialUnassignedSeats ?? 0,
        }
      : null,
    billingCycleConfig: {
      anchorDate: input.billingCycleConfig?.anchorDate ?? null,
      invoicePlacement: input.billingCycleConfig?.invoicePlacement ?? 'ON_USAGE_INVOICE',
    },
    paymentGateConfig: input.paymentGateConfig ?? null,
    customFields: input.customFields ?? {},
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

/** Every commit and credit of the contract, as the ledger functions take them. */
export function balancesOf(terms: ContractTerms): readonly (ContractCommit | ContractCredit)[] {
  return [...terms.commits, ...terms.credits]
}

/** The term lists a create request, an amendment or an edit's additions carry. */
export type ContractTermLists = Pick<
  ContractCreateInput,
  | 'commits'
  | 'credits'
  | 'recurringCommits'
  | 'recurringCredits'
  | 'overrides'
  | 'scheduledCharges'
  | 'discounts'
  | 'professionalServices'
  | 'subscriptions'
>

/** The ids of every product the terms name (to load them in one query). */
export function productIdsOf(input: ContractTermLists): string[] {
  const ids = new Set<string>()
  const addAll = (values: readonly string[] | undefined) => values?.forEach((id) => ids.add(id))
  for (const balance of [...input.commits, ...input.credits]) {
    ids.add(balance.productId)
    addAll(balance.applicableProductIds)
  }
  for (const recurring of [...input.recurringCommits, ...input.recurringCredits]) {
    ids.add(recurring.productId)
    addAll(recurring.applicableProductIds)
  }
  for (const override of input.overrides) {
    if (override.productId !== null) ids.add(override.productId)
    override.overrideSpecifiers?.forEach((specifier) => {
      if (specifier.productId !== undefined) ids.add(specifier.productId)
    })
  }
  for (const charge of [...input.scheduledCharges, ...input.discounts]) ids.add(charge.productId)
  for (const service of input.professionalServices) ids.add(service.productId)
  for (const subscription of input.subscriptions) ids.add(subscription.productId)
  return [...ids]
}

/** The ids of every product the terms name (to show product names). */
export function productIdsOfTerms(terms: ContractTerms): string[] {
  const ids = new Set<string>()
  for (const item of [
    ...terms.commits,
    ...terms.credits,
    ...terms.recurringCommits,
    ...terms.recurringCredits,
    ...terms.scheduledCharges,
    ...terms.discounts,
    ...terms.professionalServices,
    ...terms.subscriptions,
  ]) {
    ids.add(item.productId)
  }
  for (const override of terms.overrides) {
    if (override.productId !== null) ids.add(override.productId)
  }
  return [...ids]
}
