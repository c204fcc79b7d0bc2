/**
 * Contracts and their histories, scoped by client (decision 0010). An edit's payload is stored
 * in a JSON form of its own — snake_case, decimals as strings, instants as RFC 3339 text — so
 * that the stored shape does not move when the domain's types are refactored. `encodeEdit` and
 * `decodeEdit` are exact inverses (a property test holds it).
 */
import type { Kysely, Transaction } from 'kysely'
import type { ContractListQuery, ContractRenewal } from '../app/ports.js'
import type {
  AccessSchedule,
  CommitSpecifier,
  InvoiceSchedule,
} from '../domain/contracts/commits.js'
import type {
  ContractCharge,
  ContractCommit,
  ContractCredit,
  ContractEdit,
  ContractHistory,
  ContractRecurring,
  ContractSubscription,
  ContractTerms,
  OpaqueJson,
  PassThroughTerms,
  ProfessionalService,
  UsageFilterEntry,
} from '../domain/contracts/contract.js'
import { currentContract } from '../domain/contracts/contract.js'
import type { BalanceEdit } from '../domain/contracts/balance-edits.js'
import { decodeTermEdit, encodeTermEdit } from './contract-edit-payloads.js'
import type { Override, OverrideSpecifier } from '../domain/contracts/overrides.js'
import type { ProrationRounding, RecurringAmount } from '../domain/contracts/recurring.js'
import { decimal, type Dec } from '../domain/money/decimal.js'
import type { RateTerms } from '../domain/pricing/rate-card.js'
import type { Database } from './tables.js'
import {
  subscriptionChangesFromJson,
  subscriptionChangesToJson,
} from './subscription-schedule-json.js'

type Executor = Kysely<Database> | Transaction<Database>
type Json = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Scalars.

const text = (value: Dec) => value.toString()
const textOrNull = (value: Dec | null) => (value === null ? null : value.toString())
const dec = (value: unknown) => decimal(value as string)
const decOrNull = (value: unknown) => (value === null ? null : decimal(value as string))
const iso = (value: Date) => value.toISOString()
const isoOrNull = (value: Date | null) => (value === null ? null : value.toISOString())
const date = (value: unknown) => new Date(value as string)
const dateOrNull = (value: unknown) => (value === null ? null : new Date(value as string))
const str = (value: unknown) => value as string
const strOrNull = (value: unknown) => (value === null ? null : (value as string))
const strings = (value: unknown) => value as string[]
const stringsOrNull = (value: unknown) => (value === null ? null : (value as string[]))
const json = (value: unknown) => value as Json
const jsonOrNull = (value: unknown) => (value === null ? null : (value as OpaqueJson))
const opaque = (value: OpaqueJson | null) => value
const fields = (value: unknown) => value as Record<string, string>

// ---------------------------------------------------------------------------------------------
// Balances.

function accessToJson(schedule: AccessSchedule): Json {
  return {
    credit_type_id: schedule.creditTypeId,
    ...(schedule.accessType === undefined ? {} : { access_type: schedule.accessType }),
    segments: schedule.segments.map((segment) => ({
      id: segment.id,
      amount: text(segment.amount),
      starting_at: iso(segment.startingAt),
      ending_before: iso(segment.endingBefore),
    })),
  }
}

function accessFromJson(stored: Json): AccessSchedule {
  const accessType = stored['access_type'] as AccessSchedule['accessType']
  return {
    creditTypeId: str(stored['credit_type_id']),
    ...(accessType === undefined ? {} : { accessType }),
    segments: (stored['segments'] as Json[]).map((segment) => ({
      id: str(segment['id']),
      amount: dec(segment['amount']),
      startingAt: date(segment['starting_at']),
      endingBefore: date(segment['ending_before']),
    })),
  }
}

function invoiceToJson(schedule: InvoiceSchedule): Json {
  return {
    credit_type_id: schedule.creditTypeId,
    do_not_invoice: schedule.doNotInvoice,
    items: schedule.items.map((item) => ({
      id: item.id,
      timestamp: iso(item.timestamp),
      amount: text(item.amount),
      unit_price: text(item.unitPrice),
      quantity: text(item.quantity),
    })),
  }
}

function invoiceFromJson(stored: Json): InvoiceSchedule {
  return {
    creditTypeId: str(stored['credit_type_id']),
    doNotInvoice: stored['do_not_invoice'] as boolean,
    items: (stored['items'] as Json[]).map((item) => ({
      id: str(item['id']),
      timestamp: date(item['timestamp']),
      amount: dec(item['amount']),
      unitPrice: dec(item['unit_price']),
      quantity: dec(item['quantity']),
    })),
  }
}

const specifierKeys = [
  ['productId', 'product_id'],
  ['productTags', 'product_tags'],
  ['pricingGroupValues', 'pricing_group_values'],
  ['presentationGroupValues', 'presentation_group_values'],
  ['billingFrequency', 'billing_frequency'],
  ['commitIds', 'commit_ids'],
  ['recurringCommitIds', 'recurring_commit_ids'],
  ['anyCommitOrCreditIds', 'any_commit_or_credit_ids'],
] as const

/**
 * Specifier fields are all plain JSON values; only the names change. `exclude` entries are
 * objects whose one field is renamed too (absent in rows written before it existed).
 */
export function specifierToJson(specifier: CommitSpecifier | OverrideSpecifier): Json {
  const stored: Json = {}
  for (const [key, wire] of specifierKeys) {
    const value = (specifier as Record<string, unknown>)[key]
    if (value !== undefined) stored[wire] = value
  }
  if (specifier.exclude !== undefined) {
    stored['exclude'] = specifier.exclude.map((entry) =>
      entry.productTags === undefined ? {} : { product_tags: entry.productTags },
    )
  }
  return stored
}

export function specifierFromJson(stored: Json): OverrideSpecifier {
  const specifier: Record<string, unknown> = {}
  for (const [key, wire] of specifierKeys) {
    if (stored[wire] !== undefined) specifier[key] = stored[wire]
  }
  if (stored['exclude'] !== undefined) {
    specifier['exclude'] = (stored['exclude'] as Json[]).map((entry) =>
      entry['product_tags'] === undefined ? {} : { productTags: strings(entry['product_tags']) },
    )
  }
  return specifier as OverrideSpecifier
}

const specifiersToJson = (list: readonly CommitSpecifier[] | null) =>
  list === null ? null : list.map(specifierToJson)
const specifiersFromJson = (value: unknown) =>
  value === null ? null : (value as Json[]).map(specifierFromJson)

function balanceToJson(balance: ContractCommit | ContractCredit): Json {
  return {
    id: balance.id,
    contract_id: balance.contractId,
    product_id: balance.productId,
    name: balance.name,
    description: balance.description,
    access_schedule: accessToJson(balance.accessSchedule),
    priority: textOrNull(balance.priority),
    applicable_product_ids: balance.applicableProductIds,
    applicable_product_tags: balance.applicableProductTags,
    specifiers: specifiersToJson(balance.specifiers),
    rollover_fraction: textOrNull(balance.rolloverFraction),
    rate_type: balance.rateType,
    rolled_over_from: balance.rolledOverFrom
      ? { contract_id: balance.rolledOverFrom.contractId, id: balance.rolledOverFrom.id }
      : null,
    archived_at: isoOrNull(balance.archivedAt),
    custom_fields: balance.customFields,
    created_at: iso(balance.createdAt),
    netsuite_sales_order_id: balance.netsuiteSalesOrderId,
    hierarchy_configuration: opaque(balance.hierarchyConfiguration),
  }
}

function balanceFromJson(stored: Json) {
  const rolled = stored['rolled_over_from'] as Json | null
  return {
    id: str(stored['id']),
    contractId: strOrNull(stored['contract_id']),
    productId: str(stored['product_id']),
    name: strOrNull(stored['name']),
    description: strOrNull(stored['description']),
    accessSchedule: accessFromJson(json(stored['access_schedule'])),
    priority: decOrNull(stored['priority']),
    applicableProductIds: stringsOrNull(stored['applicable_product_ids']),
    applicableProductTags: stringsOrNull(stored['applicable_product_tags']),
    specifiers: specifiersFromJson(stored['specifiers']) as CommitSpecifier[] | null,
    rolloverFraction: decOrNull(stored['rollover_fraction']),
    rateType: stored['rate_type'] as ContractCommit['rateType'],
    rolledOverFrom: rolled
      ? { contractId: str(rolled['contract_id']), id: str(rolled['id']) }
      : null,
    archivedAt: dateOrNull(stored['archived_at']),
    customFields: fields(stored['custom_fields']),
    createdAt: date(stored['created_at']),
    netsuiteSalesOrderId: strOrNull(stored['netsuite_sales_order_id']),
    hierarchyConfiguration: jsonOrNull(stored['hierarchy_configuration']),
  }
}

export function commitToJson(commit: ContractCommit): Json {
  return {
    ...balanceToJson(commit),
    type: commit.type,
    invoice_schedule: commit.invoiceSchedule ? invoiceToJson(commit.invoiceSchedule) : null,
    spend_tracker_attributes: opaque(commit.spendTrackerAttributes),
  }
}

export function commitFromJson(stored: Json): ContractCommit {
  const invoice = stored['invoice_schedule'] as Json | null
  return {
    ...balanceFromJson(stored),
    kind: 'COMMIT',
    type: stored['type'] as ContractCommit['type'],
    invoiceSchedule: invoice ? invoiceFromJson(invoice) : null,
    spendTrackerAttributes: jsonOrNull(stored['spend_tracker_attributes']),
  }
}

export const creditToJson = (credit: ContractCredit): Json => balanceToJson(credit)
export const creditFromJson = (stored: Json): ContractCredit => ({
  ...balanceFromJson(stored),
  kind: 'CREDIT',
})

// ---------------------------------------------------------------------------------------------
// Recurring commits and credits.

const amountToJson = (amount: RecurringAmount): Json => ({
  unit_price: text(amount.unitPrice),
  quantity: text(amount.quantity),
  credit_type_id: amount.creditTypeId,
})
const amountFromJson = (stored: Json): RecurringAmount => ({
  unitPrice: dec(stored['unit_price']),
  quantity: dec(stored['quantity']),
  creditTypeId: str(stored['credit_type_id']),
})
export const roundingToJson = (rounding: ProrationRounding | null) =>
  rounding && { decimal_places: rounding.decimalPlaces, rounding_method: rounding.roundingMethod }
export const roundingFromJson = (stored: unknown): ProrationRounding | null => {
  if (stored === null) return null
  const value = stored as Json
  return {
    decimalPlaces: value['decimal_places'] as number,
    roundingMethod: value['rounding_method'] as ProrationRounding['roundingMethod'],
  }
}

export function recurringToJson(recurring: ContractRecurring): Json {
  const config = recurring.subscriptionConfig
  return {
    id: recurring.id,
    kind: recurring.kind,
    product_id: recurring.productId,
    name: recurring.name,
    description: recurring.description,
    priority: text(recurring.priority),
    starting_at: iso(recurring.startingAt),
    ending_before: isoOrNull(recurring.endingBefore),
    access_amount: amountToJson(recurring.accessAmount),
    invoice_amount: recurring.invoiceAmount ? amountToJson(recurring.invoiceAmount) : null,
    commit_duration_periods: recurring.commitDurationPeriods,
    recurrence_frequency: recurring.recurrenceFrequency,
    proration: recurring.proration,
    proration_rounding: {
      access: roundingToJson(recurring.prorationRounding.access),
      invoice: roundingToJson(recurring.prorationRounding.invoice),
    },
    rollover_fraction: textOrNull(recurring.rolloverFraction),
    applicable_product_ids: recurring.applicableProductIds,
    applicable_product_tags: recurring.applicableProductTags,
    specifiers: specifiersToJson(recurring.specifiers),
    rate_type: recurring.rateType,
    subscription_config: config && {
      subscription_id: config.subscriptionId,
      allocation: config.allocation,
      apply_seat_increase_is_prorated: config.applySeatIncreaseConfig.isProrated,
    },
    netsuite_sales_order_id: recurring.netsuiteSalesOrderId,
    hierarchy_configuration: opaque(recurring.hierarchyConfiguration),
  }
}

export function recurringFromJson(stored: Json): ContractRecurring {
  const rounding = json(stored['proration_rounding'])
  const config = stored['subscription_config'] as Json | null
  const invoice = stored['invoice_amount'] as Json | null
  return {
    id: str(stored['id']),
    kind: stored['kind'] as ContractRecurring['kind'],
    productId: str(stored['product_id']),
    name: strOrNull(stored['name']),
    description: strOrNull(stored['description']),
    priority: dec(stored['priority']),
    startingAt: date(stored['starting_at']),
    endingBefore: dateOrNull(stored['ending_before']),
    accessAmount: amountFromJson(json(stored['access_amount'])),
    invoiceAmount: invoice ? amountFromJson(invoice) : null,
    commitDurationPeriods: stored['commit_duration_periods'] as number,
    recurrenceFrequency: stored['recurrence_frequency'] as ContractRecurring['recurrenceFrequency'],
    proration: stored['proration'] as ContractRecurring['proration'],
    prorationRounding: {
      access: roundingFromJson(rounding['access']),
      invoice: roundingFromJson(rounding['invoice']),
    },
    rolloverFraction: decOrNull(stored['rollover_fraction']),
    applicableProductIds: stringsOrNull(stored['applicable_product_ids']),
    applicableProductTags: stringsOrNull(stored['applicable_product_tags']),
    specifiers: specifiersFromJson(stored['specifiers']) as CommitSpecifier[] | null,
    rateType: stored['rate_type'] as ContractRecurring['rateType'],
    subscriptionConfig: config
      ? {
          subscriptionId: str(config['subscription_id']),
          allocation: config['allocation'] as 'INDIVIDUAL' | 'POOLED',
          applySeatIncreaseConfig: {
            isProrated: config['apply_seat_increase_is_prorated'] as boolean,
          },
        }
      : null,
    netsuiteSalesOrderId: strOrNull(stored['netsuite_sales_order_id']),
    hierarchyConfiguration: jsonOrNull(stored['hierarchy_configuration']),
  }
}

// ---------------------------------------------------------------------------------------------
// Overrides.

function rateToJson(rate: RateTerms): Json {
  return {
    rate_type: rate.rateType,
    price: textOrNull(rate.price),
    tiers:
      rate.tiers?.map((tier) => ({ size: textOrNull(tier.size), price: text(tier.price) })) ?? null,
    minimum: textOrNull(rate.minimum),
    credit_type_id: rate.creditTypeId,
    is_prorated: rate.isProrated,
    quantity: textOrNull(rate.quantity),
    custom_rate: rate.customRate,
  }
}

function rateFromJson(stored: Json): RateTerms {
  return {
    rateType: stored['rate_type'] as RateTerms['rateType'],
    price: decOrNull(stored['price']),
    tiers:
      (stored['tiers'] as Json[] | null)?.map((tier) => ({
        size: decOrNull(tier['size']),
        price: dec(tier['price']),
      })) ?? null,
    minimum: decOrNull(stored['minimum']),
    creditTypeId: strOrNull(stored['credit_type_id']),
    isProrated: stored['is_prorated'] as boolean | null,
    quantity: decOrNull(stored['quantity']),
    customRate: jsonOrNull(stored['custom_rate']),
  }
}

export function overrideToJson(override: Override): Json {
  return {
    id: override.id,
    creation_order: override.creationOrder,
    starting_at: iso(override.startingAt),
    ending_before: isoOrNull(override.endingBefore),
    type: override.type,
    multiplier: textOrNull(override.multiplier),
    overwrite_rate: override.overwriteRate ? rateToJson(override.overwriteRate) : null,
    tiers:
      override.tiers?.map((tier) => ({
        size: textOrNull(tier.size),
        multiplier: text(tier.multiplier),
      })) ?? null,
    entitled: override.entitled,
    priority: override.priority,
    product_id: override.productId,
    applicable_product_tags: override.applicableProductTags,
    override_specifiers: override.overrideSpecifiers?.map(specifierToJson) ?? null,
    is_commit_specific: override.isCommitSpecific,
    target: override.target,
  }
}

export function overrideFromJson(stored: Json): Override {
  const rate = stored['overwrite_rate'] as Json | null
  return {
    id: str(stored['id']),
    creationOrder: stored['creation_order'] as number,
    startingAt: date(stored['starting_at']),
    endingBefore: dateOrNull(stored['ending_before']),
    type: stored['type'] as Override['type'],
    multiplier: decOrNull(stored['multiplier']),
    overwriteRate: rate ? rateFromJson(rate) : null,
    tiers:
      (stored['tiers'] as Json[] | null)?.map((tier) => ({
        size: decOrNull(tier['size']),
        multiplier: dec(tier['multiplier']),
      })) ?? null,
    entitled: stored['entitled'] as boolean | null,
    priority: stored['priority'] as number | null,
    productId: strOrNull(stored['product_id']),
    applicableProductTags: stringsOrNull(stored['applicable_product_tags']),
    overrideSpecifiers:
      (stored['override_specifiers'] as Json[] | null)?.map(specifierFromJson) ?? null,
    isCommitSpecific: stored['is_commit_specific'] as boolean,
    target: stored['target'] as Override['target'],
  }
}

// ---------------------------------------------------------------------------------------------
// Charges, services, subscriptions, filters.

export const chargeToJson = (charge: ContractCharge): Json => ({
  id: charge.id,
  product_id: charge.productId,
  name: charge.name,
  schedule: invoiceToJson(charge.schedule),
  netsuite_sales_order_id: charge.netsuiteSalesOrderId,
  custom_fields: charge.customFields,
  archived_at: isoOrNull(charge.archivedAt),
})
export const chargeFromJson = (stored: Json): ContractCharge => ({
  id: str(stored['id']),
  productId: str(stored['product_id']),
  name: strOrNull(stored['name']),
  schedule: invoiceFromJson(json(stored['schedule'])),
  netsuiteSalesOrderId: strOrNull(stored['netsuite_sales_order_id']),
  customFields: fields(stored['custom_fields']),
  archivedAt: dateOrNull(stored['archived_at']),
})

export const serviceToJson = (service: ProfessionalService): Json => ({
  id: service.id,
  product_id: service.productId,
  description: service.description,
  unit_price: text(service.unitPrice),
  quantity: text(service.quantity),
  max_amount: text(service.maxAmount),
  netsuite_sales_order_id: service.netsuiteSalesOrderId,
  custom_fields: service.customFields,
})
export const serviceFromJson = (stored: Json): ProfessionalService => ({
  id: str(stored['id']),
  productId: str(stored['product_id']),
  description: strOrNull(stored['description']),
  unitPrice: dec(stored['unit_price']),
  quantity: dec(stored['quantity']),
  maxAmount: dec(stored['max_amount']),
  netsuiteSalesOrderId: strOrNull(stored['netsuite_sales_order_id']),
  customFields: fields(stored['custom_fields']),
})

export function subscriptionToJson(subscription: ContractSubscription): Json {
  const seat = subscription.seatConfig
  return {
    id: subscription.id,
    product_id: subscription.productId,
    billing_frequency: subscription.billingFrequency,
    name: subscription.name,
    description: subscription.description,
    collection_schedule: subscription.collectionSchedule,
    proration: {
      is_prorated: subscription.proration.isProrated,
      invoice_behavior: subscription.proration.invoiceBehavior,
      rounding: roundingToJson(subscription.proration.rounding),
    },
    initial_quantity: text(subscription.initialQuantity),
    starting_at: iso(subscription.startingAt),
    ending_before: isoOrNull(subscription.endingBefore),
    quantity_management_mode: subscription.quantityManagementMode,
    seat_config: seat && {
      seat_group_key: seat.seatGroupKey,
      initial_seat_ids: seat.initialSeatIds,
      initial_unassigned_seats: seat.initialUnassignedSeats,
    },
    billing_cycle_config: {
      anchor_date: isoOrNull(subscription.billingCycleConfig.anchorDate),
      invoice_placement: subscription.billingCycleConfig.invoicePlacement,
    },
    payment_gate_config: opaque(subscription.paymentGateConfig),
    custom_fields: subscription.customFields,
    ...subscriptionChangesToJson(subscription),
  }
}

export function subscriptionFromJson(stored: Json): ContractSubscription {
  const proration = json(stored['proration'])
  const seat = stored['seat_config'] as Json | null
  const cycle = json(stored['billing_cycle_config'])
  return {
    id: str(stored['id']),
    productId: str(stored['product_id']),
    billingFrequency: stored['billing_frequency'] as ContractSubscription['billingFrequency'],
    name: strOrNull(stored['name']),
    description: strOrNull(stored['description']),
    collectionSchedule: stored['collection_schedule'] as ContractSubscription['collectionSchedule'],
    proration: {
      isProrated: proration['is_prorated'] as boolean,
      invoiceBehavior: proration[
        'invoice_behavior'
      ] as ContractSubscription['proration']['invoiceBehavior'],
      rounding: roundingFromJson(proration['rounding']),
    },
    initialQuantity: dec(stored['initial_quantity']),
    startingAt: date(stored['starting_at']),
    endingBefore: dateOrNull(stored['ending_before']),
    quantityManagementMode: stored[
      'quantity_management_mode'
    ] as ContractSubscription['quantityManagementMode'],
    seatConfig: seat
      ? {
          seatGroupKey: str(seat['seat_group_key']),
          initialSeatIds: strings(seat['initial_seat_ids']),
          initialUnassignedSeats: seat['initial_unassigned_seats'] as number,
        }
      : null,
    billingCycleConfig: {
      anchorDate: dateOrNull(cycle['anchor_date']),
      invoicePlacement: cycle[
        'invoice_placement'
      ] as ContractSubscription['billingCycleConfig']['invoicePlacement'],
    },
    paymentGateConfig: jsonOrNull(stored['payment_gate_config']),
    customFields: fields(stored['custom_fields']),
    ...subscriptionChangesFromJson(stored),
  }
}

const filterToJson = (entry: UsageFilterEntry): Json => ({
  group_key: entry.groupKey,
  group_values: entry.groupValues,
  starting_at: iso(entry.startingAt),
})
const filterFromJson = (stored: Json): UsageFilterEntry => ({
  groupKey: str(stored['group_key']),
  groupValues: strings(stored['group_values']),
  startingAt: date(stored['starting_at']),
})

const passThroughKeys = [
  ['billingProviderConfiguration', 'billing_provider_configuration'],
  ['revenueSystemConfiguration', 'revenue_system_configuration'],
  ['resellerRoyalties', 'reseller_royalties'],
  ['hierarchyConfiguration', 'hierarchy_configuration'],
  ['spendThresholdConfiguration', 'spend_threshold_configuration'],
  ['prepaidBalanceThresholdConfiguration', 'prepaid_balance_threshold_configuration'],
  ['spendTrackers', 'spend_trackers'],
] as const satisfies readonly (readonly [keyof PassThroughTerms, string])[]

// ---------------------------------------------------------------------------------------------
// Terms and edits.

function termsToJson(terms: ContractTerms): Json {
  const schedule = terms.usageStatementSchedule
  return {
    id: terms.id,
    customer_id: terms.customerId,
    name: terms.name,
    starting_at: iso(terms.startingAt),
    ending_before: isoOrNull(terms.endingBefore),
    rate_card_id: terms.rateCardId,
    package_id: terms.packageId,
    uniqueness_key: terms.uniquenessKey,
    net_payment_terms_days: terms.netPaymentTermsDays,
    multiplier_override_prioritization: terms.multiplierOverridePrioritization,
    scheduled_charges_on_usage_invoices: terms.scheduledChargesOnUsageInvoices,
    total_contract_value: textOrNull(terms.totalContractValue),
    netsuite_sales_order_id: terms.netsuiteSalesOrderId,
    salesforce_opportunity_id: terms.salesforceOpportunityId,
    commits: terms.commits.map(commitToJson),
    credits: terms.credits.map(creditToJson),
    recurring_commits: terms.recurringCommits.map(recurringToJson),
    recurring_credits: terms.recurringCredits.map(recurringToJson),
    overrides: terms.overrides.map(overrideToJson),
    scheduled_charges: terms.scheduledCharges.map(chargeToJson),
    discounts: terms.discounts.map(chargeToJson),
    professional_services: terms.professionalServices.map(serviceToJson),
    subscriptions: terms.subscriptions.map(subscriptionToJson),
    usage_filter: terms.usageFilter.map(filterToJson),
    usage_statement_schedule: {
      frequency: schedule.frequency,
      day: schedule.day,
      billing_anchor_date: isoOrNull(schedule.billingAnchorDate),
      invoice_generation_starting_at: isoOrNull(schedule.invoiceGenerationStartingAt),
    },
    transition: terms.transition && {
      type: terms.transition.type,
      from_contract_id: terms.transition.fromContractId,
      future_invoice_behavior: terms.transition.futureInvoiceBehavior,
    },
    pass_through: Object.fromEntries(
      passThroughKeys.map(([key, wire]) => [wire, terms.passThrough[key]]),
    ),
    custom_fields: terms.customFields,
    created_at: iso(terms.createdAt),
    created_by: terms.createdBy,
    archived_at: isoOrNull(terms.archivedAt),
  }
}

function termsFromJson(stored: Json): ContractTerms {
  const schedule = json(stored['usage_statement_schedule'])
  const transition = stored['transition'] as Json | null
  const passThrough = json(stored['pass_through'])
  const list = <T>(key: string, item: (value: Json) => T) => (stored[key] as Json[]).map(item)
  return {
    id: str(stored['id']),
    customerId: str(stored['customer_id']),
    name: strOrNull(stored['name']),
    startingAt: date(stored['starting_at']),
    endingBefore: dateOrNull(stored['ending_before']),
    rateCardId: strOrNull(stored['rate_card_id']),
    packageId: strOrNull(stored['package_id']),
    uniquenessKey: strOrNull(stored['uniqueness_key']),
    netPaymentTermsDays: stored['net_payment_terms_days'] as number | null,
    multiplierOverridePrioritization: stored[
      'multiplier_override_prioritization'
    ] as ContractTerms['multiplierOverridePrioritization'],
    scheduledChargesOnUsageInvoices: stored['scheduled_charges_on_usage_invoices'] as 'ALL' | null,
    totalContractValue: decOrNull(stored['total_contract_value']),
    netsuiteSalesOrderId: strOrNull(stored['netsuite_sales_order_id']),
    salesforceOpportunityId: strOrNull(stored['salesforce_opportunity_id']),
    commits: list('commits', commitFromJson),
    credits: list('credits', creditFromJson),
    recurringCommits: list('recurring_commits', recurringFromJson),
    recurringCredits: list('recurring_credits', recurringFromJson),
    overrides: list('overrides', overrideFromJson),
    scheduledCharges: list('scheduled_charges', chargeFromJson),
    discounts: list('discounts', chargeFromJson),
    professionalServices: list('professional_services', serviceFromJson),
    subscriptions: list('subscriptions', subscriptionFromJson),
    usageFilter: list('usage_filter', filterFromJson),
    usageStatementSchedule: {
      frequency: schedule['frequency'] as ContractTerms['usageStatementSchedule']['frequency'],
      day: schedule['day'] as ContractTerms['usageStatementSchedule']['day'],
      billingAnchorDate: dateOrNull(schedule['billing_anchor_date']),
      invoiceGenerationStartingAt: dateOrNull(schedule['invoice_generation_starting_at']),
    },
    transition: transition
      ? {
          type: 'RENEWAL',
          fromContractId: str(transition['from_contract_id']),
          futureInvoiceBehavior: transition['future_invoice_behavior'] as NonNullable<
            ContractTerms['transition']
          >['futureInvoiceBehavior'],
        }
      : null,
    passThrough: Object.fromEntries(
      passThroughKeys.map(([key, wire]) => [key, passThrough[wire] ?? null]),
    ) as unknown as PassThroughTerms,
    customFields: fields(stored['custom_fields']),
    createdAt: date(stored['created_at']),
    createdBy: str(stored['created_by']),
    archivedAt: dateOrNull(stored['archived_at']),
  }
}

/** An edit's kind-specific payload in its stored form. */
export function encodeEdit(edit: ContractEdit): Json {
  switch (edit.kind) {
    case 'create':
      return { terms: termsToJson(edit.terms) }
    case 'updateEndDate':
      return { ending_before: isoOrNull(edit.endingBefore) }
    case 'setUsageFilter':
      return { filter: filterToJson(edit.filter) }
    case 'archive':
      return {}
    case 'addManualBalanceEntry':
    case 'disableTrueup':
      return encodeBalanceEdit(edit)
    case 'renewal':
      return { new_contract_id: edit.newContractId, transition_at: iso(edit.transitionAt) }
    case 'amend':
    case 'edit':
    case 'editCommit':
    case 'editCredit':
    case 'archiveCommit':
    case 'archiveCredit':
    case 'retireCommits':
      return encodeTermEdit(edit)
  }
}

export interface StoredEditHead {
  readonly id: string
  readonly kind: string
  readonly recordedAt: Date
  readonly recordedBy: string
}

export function decodeEdit(head: StoredEditHead, payload: Json): ContractEdit {
  const base = { id: head.id, recordedAt: head.recordedAt, recordedBy: head.recordedBy }
  switch (head.kind) {
    case 'create':
      return { ...base, kind: 'create', terms: termsFromJson(json(payload['terms'])) }
    case 'updateEndDate':
      return { ...base, kind: 'updateEndDate', endingBefore: dateOrNull(payload['ending_before']) }
    case 'setUsageFilter':
      return { ...base, kind: 'setUsageFilter', filter: filterFromJson(json(payload['filter'])) }
    case 'archive':
      return { ...base, kind: 'archive' }
    case 'addManualBalanceEntry':
    case 'disableTrueup':
      return { ...base, ...decodeBalanceEdit(head.kind, payload) }
    case 'renewal':
      return {
        ...base,
        kind: 'renewal',
        newContractId: str(payload['new_contract_id']),
        transitionAt: date(payload['transition_at']),
      }
    case 'amend':
    case 'edit':
    case 'editCommit':
    case 'editCredit':
    case 'archiveCommit':
    case 'archiveCredit':
    case 'retireCommits':
      return { ...base, ...decodeTermEdit(head.kind, payload) }
    default:
      throw new Error(`unknown contract edit kind ${head.kind}`)
  }
}

/** The stored form of the balance edits (balance-edits.ts). */
function encodeBalanceEdit(edit: BalanceEdit): Json {
  if (edit.kind === 'disableTrueup') return { commit_id: edit.commitId }
  const { adjustment, perGroupAmounts } = edit
  return {
    balance_id: edit.balanceId,
    segment_id: adjustment.segmentId,
    amount: text(adjustment.amount),
    reason: adjustment.reason,
    timestamp: isoOrNull(adjustment.timestamp),
    per_group_amounts:
      perGroupAmounts &&
      Object.fromEntries(Object.entries(perGroupAmounts).map(([key, value]) => [key, text(value)])),
  }
}

function decodeBalanceEdit(kind: BalanceEdit['kind'], payload: Json): BalanceEdit {
  if (kind === 'disableTrueup') return { kind, commitId: str(payload['commit_id']) }
  const perGroup = payload['per_group_amounts'] as Record<string, string> | null
  return {
    kind,
    balanceId: str(payload['balance_id']),
    adjustment: {
      segmentId: str(payload['segment_id']),
      amount: dec(payload['amount']),
      reason: str(payload['reason']),
      timestamp: dateOrNull(payload['timestamp']),
    },
    perGroupAmounts:
      perGroup &&
      Object.fromEntries(Object.entries(perGroup).map(([key, value]) => [key, dec(value)])),
  }
}

// ---------------------------------------------------------------------------------------------
// Queries.

/** The row columns a history determines (rewritten after every edit). */
function rowColumns(history: ContractHistory) {
  const current = currentContract(history)
  return {
    starting_at: current.startingAt,
    ending_before: current.endingBefore,
    archived_at: current.archivedAt,
  }
}

/**
 * Inserts a new contract with its history; false (and nothing written) when its uniqueness key
 * is already used by the client.
 */
export async function insertContract(
  db: Executor,
  clientId: string,
  history: ContractHistory,
): Promise<boolean> {
  const created = currentContract(history)
  const inserted = await db
    .insertInto('contracts')
    .values({
      client_id: clientId,
      id: history.contractId,
      customer_id: history.customerId,
      uniqueness_key: created.uniquenessKey,
      transition_from_contract_id: created.transition?.fromContractId ?? null,
      created_at: created.createdAt,
      ...rowColumns(history),
    })
    .onConflict((oc) =>
      oc
        .columns(['client_id', 'uniqueness_key'])
        .where('uniqueness_key', 'is not', null)
        .doNothing(),
    )
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false
  await insertEdits(db, clientId, history.contractId, history.edits, 0)
  return true
}

/** Appends edits after the `firstSequence - 1` already stored (the edit operations will too). */
async function insertEdits(
  db: Executor,
  clientId: string,
  contractId: string,
  edits: readonly ContractEdit[],
  firstSequence: number,
) {
  if (edits.length === 0) return
  await db
    .insertInto('contract_edits')
    .values(
      edits.map((edit, index) => ({
        client_id: clientId,
        contract_id: contractId,
        sequence: firstSequence + index,
        id: edit.id,
        kind: edit.kind,
        recorded_at: edit.recordedAt,
        recorded_by: edit.recordedBy,
        payload: JSON.stringify(encodeEdit(edit)),
      })),
    )
    .execute()
}

/**
 * Appends `edits` to a stored history that has `storedCount` edits, and rewrites the row's
 * derived columns from the new history. Callers hold the contract locked (`forUpdate`), so the
 * sequence numbers cannot collide; the primary key would refuse a collision anyway.
 */
export async function appendContractEdits(
  db: Executor,
  clientId: string,
  history: ContractHistory,
  storedCount: number,
) {
  await insertEdits(db, clientId, history.contractId, history.edits.slice(storedCount), storedCount)
  await db
    .updateTable('contracts')
    .set(rowColumns(history))
    .where('client_id', '=', clientId)
    .where('id', '=', history.contractId)
    .execute()
}

/** Takes the contract's row lock for the rest of the transaction (edits are read-change-append). */
export async function lockContract(db: Executor, clientId: string, contractId: string) {
  await db
    .selectFrom('contracts')
    .select('id')
    .where('client_id', '=', clientId)
    .where('id', '=', contractId)
    .forUpdate()
    .executeTakeFirst()
}

export async function isUniquenessKeyUsed(db: Executor, clientId: string, key: string) {
  const row = await db
    .selectFrom('contracts')
    .select('id')
    .where('client_id', '=', clientId)
    .where('uniqueness_key', '=', key)
    .executeTakeFirst()
  return row !== undefined
}

async function historiesOf(
  db: Executor,
  clientId: string,
  rows: readonly { id: string; customer_id: string }[],
): Promise<ContractHistory[]> {
  if (rows.length === 0) return []
  const edits = await db
    .selectFrom('contract_edits')
    .selectAll()
    .where('client_id', '=', clientId)
    .where(
      'contract_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('contract_id')
    .orderBy('sequence')
    .execute()
  const byContract = new Map<string, ContractEdit[]>()
  for (const row of edits) {
    const list = byContract.get(row.contract_id) ?? []
    list.push(
      decodeEdit(
        { id: row.id, kind: row.kind, recordedAt: row.recorded_at, recordedBy: row.recorded_by },
        row.payload as Json,
      ),
    )
    byContract.set(row.contract_id, list)
  }
  return rows.map((row) => ({
    contractId: row.id,
    customerId: row.customer_id,
    edits: byContract.get(row.id) ?? [],
  }))
}

export async function findContractHistory(
  db: Executor,
  clientId: string,
  contractId: string,
): Promise<ContractHistory | null> {
  const row = await db
    .selectFrom('contracts')
    .select(['id', 'customer_id'])
    .where('client_id', '=', clientId)
    .where('id', '=', contractId)
    .executeTakeFirst()
  return row ? ((await historiesOf(db, clientId, [row]))[0] ?? null) : null
}

/** A customer's contracts in creation order, filtered on the row's current columns. */
export async function listContractHistories(
  db: Executor,
  query: ContractListQuery,
): Promise<ContractHistory[]> {
  let select = db
    .selectFrom('contracts')
    .select(['id', 'customer_id'])
    .where('client_id', '=', query.clientId)
    .where('customer_id', '=', query.customerId)
    .orderBy('seq')
  if (!query.includeArchived) select = select.where('archived_at', 'is', null)
  if (query.startingAtOrAfter) select = select.where('starting_at', '>=', query.startingAtOrAfter)
  const covering = query.covering
  if (covering) {
    select = select
      .where('starting_at', '<=', covering)
      .where((eb) => eb.or([eb('ending_before', 'is', null), eb('ending_before', '>', covering)]))
  }
  return historiesOf(db, query.clientId, await select.execute())
}

/** The renewals whose transition names one of these contracts. */
export async function findRenewalsOf(
  db: Executor,
  clientId: string,
  contractIds: readonly string[],
): Promise<ContractRenewal[]> {
  if (contractIds.length === 0) return []
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'transition_from_contract_id'])
    .where('client_id', '=', clientId)
    .where('transition_from_contract_id', 'in', [...contractIds])
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    fromContractId: row.transition_from_contract_id!,
    toContractId: row.id,
  }))
}
