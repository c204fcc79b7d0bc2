/**
 * The term edits on the wire: v1 `AmendContractPayload`, v2 `EditContractPayload`,
 * `EditCommitPayload` / `EditCreditPayload` into the domain's inputs, and recorded edits out as
 * the spec's `ContractEdit` (getEditHistory) and v1 `ContractAmendment`.
 *
 * Added terms are parsed by the create's own conversion (`fromApiCreate`) on a create-shaped
 * body holding only them, so an added commit reads exactly like one given at creation; its
 * problem paths are renamed to the edit's fields.
 */
import type { ContractNames } from '../../../app/contracts/contract-support.js'
import type {
  AccessPatch,
  AddTermsInput,
  AddedFieldNames,
  AddedTerms,
  AmendInput,
  BalanceUpdate,
  BalanceUpdateInput,
  EditInput,
  InvoicePatch,
  InvoicePatchInput,
  RecurringUpdate,
} from '../../../domain/contracts/contract-edits.js'
import type { ContractEdit, ContractTerms, OpaqueJson } from '../../../domain/contracts/contract.js'
import type { CustomerScopeUpdate } from '../../../domain/contracts/customer-balances.js'
import { defined, fromNumber, iso, optionalDate, optionalDec, toNumber } from '../../wire.js'
import type { Dec } from '../../../domain/money/decimal.js'
import type { ProrationRounding } from '../../../domain/contracts/recurring.js'
import type { Problem } from '../../../domain/problem.js'
import type {
  AmendContractPayload,
  CommitSpecifierInput,
  ContractAmendment,
  ContractEdit as ApiContractEdit,
  CreateContractPayload,
  EditCommitPayload,
  EditContractPayload,
  EditCreditPayload,
  UpdateAccessScheduleInput,
  UpdateInvoiceScheduleInput,
} from '../../generated/index.js'
import {
  commitSpecifier,
  fromApiCreate,
  fromApiRounding,
  type RoundingWire,
  toApiCharge,
  toApiCommit,
  toApiCredit,
  toApiOverride,
  toApiProService,
  toApiRecurring,
  toApiResellerRoyalty,
  toApiSubscription,
} from '../../v1/contracts/convert.js'
import {
  fromApiSubscriptionUpdates,
  toApiSubscriptionsUpdate,
} from './subscription-updates-convert.js'

// ---------------------------------------------------------------------------------------------
// Wire → domain.

interface AddedWire {
  commits?: unknown[] | undefined
  credits?: unknown[] | undefined
  recurring_commits?: unknown[] | undefined
  recurring_credits?: unknown[] | undefined
  overrides?: unknown[] | undefined
  scheduled_charges?: unknown[] | undefined
  discounts?: unknown[] | undefined
  professional_services?: unknown[] | undefined
  subscriptions?: unknown[] | undefined
  reseller_royalties?: unknown[] | undefined
  spend_trackers?: unknown[] | undefined
}

/** The added terms through the create's conversion; its problems renamed to `names`. */
function fromApiAdded(
  wire: AddedWire,
  names: AddedFieldNames,
): { added: AddTermsInput; problems: Problem[] } {
  const { input, problems } = fromApiCreate({
    customer_id: '',
    starting_at: '1970-01-01T00:00:00Z',
    ...wire,
  } as CreateContractPayload)
  const renamed = problems.map((problem) => {
    const match = /^body\.([a-z_]+)(.*)$/.exec(problem.field)
    const list = match && (names as unknown as Record<string, string>)[match[1]!]
    return list ? { ...problem, field: `body.${list}${match[2]}` } : problem
  })
  return {
    added: {
      commits: input.commits,
      credits: input.credits,
      recurringCommits: input.recurringCommits,
      recurringCredits: input.recurringCredits,
      overrides: input.overrides,
      scheduledCharges: input.scheduledCharges,
      discounts: input.discounts,
      professionalServices: input.professionalServices,
      subscriptions: input.subscriptions,
      resellerRoyalties: (wire.reseller_royalties ?? []) as OpaqueJson[],
      spendTrackers: (wire.spend_trackers ?? []) as OpaqueJson[],
    },
    problems: renamed,
  }
}

function fromApiAccessPatch(patch: UpdateAccessScheduleInput) {
  return {
    add: (patch.add_schedule_items ?? []).map((item) => ({
      amount: fromNumber(item.amount),
      startingAt: new Date(item.starting_at),
      endingBefore: new Date(item.ending_before),
    })),
    update: (patch.update_schedule_items ?? []).map((item) =>
      defined({
        id: item.id,
        amount: optionalDec(item.amount),
        startingAt: optionalDate(item.starting_at),
        endingBefore: optionalDate(item.ending_before),
      }),
    ),
    remove: (patch.remove_schedule_items ?? []).map((item) => item.id),
  }
}

function fromApiInvoicePatch(patch: UpdateInvoiceScheduleInput): InvoicePatchInput {
  const item = (given: {
    timestamp?: string
    amount?: number
    unit_price?: number
    quantity?: number
  }) =>
    defined({
      timestamp: optionalDate(given.timestamp),
      amount: optionalDec(given.amount),
      unitPrice: optionalDec(given.unit_price),
      quantity: optionalDec(given.quantity),
    })
  return {
    add: (patch.add_schedule_items ?? []).map((added) => ({
      ...item(added),
      timestamp: new Date(added.timestamp),
    })),
    update: (patch.update_schedule_items ?? []).map((updated) => ({
      ...item(updated),
      id: updated.id,
    })),
    remove: (patch.remove_schedule_items ?? []).map((removed) => removed.id),
  }
}

interface BalanceUpdateWire {
  name?: string | null | undefined
  description?: string | null | undefined
  product_id?: string | null | undefined
  priority?: number | null | undefined
  rate_type?: 'LIST_RATE' | 'COMMIT_RATE' | null | undefined
  rollover_fraction?: number | null | undefined
  netsuite_sales_order_id?: string | null | undefined
  applicable_product_ids?: string[] | null | undefined
  applicable_product_tags?: string[] | null | undefined
  specifiers?: CommitSpecifierInput[] | null | undefined
  hierarchy_configuration?: object | null | undefined
  access_schedule?: UpdateAccessScheduleInput | null | undefined
  invoice_schedule?: UpdateInvoiceScheduleInput | null | undefined
}

/** `null` for a product restriction clears it (null and empty both mean "no restriction"). */
function fromApiBalanceUpdate(id: string, wire: BalanceUpdateWire): BalanceUpdateInput {
  const list = <T>(value: T[] | null | undefined) => (value === null ? [] : value)
  return defined({
    id,
    name: wire.name ?? undefined,
    description: wire.description ?? undefined,
    productId: wire.product_id ?? undefined,
    priority: optionalDec(wire.priority),
    rateType: wire.rate_type ?? undefined,
    rolloverFraction: optionalDec(wire.rollover_fraction),
    netsuiteSalesOrderId: wire.netsuite_sales_order_id ?? undefined,
    applicableProductIds: list(wire.applicable_product_ids),
    applicableProductTags: list(wire.applicable_product_tags),
    specifiers: list(wire.specifiers)?.map(commitSpecifier),
    hierarchyConfiguration: (wire.hierarchy_configuration ?? undefined) as OpaqueJson | undefined,
    accessSchedule: wire.access_schedule ? fromApiAccessPatch(wire.access_schedule) : undefined,
    invoiceSchedule: wire.invoice_schedule ? fromApiInvoicePatch(wire.invoice_schedule) : undefined,
  })
}

const amountUpdate = (amount: { unit_price?: number; quantity?: number } | undefined) =>
  amount &&
  defined({ unitPrice: optionalDec(amount.unit_price), quantity: optionalDec(amount.quantity) })

/**
 * `proration_rounding` of a recurring update: absent leaves the rounding, `null` clears every
 * part the term has (`parts`), and an object changes the parts it names (`null` clears one).
 */
function roundingUpdate(
  wire: { access?: RoundingWire | null; invoice?: RoundingWire | null } | null | undefined,
  parts: readonly ('access' | 'invoice')[],
): RecurringUpdate['prorationRounding'] {
  if (wire === undefined) return undefined
  return Object.fromEntries(
    parts.flatMap((name) => {
      const value = wire === null ? null : fromApiRounding(wire[name])
      return value === undefined ? [] : [[name, value]]
    }),
  )
}

export function fromApiEdit(body: EditContractPayload): {
  readonly input: EditInput
  readonly problems: readonly Problem[]
} {
  const { added, problems } = fromApiAdded(
    {
      commits: body.add_commits,
      credits: body.add_credits,
      recurring_commits: body.add_recurring_commits,
      recurring_credits: body.add_recurring_credits,
      overrides: body.add_overrides,
      scheduled_charges: body.add_scheduled_charges,
      discounts: body.add_discounts,
      professional_services: body.add_professional_services,
      subscriptions: body.add_subscriptions,
      reseller_royalties: body.add_reseller_royalties,
      spend_trackers: body.add_spend_trackers,
    },
    {
      commits: 'add_commits',
      credits: 'add_credits',
      recurring_commits: 'add_recurring_commits',
      recurring_credits: 'add_recurring_credits',
      overrides: 'add_overrides',
      scheduled_charges: 'add_scheduled_charges',
      discounts: 'add_discounts',
      professional_services: 'add_professional_services',
      subscriptions: 'add_subscriptions',
      spend_trackers: 'add_spend_trackers',
    },
  )
  const subscriptionUpdates = fromApiSubscriptionUpdates(body.update_subscriptions)
  problems.push(...subscriptionUpdates.problems)
  const opaque = (value: object | undefined) => value as OpaqueJson | undefined
  const input: EditInput = defined({
    customerId: body.customer_id,
    contractId: body.contract_id,
    uniquenessKey: body.uniqueness_key,
    added,
    commitUpdates: (body.update_commits ?? []).map((update) =>
      fromApiBalanceUpdate(update.commit_id, update),
    ),
    creditUpdates: (body.update_credits ?? []).map((update) =>
      fromApiBalanceUpdate(update.credit_id, update),
    ),
    scheduledChargeUpdates: (body.update_scheduled_charges ?? []).map((update) =>
      defined({
        id: update.scheduled_charge_id,
        netsuiteSalesOrderId: update.netsuite_sales_order_id ?? undefined,
        invoiceSchedule: update.invoice_schedule && fromApiInvoicePatch(update.invoice_schedule),
      }),
    ),
    recurringCommitUpdates: (body.update_recurring_commits ?? []).map((update) =>
      defined({
        id: update.recurring_commit_id,
        accessAmount: amountUpdate(update.access_amount),
        invoiceAmount: amountUpdate(update.invoice_amount),
        endingBefore: optionalDate(update.ending_before),
        rateType: update.rate_type,
        prorationRounding: roundingUpdate(update.proration_rounding, ['access', 'invoice']),
      }),
    ),
    subscriptionUpdates: subscriptionUpdates.updates.length
      ? subscriptionUpdates.updates
      : undefined,
    recurringCreditUpdates: (body.update_recurring_credits ?? []).map((update) =>
      defined({
        id: update.recurring_credit_id,
        accessAmount: amountUpdate(update.access_amount),
        endingBefore: optionalDate(update.ending_before),
        rateType: update.rate_type,
        prorationRounding: roundingUpdate(update.proration_rounding, ['access']),
      }),
    ),
    archivedCommitIds: (body.archive_commits ?? []).map((item) => item.id),
    archivedCreditIds: (body.archive_credits ?? []).map((item) => item.id),
    archivedScheduledChargeIds: (body.archive_scheduled_charges ?? []).map((item) => item.id),
    removedOverrideIds: (body.remove_overrides ?? []).map((item) => item.id),
    archivedSpendTrackerAliases: body.archive_spend_trackers ?? [],
    name: body.update_contract_name ?? undefined,
    // null removes the end date (like v1 updateEndDate without ending_before).
    endingBefore:
      body.update_contract_end_date === null ? null : optionalDate(body.update_contract_end_date),
    netPaymentTermsDays: body.update_net_payment_terms_days ?? undefined,
    spendThresholdAdded: opaque(body.add_spend_threshold_configuration),
    spendThresholdUpdate: opaque(body.update_spend_threshold_configuration),
    prepaidBalanceThresholdAdded: opaque(body.add_prepaid_balance_threshold_configuration),
    prepaidBalanceThresholdUpdate: opaque(body.update_prepaid_balance_threshold_configuration),
    billingProviderConfigurationUpdate: opaque(body.add_billing_provider_configuration_update),
    revenueSystemConfigurationUpdate: opaque(body.add_revenue_system_configuration_update),
  })
  return { input, problems }
}

export function fromApiAmend(body: AmendContractPayload): {
  readonly input: AmendInput
  readonly problems: readonly Problem[]
} {
  const { added, problems } = fromApiAdded(
    {
      commits: body.commits,
      credits: body.credits,
      overrides: body.overrides,
      scheduled_charges: body.scheduled_charges,
      discounts: body.discounts,
      professional_services: body.professional_services,
      reseller_royalties: body.reseller_royalties,
    },
    {
      commits: 'commits',
      credits: 'credits',
      recurring_commits: 'recurring_commits',
      recurring_credits: 'recurring_credits',
      overrides: 'overrides',
      scheduled_charges: 'scheduled_charges',
      discounts: 'discounts',
      professional_services: 'professional_services',
      subscriptions: 'subscriptions',
      spend_trackers: 'spend_trackers',
    },
  )
  const input: AmendInput = defined({
    customerId: body.customer_id,
    contractId: body.contract_id,
    startingAt: new Date(body.starting_at),
    added,
    netsuiteSalesOrderId: body.netsuite_sales_order_id,
    salesforceOpportunityId: body.salesforce_opportunity_id,
    totalContractValue: optionalDec(body.total_contract_value),
    customFields: body.custom_fields,
  })
  return { input, problems }
}

export function fromApiEditCommit(body: EditCommitPayload): {
  readonly update: BalanceUpdateInput
  readonly scope: CustomerScopeUpdate
  readonly problems: readonly Problem[]
} {
  return {
    update: fromApiBalanceUpdate(body.commit_id, body),
    scope: customerScope(body),
    problems: [],
  }
}

export function fromApiEditCredit(body: EditCreditPayload): {
  readonly update: BalanceUpdateInput
  readonly scope: CustomerScopeUpdate
  readonly problems: readonly Problem[]
} {
  return {
    update: fromApiBalanceUpdate(body.credit_id, body),
    scope: customerScope(body),
    problems: [],
  }
}

/**
 * The customer-level scope fields (decision 0014): `applicable_contract_ids` (null: every
 * contract of the customer) and, for commits, `invoice_contract_id`. The use case refuses them
 * on a contract's commit or credit.
 */
function customerScope(body: EditCommitPayload | EditCreditPayload): CustomerScopeUpdate {
  const invoiceContractId = 'invoice_contract_id' in body ? body.invoice_contract_id : undefined
  return defined({
    applicableContractIds: body.applicable_contract_ids,
    invoiceContractId,
  })
}

// ---------------------------------------------------------------------------------------------
// Domain → wire.

const viewOptions = { includeLedgers: false, includeBalance: false }

function toApiAccessPatch(patch: AccessPatch) {
  return {
    add_schedule_items: patch.add.map((segment) => ({
      amount: toNumber(segment.amount),
      starting_at: iso(segment.startingAt),
      ending_before: iso(segment.endingBefore),
    })),
    update_schedule_items: patch.update.map((update) =>
      defined({
        id: update.id,
        amount: update.amount && toNumber(update.amount),
        starting_at: update.startingAt && iso(update.startingAt),
        ending_before: update.endingBefore && iso(update.endingBefore),
      }),
    ),
    remove_schedule_items: patch.remove.map((id) => ({ id })),
  }
}

function toApiInvoicePatch(patch: InvoicePatch) {
  return {
    add_schedule_items: patch.add.map((item) => ({
      timestamp: iso(item.timestamp),
      amount: toNumber(item.amount),
      unit_price: toNumber(item.unitPrice),
      quantity: toNumber(item.quantity),
    })),
    update_schedule_items: patch.update.map((update) =>
      defined({
        id: update.id,
        timestamp: update.timestamp && iso(update.timestamp),
        amount: update.amount && toNumber(update.amount),
        unit_price: update.unitPrice && toNumber(update.unitPrice),
        quantity: update.quantity && toNumber(update.quantity),
      }),
    ),
    remove_schedule_items: patch.remove.map((id) => ({ id })),
  }
}

function toApiBalanceUpdate(update: BalanceUpdate) {
  return defined({
    id: update.id,
    name: update.name,
    description: update.description,
    product_id: update.productId,
    priority: update.priority && toNumber(update.priority),
    rate_type: update.rateType,
    rollover_fraction: update.rolloverFraction && toNumber(update.rolloverFraction),
    netsuite_sales_order_id: update.netsuiteSalesOrderId,
    applicable_product_ids: update.applicableProductIds && [...update.applicableProductIds],
    applicable_product_tags: update.applicableProductTags && [...update.applicableProductTags],
    specifiers: update.specifiers?.map((specifier) =>
      defined({
        product_id: specifier.productId,
        product_tags: specifier.productTags && [...specifier.productTags],
        pricing_group_values: specifier.pricingGroupValues && { ...specifier.pricingGroupValues },
        presentation_group_values: specifier.presentationGroupValues && {
          ...specifier.presentationGroupValues,
        },
        exclude: specifier.exclude?.map((entry) =>
          defined({ product_tags: entry.productTags && [...entry.productTags] }),
        ),
      }),
    ),
    hierarchy_configuration: update.hierarchyConfiguration,
    access_schedule: update.accessSchedule && toApiAccessPatch(update.accessSchedule),
    invoice_schedule: update.invoiceSchedule && toApiInvoicePatch(update.invoiceSchedule),
  })
}

const nonEmpty = <T>(key: string, list: readonly T[]) => (list.length > 0 ? { [key]: list } : {})

/** The added terms as the spec's `add_*` fields (only the non-empty ones). */
function toApiAdded(added: AddedTerms, terms: ContractTerms, names: ContractNames, at: Date) {
  // Overrides show when they were created: the edit's time.
  const asOfEdit = { ...terms, createdAt: at }
  return {
    ...nonEmpty(
      'add_commits',
      added.commits.map((commit) => toApiCommit(commit, names, viewOptions)),
    ),
    ...nonEmpty(
      'add_credits',
      added.credits.map((credit) => toApiCredit(credit, names, viewOptions)),
    ),
    ...nonEmpty(
      'add_recurring_commits',
      added.recurringCommits.map((recurring) => toApiRecurring(recurring, terms.id, names)),
    ),
    ...nonEmpty(
      'add_recurring_credits',
      added.recurringCredits.map((recurring) => toApiRecurring(recurring, terms.id, names)),
    ),
    ...nonEmpty(
      'add_overrides',
      added.overrides.map((override) => toApiOverride(override, asOfEdit, names)),
    ),
    ...nonEmpty(
      'add_scheduled_charges',
      added.scheduledCharges.map((charge) => toApiCharge(charge, names)),
    ),
    ...nonEmpty(
      'add_discounts',
      added.discounts.map((discount) => toApiCharge(discount, names)),
    ),
    ...nonEmpty('add_pro_services', added.professionalServices.map(toApiProService)),
    ...nonEmpty(
      'add_subscriptions',
      added.subscriptions.map((subscription) => toApiSubscription(subscription, terms, names)),
    ),
    ...nonEmpty('add_reseller_royalties', added.resellerRoyalties.map(toApiResellerRoyalty)),
  }
}

const ids = (key: string, list: readonly string[]) =>
  nonEmpty(
    key,
    list.map((id) => ({ id })),
  )

/** One recorded edit as getEditHistory shows it. */
export function toApiContractEdit(
  edit: ContractEdit,
  terms: ContractTerms,
  names: ContractNames,
): ApiContractEdit {
  const head = { id: edit.id, timestamp: iso(edit.recordedAt) }
  switch (edit.kind) {
    case 'edit': {
      const changes = edit.changes
      return defined({
        ...head,
        uniqueness_key: changes.uniquenessKey ?? undefined,
        ...toApiAdded(changes.added, terms, names, edit.recordedAt),
        add_spend_threshold_configuration: changes.spendThresholdAdded ?? undefined,
        add_prepaid_balance_threshold_configuration:
          changes.prepaidBalanceThresholdAdded ?? undefined,
        update_contract_name: changes.name ?? undefined,
        // A removed end date has no place in the history's shape (a non-null date-time).
        update_contract_end_date: changes.endingBefore ? iso(changes.endingBefore) : undefined,
        ...nonEmpty('update_commits', changes.commitUpdates.map(toApiBalanceUpdate)),
        ...nonEmpty('update_credits', changes.creditUpdates.map(toApiBalanceUpdate)),
        ...nonEmpty(
          'update_scheduled_charges',
          changes.scheduledChargeUpdates.map((update) =>
            defined({
              id: update.id,
              netsuite_sales_order_id: update.netsuiteSalesOrderId,
              invoice_schedule: update.invoiceSchedule && toApiInvoicePatch(update.invoiceSchedule),
            }),
          ),
        ),
        ...nonEmpty(
          'update_recurring_commits',
          changes.recurringCommitUpdates.map((update) => toApiRecurringUpdate(update)),
        ),
        ...nonEmpty(
          'update_recurring_credits',
          changes.recurringCreditUpdates.map((update) => toApiRecurringUpdate(update)),
        ),
        ...nonEmpty(
          'update_subscriptions',
          (changes.subscriptionUpdates ?? []).map(toApiSubscriptionsUpdate),
        ),
        update_spend_threshold_configuration: changes.spendThresholdUpdate ?? undefined,
        update_prepaid_balance_threshold_configuration:
          changes.prepaidBalanceThresholdUpdate ?? undefined,
        ...ids('archive_commits', changes.archivedCommitIds),
        ...ids('archive_credits', changes.archivedCreditIds),
        ...ids('archive_scheduled_charges', changes.archivedScheduledChargeIds),
        ...ids('remove_overrides', changes.removedOverrideIds),
      }) as ApiContractEdit
    }
    case 'amend':
      return { ...head, ...toApiAdded(edit.amendment.added, terms, names, edit.recordedAt) }
    case 'editCommit':
      return { ...head, update_commits: [toApiBalanceUpdate(edit.update)] } as ApiContractEdit
    case 'editCredit':
      return { ...head, update_credits: [toApiBalanceUpdate(edit.update)] } as ApiContractEdit
    case 'archiveCommit':
      return { ...head, archive_commits: [{ id: edit.balanceId }] }
    case 'archiveCredit':
      return { ...head, archive_credits: [{ id: edit.balanceId }] }
    default:
      return head
  }
}

function toApiRecurringUpdate(update: EditInput['recurringCommitUpdates'][number]) {
  const amount = (value: { unitPrice?: Dec; quantity?: Dec } | undefined) =>
    value &&
    defined({
      unit_price: value.unitPrice && toNumber(value.unitPrice),
      quantity: value.quantity && toNumber(value.quantity),
    })
  const rounding = update.prorationRounding
  const part = (value: ProrationRounding | null | undefined) =>
    value && { decimal_places: value.decimalPlaces, rounding_method: value.roundingMethod }
  return defined({
    id: update.id,
    access_amount: amount(update.accessAmount),
    invoice_amount: amount(update.invoiceAmount),
    ending_before: update.endingBefore && iso(update.endingBefore),
    rate_type: update.rateType,
    // The parts the edit set; `null` when it only cleared (a cleared part has no value to show).
    proration_rounding:
      rounding &&
      (Object.values(rounding).every((value) => value === null)
        ? null
        : defined({
            access: part(rounding.access) ?? undefined,
            invoice: part(rounding.invoice) ?? undefined,
          })),
  })
}

/** v1 `amendments`: every amend recorded by the view's instant, oldest first. */
export function toApiAmendments(
  edits: readonly ContractEdit[],
  terms: ContractTerms,
  names: ContractNames,
): ContractAmendment[] {
  return edits.flatMap((edit) => {
    if (edit.kind !== 'amend' || edit.recordedAt.getTime() > names.now.getTime()) return []
    const { added, ...amendment } = edit.amendment
    const asOfEdit = { ...terms, createdAt: edit.recordedAt }
    return [
      defined({
        id: edit.id,
        starting_at: iso(amendment.startingAt),
        commits: added.commits.map((commit) => toApiCommit(commit, names, viewOptions)),
        credits: added.credits.map((credit) => toApiCredit(credit, names, viewOptions)),
        overrides: added.overrides.map((override) => toApiOverride(override, asOfEdit, names)),
        scheduled_charges: added.scheduledCharges.map((charge) => toApiCharge(charge, names)),
        discounts: added.discounts.map((discount) => toApiCharge(discount, names)),
        professional_services: added.professionalServices.map(toApiProService),
        reseller_royalties: added.resellerRoyalties.map(toApiResellerRoyalty),
        salesforce_opportunity_id: amendment.salesforceOpportunityId ?? undefined,
        netsuite_sales_order_id: amendment.netsuiteSalesOrderId ?? undefined,
        created_at: iso(edit.recordedAt),
        created_by: edit.recordedBy,
      }) as ContractAmendment,
    ]
  })
}
