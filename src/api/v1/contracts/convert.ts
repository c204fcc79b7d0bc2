/**
 * Contracts on the wire: the create request (`CreateContractPayload`) into the domain's input,
 * and the replayed terms out as v1 `Contract` (`initial`, `current`, `amendments`). The v2
 * shapes (`api/v2/contracts/convert.ts`) reuse the term builders here, so both versions show
 * every term the same way. Opaque terms go back as they were sent, reshaped only where the
 * output schema names their fields differently (reseller royalties, hierarchy).
 */
import type { ContractNames, ContractView } from '../../../app/contracts/contract-support.js'
import { contractBalancesAt } from '../../../app/contracts/contract-balances.js'
import type {
  GeneratedCommit,
  GeneratedCredit,
} from '../../../domain/contracts/recurring-balances.js'
import { renewalOf } from '../../../domain/contracts/renewal.js'
import type { ProrationRounding } from '../../../domain/contracts/recurring.js'
import type { RecurringScheduleInput } from '../../../domain/contracts/recurring-schedule.js'
import type {
  AccessScheduleInput,
  CommitSpecifier,
  ExcludeSpecifier as ExcludeSpecifierTerms,
  InvoiceSchedule,
  InvoiceScheduleInput,
} from '../../../domain/contracts/commits.js'
import {
  contractTerm,
  type ContractCharge,
  type ContractCommit,
  type ContractCreateInput,
  type ContractCredit,
  type ContractRecurring,
  type ContractRecurringInput,
  type ContractSubscription,
  type ContractTerms,
  type OpaqueJson,
  type ProfessionalService,
  type UsageFilterEntry,
} from '../../../domain/contracts/contract.js'
import { statementScheduleView } from '../../../domain/contracts/billing-periods.js'
import { toApiAmendments } from '../../v2/contracts/edit-convert.js'
import { adjustmentsFor, manualAdjustmentsOf } from '../../../domain/contracts/balance-edits.js'
import {
  balanceAsOf,
  ledgerAsOf,
  type LedgerEntry,
  type ManualAdjustment,
  type Transition,
} from '../../../domain/contracts/ledger.js'
import type {
  NewOverride,
  Override,
  OverrideSpecifier,
} from '../../../domain/contracts/overrides.js'
import { productAsOf } from '../../../domain/pricing/product.js'
import type { RateTerms } from '../../../domain/pricing/rate-card.js'
import type { Problem } from '../../../domain/problem.js'
import type {
  CommitInput,
  CommitSpecifierInput,
  Contract,
  ContractWithoutAmendments,
  CreateContractPayload,
  ExcludeSpecifier,
  OverrideInput,
  OverrideSpecifierInput,
  RecurringCommitInput,
  RecurringCreditInput,
  ScheduleDurationInput,
  SchedulePointInTimeInput,
} from '../../generated/index.js'
import { totalQuantitySegments } from '../../../domain/contracts/subscription-schedule.js'
import {
  defined,
  fromNumber,
  iso,
  optionalDate,
  optionalDec,
  present,
  toNumber,
} from '../../wire.js'

// ---------------------------------------------------------------------------------------------
// Helpers.

const same = <V>(value: V) => value
/** Opaque terms were validated against their input schema and go back as they were sent. */
const asSent = (value: OpaqueJson | readonly OpaqueJson[]) => value as never

// ---------------------------------------------------------------------------------------------
// Wire → domain.

/** The create request as the domain takes it, and what the conversion itself refuses. */
export function fromApiCreate(body: CreateContractPayload): {
  readonly input: ContractCreateInput
  readonly problems: readonly Problem[]
} {
  const problems: Problem[] = []
  // Exclusions and access types are checked by the domain (checkCommit, checkOverrides).
  const specifiers = (list: CommitSpecifierInput[] | undefined) => list?.map(commitSpecifier)
  const access = (schedule: ScheduleDurationInput | undefined) =>
    schedule && fromApiAccessSchedule(schedule)

  const input: ContractCreateInput = {
    ...defined({
      customerId: body.customer_id,
      packageId: body.package_id,
      packageAlias: body.package_alias,
      name: body.name,
      uniquenessKey: body.uniqueness_key,
      netsuiteSalesOrderId: body.netsuite_sales_order_id,
      salesforceOpportunityId: body.salesforce_opportunity_id,
      netPaymentTermsDays: body.net_payment_terms_days,
      rateCardId: body.rate_card_id,
      rateCardAlias: body.rate_card_alias,
      totalContractValue: optionalDec(body.total_contract_value),
      startingAt: new Date(body.starting_at),
      endingBefore: optionalDate(body.ending_before),
      multiplierOverridePrioritization: body.multiplier_override_prioritization,
      scheduledChargesOnUsageInvoices: body.scheduled_charges_on_usage_invoices,
      customFields: body.custom_fields,
      transition:
        body.transition &&
        defined({
          type: body.transition.type,
          fromContractId: body.transition.from_contract_id,
          futureInvoiceBehavior:
            body.transition.future_invoice_behavior &&
            defined({ trueup: body.transition.future_invoice_behavior.trueup }),
        }),
      usageFilter:
        body.usage_filter &&
        defined({
          groupKey: body.usage_filter.group_key,
          groupValues: body.usage_filter.group_values,
          startingAt: optionalDate(body.usage_filter.starting_at),
        }),
      usageStatementSchedule:
        body.usage_statement_schedule &&
        defined({
          frequency: body.usage_statement_schedule.frequency,
          day: body.usage_statement_schedule.day,
          billingAnchorDate: optionalDate(body.usage_statement_schedule.billing_anchor_date),
          invoiceGenerationStartingAt: optionalDate(
            body.usage_statement_schedule.invoice_generation_starting_at,
          ),
        }),
    }),
    commits: (body.commits ?? []).map((commit) =>
      fromApiCommit(commit, access(commit.access_schedule), specifiers(commit.specifiers)),
    ),
    credits: (body.credits ?? []).map((credit) => {
      return defined({
        productId: credit.product_id,
        name: credit.name,
        description: credit.description,
        accessSchedule: access(credit.access_schedule),
        priority: optionalDec(credit.priority),
        applicableProductIds: credit.applicable_product_ids,
        applicableProductTags: credit.applicable_product_tags,
        specifiers: specifiers(credit.specifiers),
        rolloverFraction: optionalDec(credit.rollover_fraction),
        rateType: credit.rate_type,
        customFields: credit.custom_fields,
        netsuiteSalesOrderId: credit.netsuite_sales_order_id,
        hierarchyConfiguration: credit.hierarchy_configuration as OpaqueJson | undefined,
      })
    }),
    recurringCommits: (body.recurring_commits ?? []).map((recurring) =>
      fromApiRecurring(recurring, 'COMMIT', specifiers(recurring.specifiers)),
    ),
    recurringCredits: (body.recurring_credits ?? []).map((recurring) =>
      fromApiRecurring(recurring, 'CREDIT', specifiers(recurring.specifiers)),
    ),
    overrides: (body.overrides ?? []).map(fromApiOverride),
    scheduledCharges: (body.scheduled_charges ?? []).map(fromApiCharge),
    discounts: (body.discounts ?? []).map(fromApiCharge),
    professionalServices: (body.professional_services ?? []).map((service) =>
      defined({
        productId: service.product_id,
        description: service.description,
        unitPrice: fromNumber(service.unit_price),
        quantity: fromNumber(service.quantity),
        maxAmount: fromNumber(service.max_amount),
        netsuiteSalesOrderId: service.netsuite_sales_order_id,
        customFields: service.custom_fields,
      }),
    ),
    subscriptions: (body.subscriptions ?? []).map((subscription) =>
      defined({
        productId: subscription.subscription_rate.product_id,
        billingFrequency: subscription.subscription_rate.billing_frequency,
        name: subscription.name,
        description: subscription.description,
        collectionSchedule: subscription.collection_schedule,
        proration: defined({
          isProrated: subscription.proration.is_prorated,
          invoiceBehavior: subscription.proration.invoice_behavior,
          rounding: fromApiRounding(subscription.proration.rounding),
        }),
        initialQuantity: optionalDec(subscription.initial_quantity),
        startingAt: optionalDate(subscription.starting_at),
        endingBefore: optionalDate(subscription.ending_before),
        customFields: subscription.custom_fields,
        temporaryId: subscription.temporary_id,
        quantityManagementMode: subscription.quantity_management_mode,
        seatConfig:
          subscription.seat_config &&
          defined({
            seatGroupKey: subscription.seat_config.seat_group_key,
            initialSeatIds: subscription.seat_config.initial_seat_ids,
            initialUnassignedSeats: subscription.seat_config.initial_unassigned_seats,
          }),
        billingCycleConfig:
          subscription.billing_cycle_config &&
          defined({
            anchorDate: optionalDate(subscription.billing_cycle_config.anchor_date),
            invoicePlacement: subscription.billing_cycle_config.invoice_placement,
          }),
        paymentGateConfig: subscription.payment_gate_config as OpaqueJson | undefined,
      }),
    ),
    passThrough: {
      billingProviderConfiguration: opaqueOrNull(body.billing_provider_configuration),
      revenueSystemConfiguration: opaqueOrNull(body.revenue_system_configuration),
      resellerRoyalties: (body.reseller_royalties as OpaqueJson[] | undefined) ?? null,
      hierarchyConfiguration: opaqueOrNull(body.hierarchy_configuration),
      spendThresholdConfiguration: opaqueOrNull(body.spend_threshold_configuration),
      prepaidBalanceThresholdConfiguration: opaqueOrNull(
        body.prepaid_balance_threshold_configuration,
      ),
      spendTrackers: (body.spend_trackers as OpaqueJson[] | undefined) ?? null,
    },
    presentFields: Object.keys(body),
  }
  return { input, problems }
}

const opaqueOrNull = (value: object | undefined): OpaqueJson | null =>
  value === undefined ? null : (value as OpaqueJson)

export function commitSpecifier(specifier: CommitSpecifierInput): CommitSpecifier {
  return defined({
    productId: specifier.product_id,
    productTags: specifier.product_tags,
    pricingGroupValues: specifier.pricing_group_values,
    presentationGroupValues: specifier.presentation_group_values,
    exclude: fromApiExclude(specifier.exclude),
  })
}

/** `ExcludeSpecifier` entries; an entry without `product_tags` stays empty, for the checks. */
export function fromApiExclude(
  exclude: readonly ExcludeSpecifier[] | undefined,
): ExcludeSpecifierTerms[] | undefined {
  return exclude?.map((entry) => defined({ productTags: entry.product_tags }))
}

function toApiExclude(exclude: readonly ExcludeSpecifierTerms[]) {
  return exclude.map((entry) =>
    entry.productTags === undefined ? {} : { product_tags: [...entry.productTags] },
  )
}

export function fromApiAccessSchedule(schedule: ScheduleDurationInput): AccessScheduleInput {
  return defined({
    creditTypeId: schedule.credit_type_id,
    accessType: schedule.access_type,
    items: schedule.schedule_items.map((item) => ({
      amount: fromNumber(item.amount),
      startingAt: new Date(item.starting_at),
      endingBefore: new Date(item.ending_before),
    })),
  })
}

function fromApiInvoiceSchedule(schedule: SchedulePointInTimeInput): InvoiceScheduleInput {
  return defined({
    creditTypeId: schedule.credit_type_id,
    items: schedule.schedule_items?.map((item) =>
      defined({
        timestamp: new Date(item.timestamp),
        amount: optionalDec(item.amount),
        unitPrice: optionalDec(item.unit_price),
        quantity: optionalDec(item.quantity),
      }),
    ),
    recurringSchedule:
      schedule.recurring_schedule && fromApiRecurringSchedule(schedule.recurring_schedule),
    doNotInvoice: schedule.do_not_invoice,
  })
}

/** v2 `edit` adds come through here too, so `frequency` may also be WEEKLY (decision 0017). */
function fromApiRecurringSchedule(
  schedule: NonNullable<SchedulePointInTimeInput['recurring_schedule']>,
): RecurringScheduleInput {
  return defined({
    startingAt: new Date(schedule.starting_at),
    endingBefore: new Date(schedule.ending_before),
    frequency: schedule.frequency,
    amount: optionalDec(schedule.amount),
    unitPrice: optionalDec(schedule.unit_price),
    quantity: optionalDec(schedule.quantity),
    amountDistribution: schedule.amount_distribution,
  })
}

export type RoundingWire = {
  readonly decimal_places: number
  readonly rounding_method: 'HALF_UP' | 'FLOOR' | 'CEILING'
}

/** A wire `proration_rounding` (or one part of it); `null` and absent pass through as given. */
export function fromApiRounding<Given extends RoundingWire | null | undefined>(
  given: Given,
): ProrationRounding | Exclude<Given, RoundingWire> {
  if (given === null || given === undefined) return given as Exclude<Given, RoundingWire>
  return { decimalPlaces: given.decimal_places, roundingMethod: given.rounding_method }
}

export function fromApiCommit(
  commit: CommitInput,
  accessSchedule: AccessScheduleInput | undefined,
  specifiers: CommitSpecifier[] | undefined,
) {
  return defined({
    type: commit.type,
    productId: commit.product_id,
    name: commit.name,
    description: commit.description,
    accessSchedule,
    invoiceSchedule: commit.invoice_schedule && fromApiInvoiceSchedule(commit.invoice_schedule),
    amount: optionalDec(commit.amount),
    priority: optionalDec(commit.priority),
    applicableProductIds: commit.applicable_product_ids,
    applicableProductTags: commit.applicable_product_tags,
    specifiers,
    rolloverFraction: optionalDec(commit.rollover_fraction),
    rateType: commit.rate_type,
    customFields: commit.custom_fields,
    temporaryId: commit.temporary_id,
    netsuiteSalesOrderId: commit.netsuite_sales_order_id,
    hierarchyConfiguration: commit.hierarchy_configuration as OpaqueJson | undefined,
    spendTrackerAttributes: commit.spend_tracker_attributes as OpaqueJson | undefined,
  })
}

function fromApiRecurring(
  recurring: RecurringCommitInput | RecurringCreditInput,
  kind: 'COMMIT' | 'CREDIT',
  specifiers: CommitSpecifier[] | undefined,
): ContractRecurringInput {
  const amount = (given: { unit_price: number; quantity?: number; credit_type_id: string }) =>
    defined({
      unitPrice: fromNumber(given.unit_price),
      quantity: optionalDec(given.quantity),
      creditTypeId: given.credit_type_id,
    })
  const invoiceAmount = 'invoice_amount' in recurring ? recurring.invoice_amount : undefined
  const prorationRounding = recurring.proration_rounding as
    | {
        access?: { decimal_places: number; rounding_method: 'HALF_UP' | 'FLOOR' | 'CEILING' }
        invoice?: { decimal_places: number; rounding_method: 'HALF_UP' | 'FLOOR' | 'CEILING' }
      }
    | undefined
  const config = recurring.subscription_config
  return defined({
    kind,
    productId: recurring.product_id,
    name: recurring.name,
    description: recurring.description,
    priority: fromNumber(recurring.priority),
    startingAt: new Date(recurring.starting_at),
    endingBefore: optionalDate(recurring.ending_before),
    accessAmount: amount(recurring.access_amount),
    invoiceAmount: invoiceAmount && amount(invoiceAmount),
    commitDuration: defined({
      value: recurring.commit_duration.value,
      unit: recurring.commit_duration.unit,
    }),
    recurrenceFrequency: recurring.recurrence_frequency,
    proration: recurring.proration,
    prorationRounding:
      prorationRounding &&
      defined({
        access: fromApiRounding(prorationRounding.access),
        invoice: fromApiRounding(prorationRounding.invoice),
      }),
    rolloverFraction: optionalDec(recurring.rollover_fraction),
    applicableProductIds: recurring.applicable_product_ids,
    applicableProductTags: recurring.applicable_product_tags,
    specifiers,
    rateType: recurring.rate_type,
    temporaryId: recurring.temporary_id,
    subscriptionConfig:
      config &&
      defined({
        subscriptionId: config.subscription_id,
        allocation: config.allocation,
        applySeatIncreaseConfig: { isProrated: config.apply_seat_increase_config.is_prorated },
      }),
    netsuiteSalesOrderId: recurring.netsuite_sales_order_id,
    hierarchyConfiguration: recurring.hierarchy_configuration as OpaqueJson | undefined,
  })
}

function fromApiOverrideSpecifier(specifier: OverrideSpecifierInput): OverrideSpecifier {
  return defined({
    productId: specifier.product_id,
    productTags: specifier.product_tags,
    pricingGroupValues: specifier.pricing_group_values,
    presentationGroupValues: specifier.presentation_group_values,
    billingFrequency: specifier.billing_frequency,
    commitIds: specifier.commit_ids,
    recurringCommitIds: specifier.recurring_commit_ids,
    anyCommitOrCreditIds: specifier.any_commit_or_credit_ids,
    exclude: fromApiExclude(specifier.exclude),
  })
}

function fromApiOverride(override: OverrideInput): NewOverride {
  const rate = override.overwrite_rate
  const overwriteRate: RateTerms | null = rate
    ? {
        rateType: rate.rate_type,
        price: optionalDec(rate.price) ?? null,
        tiers:
          rate.tiers?.map((tier) => ({
            size: optionalDec(tier.size) ?? null,
            price: fromNumber(tier.price),
          })) ?? null,
        minimum: optionalDec(rate.minimum_config?.minimum) ?? null,
        creditTypeId: rate.credit_type_id ?? null,
        isProrated: rate.is_prorated ?? null,
        quantity: optionalDec(rate.quantity) ?? null,
        customRate: rate.custom_rate ?? null,
      }
    : null
  return {
    startingAt: new Date(override.starting_at),
    endingBefore: optionalDate(override.ending_before) ?? null,
    type: override.type ?? null,
    multiplier: optionalDec(override.multiplier) ?? null,
    overwriteRate,
    tiers:
      override.tiers?.map((tier) => ({
        size: optionalDec(tier.size) ?? null,
        multiplier: fromNumber(tier.multiplier),
      })) ?? null,
    entitled: override.entitled ?? null,
    priority: override.priority ?? null,
    productId: override.product_id ?? null,
    applicableProductTags: override.applicable_product_tags ?? null,
    overrideSpecifiers: override.override_specifiers?.map(fromApiOverrideSpecifier) ?? null,
    isCommitSpecific: override.is_commit_specific ?? false,
    target: override.target ?? null,
  }
}

function fromApiCharge(charge: {
  product_id: string
  name?: string
  schedule: SchedulePointInTimeInput
  netsuite_sales_order_id?: string
  custom_fields?: Record<string, string>
}) {
  return defined({
    productId: charge.product_id,
    name: charge.name,
    schedule: fromApiInvoiceSchedule(charge.schedule),
    netsuiteSalesOrderId: charge.netsuite_sales_order_id,
    customFields: charge.custom_fields,
  })
}

// ---------------------------------------------------------------------------------------------
// Domain → wire: the term builders both versions use.

export interface ViewOptions {
  readonly includeLedgers: boolean
  readonly includeBalance: boolean
  /** Manual ledger entries by commit or credit id (from the contract's history). */
  readonly manualAdjustments?: ReadonlyMap<string, readonly ManualAdjustment[]>
  /** The renewal of each contract renewed, by contract id (decision 0012: closes its ledgers). */
  readonly renewals?: ReadonlyMap<string, Transition>
}

export function productRef(productId: string, names: ContractNames) {
  const product = names.products.get(productId)
  // Products are never deleted, so the name is there; the id is a last resort.
  return { id: productId, name: product ? productAsOf(product, names.now).name : productId }
}

export function creditTypeRef(id: string, names: ContractNames) {
  return { id, name: names.creditTypes.get(id)?.name ?? id }
}

function toApiSpecifier(specifier: CommitSpecifier | OverrideSpecifier) {
  const override = specifier as OverrideSpecifier
  return {
    ...present('product_id', specifier.productId, same),
    ...present('product_tags', specifier.productTags, (tags) => [...tags]),
    ...present('pricing_group_values', specifier.pricingGroupValues, (values) => ({ ...values })),
    ...present('presentation_group_values', specifier.presentationGroupValues, (values) => ({
      ...values,
    })),
    ...present('billing_frequency', override.billingFrequency, same),
    ...present('commit_ids', override.commitIds, (ids) => [...ids]),
    ...present('recurring_commit_ids', override.recurringCommitIds, (ids) => [...ids]),
    ...present('any_commit_or_credit_ids', override.anyCommitOrCreditIds, (ids) => [...ids]),
    ...present('exclude', specifier.exclude, toApiExclude),
  }
}

export function toApiInvoiceSchedule(schedule: InvoiceSchedule, names: ContractNames) {
  return {
    credit_type: creditTypeRef(schedule.creditTypeId, names),
    schedule_items: schedule.items.map((item) => ({
      id: item.id,
      amount: toNumber(item.amount),
      unit_price: toNumber(item.unitPrice),
      quantity: toNumber(item.quantity),
      timestamp: iso(item.timestamp),
    })),
    do_not_invoice: schedule.doNotInvoice,
  }
}

/** Each entry with the fields its wire type has (decision 0009: the domain keeps segment ids). */
function toApiLedgerEntry(entry: LedgerEntry) {
  const withSegment =
    !entry.type.endsWith('_MANUAL') &&
    entry.type !== 'POSTPAID_COMMIT_INITIAL_BALANCE' &&
    entry.type !== 'POSTPAID_COMMIT_EXPIRATION'
  return {
    type: entry.type,
    timestamp: iso(entry.timestamp),
    amount: toNumber(entry.amount),
    ...(withSegment ? { segment_id: entry.segmentId } : {}),
    ...('reason' in entry ? { reason: entry.reason } : {}),
    ...('newContractId' in entry ? { new_contract_id: entry.newContractId } : {}),
    ...('invoiceId' in entry ? { invoice_id: entry.invoiceId } : {}),
    ...('contractId' in entry && entry.contractId !== null
      ? { contract_id: entry.contractId }
      : {}),
  }
}

/** Fields commits and credits share, in both versions. */
function toApiBalance(
  balance: ContractCommit | ContractCredit,
  names: ContractNames,
  options: ViewOptions,
) {
  const renewal =
    balance.contractId === null ? undefined : options.renewals?.get(balance.contractId)
  const ledgerOptions = { asOf: names.now, ...(renewal ? { rollover: renewal } : {}) }
  const adjustments = adjustmentsFor(balance, options.manualAdjustments)
  return {
    id: balance.id,
    ...present('contract', balance.contractId, (id) => ({ id })),
    ...present('name', balance.name, same),
    ...present('description', balance.description, same),
    ...present('priority', balance.priority, toNumber),
    product: productRef(balance.productId, names),
    access_schedule: {
      credit_type: creditTypeRef(balance.accessSchedule.creditTypeId, names),
      schedule_items: balance.accessSchedule.segments.map((segment) => ({
        id: segment.id,
        amount: toNumber(segment.amount),
        starting_at: iso(segment.startingAt),
        ending_before: iso(segment.endingBefore),
      })),
    },
    ...present('rollover_fraction', balance.rolloverFraction, toNumber),
    ...present('applicable_product_ids', balance.applicableProductIds, (ids) => [...ids]),
    ...present('applicable_product_tags', balance.applicableProductTags, (tags) => [...tags]),
    ...present('specifiers', balance.specifiers, (list) => list.map(toApiSpecifier)),
    ...present('netsuite_sales_order_id', balance.netsuiteSalesOrderId, same),
    rate_type: balance.rateType,
    custom_fields: { ...balance.customFields },
    ...present('archived_at', balance.archivedAt, iso),
    ...present('hierarchy_configuration', balance.hierarchyConfiguration, same),
    ...(options.includeLedgers
      ? { ledger: ledgerAsOf(balance, adjustments, ledgerOptions).map(toApiLedgerEntry) }
      : {}),
    ...(options.includeBalance
      ? { balance: toNumber(balanceAsOf(balance, adjustments, ledgerOptions)) }
      : {}),
  }
}

export function toApiCommit(
  commit: ContractCommit | GeneratedCommit,
  names: ContractNames,
  options: ViewOptions,
) {
  return {
    ...toApiBalance(commit, names, options),
    type: commit.type,
    ...('generatedFrom' in commit ? { recurring_commit_id: commit.generatedFrom.recurringId } : {}),
    ...present('invoice_schedule', commit.invoiceSchedule, (schedule) =>
      toApiInvoiceSchedule(schedule, names),
    ),
    ...present('rolled_over_from', commit.rolledOverFrom, (from) => ({
      commit_id: from.id,
      contract_id: from.contractId,
    })),
    ...present('spend_tracker_attributes', commit.spendTrackerAttributes, same),
    created_at: iso(commit.createdAt),
  } as never
}

export function toApiCredit(
  credit: ContractCredit | GeneratedCredit,
  names: ContractNames,
  options: ViewOptions,
) {
  return {
    ...toApiBalance(credit, names, options),
    type: 'CREDIT',
    ...('generatedFrom' in credit ? { recurring_credit_id: credit.generatedFrom.recurringId } : {}),
    ...present('rolled_over_from', credit.rolledOverFrom, (from) => ({
      credit_id: from.id,
      contract_id: from.contractId,
    })),
    created_at: iso(credit.createdAt),
  } as never
}

export function toApiRecurring(
  recurring: ContractRecurring,
  contractId: string,
  names: ContractNames,
) {
  const rounding = (value: { decimalPlaces: number; roundingMethod: string } | null) =>
    value && { decimal_places: value.decimalPlaces, rounding_method: value.roundingMethod }
  const amount = (value: ContractRecurring['accessAmount']) => ({
    unit_price: toNumber(value.unitPrice),
    quantity: toNumber(value.quantity),
    credit_type_id: value.creditTypeId,
  })
  const { access, invoice } = recurring.prorationRounding
  return {
    id: recurring.id,
    contract: { id: contractId },
    ...present('name', recurring.name, same),
    ...present('description', recurring.description, same),
    product: productRef(recurring.productId, names),
    access_amount: amount(recurring.accessAmount),
    ...present('invoice_amount', recurring.invoiceAmount, amount),
    priority: toNumber(recurring.priority),
    ...present('rollover_fraction', recurring.rolloverFraction, toNumber),
    ...present('applicable_product_ids', recurring.applicableProductIds, (ids) => [...ids]),
    ...present('applicable_product_tags', recurring.applicableProductTags, (tags) => [...tags]),
    ...present('specifiers', recurring.specifiers, (list) => list.map(toApiSpecifier)),
    ...present('netsuite_sales_order_id', recurring.netsuiteSalesOrderId, same),
    rate_type: recurring.rateType,
    starting_at: iso(recurring.startingAt),
    ...present('ending_before', recurring.endingBefore, iso),
    commit_duration: { value: recurring.commitDurationPeriods, unit: 'PERIODS' },
    ...present('recurrence_frequency', recurring.recurrenceFrequency, same),
    proration: recurring.proration,
    ...(access || invoice
      ? {
          proration_rounding: {
            ...present('access', rounding(access), same),
            ...present('invoice', rounding(invoice), same),
          },
        }
      : {}),
    ...present('subscription_config', recurring.subscriptionConfig, (config) => ({
      subscription_id: config.subscriptionId,
      allocation: config.allocation,
      apply_seat_increase_config: { is_prorated: config.applySeatIncreaseConfig.isProrated },
    })),
    ...present('hierarchy_configuration', recurring.hierarchyConfiguration, same),
  } as never
}

export function toApiOverride(override: Override, terms: ContractTerms, names: ContractNames) {
  const rate = override.overwriteRate
  return {
    id: override.id,
    created_at: iso(terms.createdAt),
    ...present('product', override.productId, (id) => productRef(id, names)),
    ...present('applicable_product_tags', override.applicableProductTags, (tags) => [...tags]),
    ...present('override_specifiers', override.overrideSpecifiers, (list) =>
      list.map(toApiSpecifier),
    ),
    starting_at: iso(override.startingAt),
    ...present('ending_before', override.endingBefore, iso),
    ...present('entitled', override.entitled, same),
    ...present('type', override.type, same),
    ...present('priority', override.priority, same),
    ...present('multiplier', override.multiplier, toNumber),
    ...present('overwrite_rate', rate, (terms) => ({
      rate_type: terms.rateType,
      ...present('price', terms.price, toNumber),
      ...present('quantity', terms.quantity, toNumber),
      ...present('is_prorated', terms.isProrated, same),
      ...present('tiers', terms.tiers, (tiers) =>
        tiers.map((tier) => ({
          ...present('size', tier.size, toNumber),
          price: toNumber(tier.price),
        })),
      ),
      ...present('minimum_config', terms.minimum, (minimum) => ({ minimum: toNumber(minimum) })),
      ...present('custom_rate', terms.customRate, (custom) => ({ ...custom })),
      ...present('credit_type', terms.creditTypeId, (id) => creditTypeRef(id, names)),
    })),
    ...present('override_tiers', override.tiers, (tiers) =>
      tiers.map((tier) => ({
        ...present('size', tier.size, toNumber),
        multiplier: toNumber(tier.multiplier),
      })),
    ),
    is_commit_specific: override.isCommitSpecific,
    ...present('target', override.target, same),
  } as never
}

export function toApiCharge(charge: ContractCharge, names: ContractNames) {
  return {
    id: charge.id,
    product: productRef(charge.productId, names),
    schedule: toApiInvoiceSchedule(charge.schedule, names),
    ...present('name', charge.name, same),
    ...present('netsuite_sales_order_id', charge.netsuiteSalesOrderId, same),
    custom_fields: { ...charge.customFields },
    ...present('archived_at', charge.archivedAt, iso),
  } as never
}

export function toApiProService(service: ProfessionalService) {
  return {
    id: service.id,
    product_id: service.productId,
    ...present('description', service.description, same),
    ...present('netsuite_sales_order_id', service.netsuiteSalesOrderId, same),
    unit_price: toNumber(service.unitPrice),
    quantity: toNumber(service.quantity),
    max_amount: toNumber(service.maxAmount),
    custom_fields: { ...service.customFields },
  }
}

export function toApiSubscription(
  subscription: ContractSubscription,
  terms: ContractTerms,
  names: ContractNames,
) {
  const anchor =
    subscription.billingCycleConfig.anchorDate ??
    statementScheduleView(terms.usageStatementSchedule, contractTerm(terms)).billingAnchorDate
  const { rounding } = subscription.proration
  return {
    id: subscription.id,
    subscription_rate: {
      billing_frequency: subscription.billingFrequency,
      product: productRef(subscription.productId, names),
    },
    ...present('name', subscription.name, same),
    ...present('description', subscription.description, same),
    collection_schedule: subscription.collectionSchedule,
    proration: {
      is_prorated: subscription.proration.isProrated,
      invoice_behavior: subscription.proration.invoiceBehavior,
      ...present('rounding', rounding, (value) => ({
        decimal_places: value.decimalPlaces,
        rounding_method: value.roundingMethod,
      })),
    },
    // One entry per change date (v2 update_subscriptions), seats totalled for SEAT_BASED.
    quantity_schedule: totalQuantitySegments(subscription).map((segment) => ({
      quantity: toNumber(segment.quantity),
      starting_at: iso(segment.startingAt),
      ...present('ending_before', segment.endingBefore, iso),
    })),
    billing_periods: {},
    quantity_management_mode: subscription.quantityManagementMode,
    ...present('seat_config', subscription.seatConfig, (seat) => ({
      seat_group_key: seat.seatGroupKey,
    })),
    starting_at: iso(subscription.startingAt),
    ...present('ending_before', subscription.endingBefore, iso),
    billing_cycle_config: {
      anchor_date: iso(anchor),
      invoice_placement: subscription.billingCycleConfig.invoicePlacement,
    },
    custom_fields: { ...subscription.customFields },
  } as never
}

/** The contract's own transition and every renewal that names it. */
export function toApiTransitions(view: ContractView, terms: ContractTerms) {
  return [
    ...(terms.transition
      ? [
          {
            type: terms.transition.type,
            from_contract_id: terms.transition.fromContractId,
            to_contract_id: terms.id,
          },
        ]
      : []),
    ...view.renewals.map((renewal) => ({
      type: 'RENEWAL' as const,
      from_contract_id: renewal.fromContractId,
      to_contract_id: renewal.toContractId,
    })),
  ]
}

/** Input `aws_options` / `gcp_options` are flat fields on output. */
export function toApiResellerRoyalty(royalty: OpaqueJson) {
  const { aws_options: aws, gcp_options: gcp, ...rest } = royalty as Record<string, unknown>
  return { ...rest, ...(aws as object | undefined), ...(gcp as object | undefined) } as never
}

/** The input names the parent (a child's view) or only how a parent behaves. */
export function toApiHierarchy(config: OpaqueJson) {
  const {
    parent,
    payer,
    usage_statement_behavior: behavior,
    parent_behavior: parentBehavior,
  } = config as Record<string, unknown>
  if (parent !== undefined) {
    return {
      parent,
      ...present('payer', payer, same),
      ...present('usage_statement_behavior', behavior, same),
    } as never
  }
  return { children: [], ...present('parent_behavior', parentBehavior, same) } as never
}

/**
 * A contract's billing-provider or revenue-system configuration. Contracts store the
 * configuration their lookup resolved to, in the spec's shape (decision 0016); a contract stored
 * before that kept the lookup itself, shown with its id under `id`.
 */
export function toApiBillingProvider(stored: OpaqueJson) {
  if ('customer_id' in stored) return stored as never
  const { billing_provider_configuration_id: id, ...rest } = stored as Record<string, unknown>
  return { ...present('id', id, same), ...rest } as never
}

export function usageFilterEntries(terms: ContractTerms) {
  return terms.usageFilter.map((entry: UsageFilterEntry, index) => {
    const next = terms.usageFilter[index + 1]
    return {
      group_key: entry.groupKey,
      group_values: [...entry.groupValues],
      starting_at: iso(entry.startingAt),
      ...present('ending_before', next?.startingAt, iso),
    }
  })
}

/** Terms both versions show at the top level of a contract, with the same field names. */
export function commonTerms(
  view: ContractView,
  terms: ContractTerms,
  names: ContractNames,
  options: ViewOptions,
) {
  const pass = terms.passThrough
  const renewal = renewalOf(view.history)
  const balanceOptions = {
    ...options,
    manualAdjustments: manualAdjustmentsOf(view.history),
    ...(renewal ? { renewals: new Map([[view.history.contractId, renewal]]) } : {}),
  }
  // Recurring instances show once their access has started (decision 0012).
  const balances = contractBalancesAt(terms, names.now)
  return {
    ...present('name', terms.name, same),
    ...present('salesforce_opportunity_id', terms.salesforceOpportunityId, same),
    ...present('rate_card_id', terms.rateCardId, same),
    starting_at: iso(terms.startingAt),
    ...present('ending_before', terms.endingBefore, iso),
    commits: balances.commits.map((commit) => toApiCommit(commit, names, balanceOptions)),
    credits: balances.credits.map((credit) => toApiCredit(credit, names, balanceOptions)),
    recurring_commits: terms.recurringCommits.map((recurring) =>
      toApiRecurring(recurring, terms.id, names),
    ),
    recurring_credits: terms.recurringCredits.map((recurring) =>
      toApiRecurring(recurring, terms.id, names),
    ),
    overrides: terms.overrides.map((override) => toApiOverride(override, terms, names)),
    discounts: terms.discounts.map((discount) => toApiCharge(discount, names)),
    professional_services: terms.professionalServices.map(toApiProService),
    scheduled_charges: terms.scheduledCharges.map((charge) => toApiCharge(charge, names)),
    ...present('scheduled_charges_on_usage_invoices', terms.scheduledChargesOnUsageInvoices, same),
    transitions: toApiTransitions(view, terms),
    created_at: iso(terms.createdAt),
    created_by: terms.createdBy,
    ...present('netsuite_sales_order_id', terms.netsuiteSalesOrderId, same),
    ...present('net_payment_terms_days', terms.netPaymentTermsDays, same),
    ...present('total_contract_value', terms.totalContractValue, toNumber),
    usage_statement_schedule: ((schedule) => ({
      frequency: schedule.frequency,
      billing_anchor_date: iso(schedule.billingAnchorDate),
    }))(statementScheduleView(terms.usageStatementSchedule, contractTerm(terms))),
    ...present('spend_threshold_configuration', pass.spendThresholdConfiguration, asSent),
    ...present(
      'prepaid_balance_threshold_configuration',
      pass.prepaidBalanceThresholdConfiguration,
      asSent,
    ),
    ...present('spend_trackers', pass.spendTrackers, asSent),
    ...present('hierarchy_configuration', pass.hierarchyConfiguration, toApiHierarchy),
  }
}

// ---------------------------------------------------------------------------------------------
// v1 shapes.

function toApiContractTerms(
  view: ContractView,
  terms: ContractTerms,
  names: ContractNames,
  options: ViewOptions,
): ContractWithoutAmendments {
  const [first, ...updates] = terms.usageFilter
  const filter = (entry: UsageFilterEntry) => ({
    group_key: entry.groupKey,
    group_values: [...entry.groupValues],
    starting_at: iso(entry.startingAt),
  })
  const inForce = [...terms.usageFilter]
    .reverse()
    .find((entry) => entry.startingAt.getTime() <= names.now.getTime())
  return {
    ...commonTerms(view, terms, names, options),
    ...present('reseller_royalties', terms.passThrough.resellerRoyalties, (list) =>
      list.map(toApiResellerRoyalty),
    ),
    ...present('usage_filter', first, (entry) => ({
      initial: filter(entry),
      current: inForce ? filter(inForce) : null,
      updates: updates.map(filter),
    })),
  } as ContractWithoutAmendments
}

/** v1 `Contract`: `initial` is the create, `current` the replay, `amendments` the v1 amends. */
export function toApiContract(
  view: ContractView,
  names: ContractNames,
  options: ViewOptions,
): Contract {
  const { terms } = view
  const pass = terms.passThrough
  return {
    id: terms.id,
    customer_id: terms.customerId,
    ...present('archived_at', terms.archivedAt, iso),
    ...present('package_id', terms.packageId, same),
    ...present('uniqueness_key', terms.uniquenessKey, same),
    initial: toApiContractTerms(view, view.initial, names, options),
    current: toApiContractTerms(view, terms, names, options),
    amendments: toApiAmendments(view.history.edits, terms, names),
    custom_fields: { ...terms.customFields },
    ...present(
      'customer_billing_provider_configuration',
      pass.billingProviderConfiguration,
      toApiBillingProvider,
    ),
    ...present('scheduled_charges_on_usage_invoices', terms.scheduledChargesOnUsageInvoices, same),
    subscriptions: terms.subscriptions.map((subscription) =>
      toApiSubscription(subscription, terms, names),
    ),
    ...present('spend_threshold_configuration', pass.spendThresholdConfiguration, asSent),
    ...present(
      'prepaid_balance_threshold_configuration',
      pass.prepaidBalanceThresholdConfiguration,
      asSent,
    ),
    ...present('spend_trackers', pass.spendTrackers, asSent),
  } as Contract
}
