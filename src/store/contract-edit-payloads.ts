/**
 * The stored form of the term edits (`domain/contracts/contract-edits.ts`): v1 `amend`, v2
 * `edit`, and the commit/credit operations. Same conventions as the create's payload
 * (snake_case, decimals as text, instants as RFC 3339): added terms reuse the term encoders,
 * updates keep only the fields the caller set, so decoding gives back exactly what was encoded.
 */
import type {
  AccessPatch,
  AddedTerms,
  Amendment,
  BalanceUpdate,
  ChargeUpdate,
  ContractChanges,
  InvoicePatch,
  RecurringUpdate,
} from '../domain/contracts/contract-edits.js'
import type { ContractEdit, OpaqueJson } from '../domain/contracts/contract.js'
import type { CommitSpecifier } from '../domain/contracts/commits.js'
import type { ProrationRounding } from '../domain/contracts/recurring.js'
import { decimal, type Dec } from '../domain/money/decimal.js'
import {
  subscriptionUpdatesFromJson,
  subscriptionUpdatesToJson,
} from './subscription-schedule-json.js'
import {
  chargeFromJson,
  chargeToJson,
  commitFromJson,
  commitToJson,
  creditFromJson,
  creditToJson,
  overrideFromJson,
  overrideToJson,
  recurringFromJson,
  recurringToJson,
  roundingFromJson,
  roundingToJson,
  serviceFromJson,
  serviceToJson,
  specifierFromJson,
  specifierToJson,
  subscriptionFromJson,
  subscriptionToJson,
} from './contracts.js'

type Json = Record<string, unknown>
type TermEdit = Extract<
  ContractEdit,
  {
    kind:
      | 'amend'
      | 'edit'
      | 'editCommit'
      | 'editCredit'
      | 'archiveCommit'
      | 'archiveCredit'
      | 'retireCommits'
  }
>
type TermEditBody = TermEdit extends infer E
  ? E extends TermEdit
    ? Omit<E, 'id' | 'recordedAt' | 'recordedBy'>
    : never
  : never

const dec = (value: unknown) => decimal(value as string)
const iso = (value: Date) => value.toISOString()
const date = (value: unknown) => new Date(value as string)
const list = (value: unknown) => value as Json[]
const strings = (value: unknown) => value as string[]

/** One optional field: its domain key, its stored key, and how its value is stored. */
type Field = readonly [
  key: string,
  wire: string,
  encode: (value: never) => unknown,
  decode: (value: unknown) => unknown,
]
const same = (value: unknown) => value
const decField = (key: string, wire: string): Field => [
  key,
  wire,
  (value: Dec) => value.toString(),
  dec,
]
const dateField = (key: string, wire: string): Field => [key, wire, iso, date]
const plainField = (key: string, wire: string): Field => [key, wire, same, same]

/** The fields set, stored under their stored keys (absent fields stay absent). */
function encodeFields(value: object, fields: readonly Field[]): Json {
  const stored: Json = {}
  for (const [key, wire, encode] of fields) {
    const field = (value as Record<string, unknown>)[key]
    if (field !== undefined) stored[wire] = encode(field as never)
  }
  return stored
}

function decodeFields(stored: Json, fields: readonly Field[]): Record<string, unknown> {
  const value: Record<string, unknown> = {}
  for (const [key, wire, , decode] of fields) {
    if (stored[wire] !== undefined) value[key] = decode(stored[wire])
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// Added terms.

function addedToJson(added: AddedTerms): Json {
  return {
    commits: added.commits.map(commitToJson),
    credits: added.credits.map(creditToJson),
    recurring_commits: added.recurringCommits.map(recurringToJson),
    recurring_credits: added.recurringCredits.map(recurringToJson),
    overrides: added.overrides.map(overrideToJson),
    scheduled_charges: added.scheduledCharges.map(chargeToJson),
    discounts: added.discounts.map(chargeToJson),
    professional_services: added.professionalServices.map(serviceToJson),
    subscriptions: added.subscriptions.map(subscriptionToJson),
    reseller_royalties: added.resellerRoyalties,
    spend_trackers: added.spendTrackers,
  }
}

function addedFromJson(stored: Json): AddedTerms {
  return {
    commits: list(stored['commits']).map(commitFromJson),
    credits: list(stored['credits']).map(creditFromJson),
    recurringCommits: list(stored['recurring_commits']).map(recurringFromJson),
    recurringCredits: list(stored['recurring_credits']).map(recurringFromJson),
    overrides: list(stored['overrides']).map(overrideFromJson),
    scheduledCharges: list(stored['scheduled_charges']).map(chargeFromJson),
    discounts: list(stored['discounts']).map(chargeFromJson),
    professionalServices: list(stored['professional_services']).map(serviceFromJson),
    subscriptions: list(stored['subscriptions']).map(subscriptionFromJson),
    resellerRoyalties: stored['reseller_royalties'] as OpaqueJson[],
    spendTrackers: stored['spend_trackers'] as OpaqueJson[],
  }
}

// ---------------------------------------------------------------------------------------------
// Updates.

const segmentUpdateFields: readonly Field[] = [
  plainField('id', 'id'),
  decField('amount', 'amount'),
  dateField('startingAt', 'starting_at'),
  dateField('endingBefore', 'ending_before'),
]

const invoiceItemUpdateFields: readonly Field[] = [
  plainField('id', 'id'),
  dateField('timestamp', 'timestamp'),
  decField('amount', 'amount'),
  decField('unitPrice', 'unit_price'),
  decField('quantity', 'quantity'),
]

function accessPatchToJson(patch: AccessPatch): Json {
  return {
    add: patch.add.map((segment) => ({
      id: segment.id,
      amount: segment.amount.toString(),
      starting_at: iso(segment.startingAt),
      ending_before: iso(segment.endingBefore),
    })),
    update: patch.update.map((update) => encodeFields(update, segmentUpdateFields)),
    remove: patch.remove,
  }
}

function accessPatchFromJson(stored: Json): AccessPatch {
  return {
    add: list(stored['add']).map((segment) => ({
      id: segment['id'] as string,
      amount: dec(segment['amount']),
      startingAt: date(segment['starting_at']),
      endingBefore: date(segment['ending_before']),
    })),
    update: list(stored['update']).map(
      (update) =>
        decodeFields(update, segmentUpdateFields) as unknown as AccessPatch['update'][number],
    ),
    remove: strings(stored['remove']),
  }
}

function invoicePatchToJson(patch: InvoicePatch): Json {
  return {
    add: patch.add.map((item) => ({
      id: item.id,
      timestamp: iso(item.timestamp),
      amount: item.amount.toString(),
      unit_price: item.unitPrice.toString(),
      quantity: item.quantity.toString(),
    })),
    update: patch.update.map((update) => encodeFields(update, invoiceItemUpdateFields)),
    remove: patch.remove,
  }
}

function invoicePatchFromJson(stored: Json): InvoicePatch {
  return {
    add: list(stored['add']).map((item) => ({
      id: item['id'] as string,
      timestamp: date(item['timestamp']),
      amount: dec(item['amount']),
      unitPrice: dec(item['unit_price']),
      quantity: dec(item['quantity']),
    })),
    update: list(stored['update']).map(
      (update) =>
        decodeFields(update, invoiceItemUpdateFields) as unknown as InvoicePatch['update'][number],
    ),
    remove: strings(stored['remove']),
  }
}

const specifiersField: Field = [
  'specifiers',
  'specifiers',
  (specifiers: readonly CommitSpecifier[]) => specifiers.map(specifierToJson),
  (stored) => list(stored).map(specifierFromJson),
]

const balanceUpdateFields: readonly Field[] = [
  plainField('id', 'id'),
  plainField('name', 'name'),
  plainField('description', 'description'),
  plainField('productId', 'product_id'),
  decField('priority', 'priority'),
  plainField('rateType', 'rate_type'),
  decField('rolloverFraction', 'rollover_fraction'),
  plainField('netsuiteSalesOrderId', 'netsuite_sales_order_id'),
  plainField('applicableProductIds', 'applicable_product_ids'),
  plainField('applicableProductTags', 'applicable_product_tags'),
  specifiersField,
  plainField('hierarchyConfiguration', 'hierarchy_configuration'),
  ['accessSchedule', 'access_schedule', accessPatchToJson, (v) => accessPatchFromJson(v as Json)],
  [
    'invoiceSchedule',
    'invoice_schedule',
    invoicePatchToJson,
    (v) => invoicePatchFromJson(v as Json),
  ],
]

const chargeUpdateFields: readonly Field[] = [
  plainField('id', 'id'),
  plainField('netsuiteSalesOrderId', 'netsuite_sales_order_id'),
  [
    'invoiceSchedule',
    'invoice_schedule',
    invoicePatchToJson,
    (v) => invoicePatchFromJson(v as Json),
  ],
]

const amountUpdateFields: readonly Field[] = [
  decField('unitPrice', 'unit_price'),
  decField('quantity', 'quantity'),
]
const amountUpdateField = (key: string, wire: string): Field => [
  key,
  wire,
  (value: object) => encodeFields(value, amountUpdateFields),
  (stored) => decodeFields(stored as Json, amountUpdateFields),
]

/**
 * Each part kept only when set; a stored `null` clears it, as the update did. (Called through
 * arrows: `contracts.js` imports this module, so its exports are not bound yet at load time.)
 */
const roundingUpdateField = (key: string): Field => [
  key,
  key,
  (value: ProrationRounding | null) => roundingToJson(value),
  (stored) => roundingFromJson(stored),
]
const roundingUpdateFields: readonly Field[] = [
  roundingUpdateField('access'),
  roundingUpdateField('invoice'),
]

const recurringUpdateFields: readonly Field[] = [
  plainField('id', 'id'),
  amountUpdateField('accessAmount', 'access_amount'),
  amountUpdateField('invoiceAmount', 'invoice_amount'),
  dateField('endingBefore', 'ending_before'),
  plainField('rateType', 'rate_type'),
  [
    'prorationRounding',
    'proration_rounding',
    (value: object) => encodeFields(value, roundingUpdateFields),
    (stored) => decodeFields(stored as Json, roundingUpdateFields),
  ],
]

const encodeBalanceUpdate = (update: BalanceUpdate) => encodeFields(update, balanceUpdateFields)
const decodeBalanceUpdate = (stored: Json) =>
  decodeFields(stored, balanceUpdateFields) as unknown as BalanceUpdate

// ---------------------------------------------------------------------------------------------
// Edits.

const nullable = <T, U>(value: T | null, map: (value: T) => U): U | null =>
  value === null ? null : map(value)

function changesToJson(changes: ContractChanges): Json {
  return {
    uniqueness_key: changes.uniquenessKey,
    added: addedToJson(changes.added),
    commit_updates: changes.commitUpdates.map(encodeBalanceUpdate),
    credit_updates: changes.creditUpdates.map(encodeBalanceUpdate),
    scheduled_charge_updates: changes.scheduledChargeUpdates.map((update) =>
      encodeFields(update, chargeUpdateFields),
    ),
    recurring_commit_updates: changes.recurringCommitUpdates.map((update) =>
      encodeFields(update, recurringUpdateFields),
    ),
    recurring_credit_updates: changes.recurringCreditUpdates.map((update) =>
      encodeFields(update, recurringUpdateFields),
    ),
    ...subscriptionUpdatesToJson(changes.subscriptionUpdates),
    archived_commit_ids: changes.archivedCommitIds,
    archived_credit_ids: changes.archivedCreditIds,
    archived_scheduled_charge_ids: changes.archivedScheduledChargeIds,
    removed_override_ids: changes.removedOverrideIds,
    archived_spend_tracker_aliases: changes.archivedSpendTrackerAliases,
    name: changes.name,
    ending_before: nullable(changes.endingBefore, iso),
    ...(changes.removesEndDate ? { removes_end_date: true } : {}),
    net_payment_terms_days: changes.netPaymentTermsDays,
    spend_threshold_added: changes.spendThresholdAdded,
    spend_threshold_update: changes.spendThresholdUpdate,
    prepaid_balance_threshold_added: changes.prepaidBalanceThresholdAdded,
    prepaid_balance_threshold_update: changes.prepaidBalanceThresholdUpdate,
    billing_provider_configuration_update: changes.billingProviderConfigurationUpdate,
    revenue_system_configuration_update: changes.revenueSystemConfigurationUpdate,
  }
}

function changesFromJson(stored: Json): ContractChanges {
  const opaque = (key: string) => stored[key] as OpaqueJson | null
  return {
    uniquenessKey: stored['uniqueness_key'] as string | null,
    added: addedFromJson(stored['added'] as Json),
    commitUpdates: list(stored['commit_updates']).map(decodeBalanceUpdate),
    creditUpdates: list(stored['credit_updates']).map(decodeBalanceUpdate),
    scheduledChargeUpdates: list(stored['scheduled_charge_updates']).map(
      (update) => decodeFields(update, chargeUpdateFields) as unknown as ChargeUpdate,
    ),
    recurringCommitUpdates: list(stored['recurring_commit_updates']).map(
      (update) => decodeFields(update, recurringUpdateFields) as unknown as RecurringUpdate,
    ),
    recurringCreditUpdates: list(stored['recurring_credit_updates']).map(
      (update) => decodeFields(update, recurringUpdateFields) as unknown as RecurringUpdate,
    ),
    ...subscriptionUpdatesFromJson(stored),
    archivedCommitIds: strings(stored['archived_commit_ids']),
    archivedCreditIds: strings(stored['archived_credit_ids']),
    archivedScheduledChargeIds: strings(stored['archived_scheduled_charge_ids']),
    removedOverrideIds: strings(stored['removed_override_ids']),
    archivedSpendTrackerAliases: strings(stored['archived_spend_tracker_aliases']),
    name: stored['name'] as string | null,
    endingBefore: nullable(stored['ending_before'], date),
    ...(stored['removes_end_date'] === true ? { removesEndDate: true } : {}),
    netPaymentTermsDays: stored['net_payment_terms_days'] as number | null,
    spendThresholdAdded: opaque('spend_threshold_added'),
    spendThresholdUpdate: opaque('spend_threshold_update'),
    prepaidBalanceThresholdAdded: opaque('prepaid_balance_threshold_added'),
    prepaidBalanceThresholdUpdate: opaque('prepaid_balance_threshold_update'),
    billingProviderConfigurationUpdate: opaque('billing_provider_configuration_update'),
    revenueSystemConfigurationUpdate: opaque('revenue_system_configuration_update'),
  }
}

function amendmentToJson(amendment: Amendment): Json {
  return {
    starting_at: iso(amendment.startingAt),
    added: addedToJson(amendment.added),
    netsuite_sales_order_id: amendment.netsuiteSalesOrderId,
    salesforce_opportunity_id: amendment.salesforceOpportunityId,
    total_contract_value: nullable(amendment.totalContractValue, (value) => value.toString()),
    custom_fields: amendment.customFields,
  }
}

function amendmentFromJson(stored: Json): Amendment {
  return {
    startingAt: date(stored['starting_at']),
    added: addedFromJson(stored['added'] as Json),
    netsuiteSalesOrderId: stored['netsuite_sales_order_id'] as string | null,
    salesforceOpportunityId: stored['salesforce_opportunity_id'] as string | null,
    totalContractValue: nullable(stored['total_contract_value'], dec),
    customFields: stored['custom_fields'] as Record<string, string>,
  }
}

export function encodeTermEdit(edit: TermEdit): Json {
  switch (edit.kind) {
    case 'amend':
      return { amendment: amendmentToJson(edit.amendment) }
    case 'edit':
      return { changes: changesToJson(edit.changes) }
    case 'editCommit':
    case 'editCredit':
      return { update: encodeBalanceUpdate(edit.update) }
    case 'archiveCommit':
    case 'archiveCredit':
      return { balance_id: edit.balanceId }
    case 'retireCommits':
      return { commit_ids: edit.commitIds }
  }
}

export function decodeTermEdit(kind: TermEdit['kind'], payload: Json): TermEditBody {
  switch (kind) {
    case 'amend':
      return { kind, amendment: amendmentFromJson(payload['amendment'] as Json) }
    case 'edit':
      return { kind, changes: changesFromJson(payload['changes'] as Json) }
    case 'editCommit':
    case 'editCredit':
      return { kind, update: decodeBalanceUpdate(payload['update'] as Json) }
    case 'archiveCommit':
    case 'archiveCredit':
      return { kind, balanceId: payload['balance_id'] as string }
    case 'retireCommits':
      return { kind, commitIds: strings(payload['commit_ids']) }
  }
}
