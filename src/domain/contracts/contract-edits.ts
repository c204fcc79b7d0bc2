/**
 * The edits that change a contract's terms after its create (decision 0010): v1 `amend`, v2
 * `edit`, and the commit/credit operations (`commits/edit`, `credits/edit`, `commits/archive`,
 * `credits/archive`, `commits/retire`).
 *
 * Each edit is stored as what it decided, not as the request: terms it adds carry the server ids
 * they were given, schedule items it adds carry theirs, and updates are the fields the caller
 * set. Replaying an edit therefore needs nothing but the terms before it, so `applyEdit` stays a
 * pure reducer and `getEditHistory` can show every edit exactly as it was made.
 *
 * Additions reuse the create's checks and construction (`checkContractCreate`, `newContract`)
 * on a create-shaped request holding only the added terms, so an added commit is validated and
 * built exactly like one given at creation; problem paths are renamed to the edit's fields
 * (`body.commits[0]` → `body.add_commits[0]`), and references to terms the contract already has
 * (override `commit_ids`, a recurring commit's `subscription_id`) are checked here against the
 * contract as well as the request's temporary ids.
 *
 * Guardrails of semantics §4.17 that need invoices (an invoice-schedule item tied to a
 * finalized or voided invoice, an access segment already applied to a finalized invoice) and
 * manual ledger entries (removed with their segment) cannot trigger yet: no invoices or manual
 * entries exist. The guardrails that apply without them are checked: ids must name terms of
 * this contract, a term is updated or removed once per request, archived terms and archived
 * contracts cannot be edited, and schedules stay valid after the change.
 */
import { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import {
  balanceInputOf,
  checkCommit,
  checkCredit,
  checkSpecifierExcludes,
  isOrderProblem,
  ONE_INSTANT,
  POSTPAID_AMOUNT,
  POSTPAID_ONE_ITEM,
  scheduleInputOf,
  SEGMENT_ORDER,
  type AccessSegment,
  type AccessSegmentInput,
  type BalanceRateType,
  type CommitSpecifier,
  type InvoiceItem,
  type InvoiceItemInput,
  type InvoiceSchedule,
  type ScheduledItem,
} from './commits.js'
import {
  checkChargeSchedule,
  checkContractCreate,
  newContract,
  type ContractCharge,
  type ContractCommit,
  type ContractCreateInput,
  type ContractCredit,
  type ContractRecurring,
  type ContractSubscription,
  type ContractTerms,
  type ContractTermLists,
  type CustomFields,
  type OpaqueJson,
  type ProfessionalService,
} from './contract.js'
import type { Override } from './overrides.js'
import type { ProrationRounding } from './recurring.js'
import {
  applySubscriptionUpdate,
  decideSubscriptionUpdates,
  type SubscriptionUpdate,
  type SubscriptionUpdateInput,
} from './subscription-schedule.js'
import type { Product } from '../pricing/product.js'
import {
  hasRecurring,
  withBalanceChange,
  type BalanceChange,
  type BalanceKind,
} from './instance-edits.js'

// ---------------------------------------------------------------------------------------------
// What the edits record.

/** Terms an amend or edit adds, with their server ids. */
export interface AddedTerms {
  readonly commits: readonly ContractCommit[]
  readonly credits: readonly ContractCredit[]
  readonly recurringCommits: readonly ContractRecurring[]
  readonly recurringCredits: readonly ContractRecurring[]
  readonly overrides: readonly Override[]
  readonly scheduledCharges: readonly ContractCharge[]
  readonly discounts: readonly ContractCharge[]
  readonly professionalServices: readonly ProfessionalService[]
  readonly subscriptions: readonly ContractSubscription[]
  /** Opaque, as sent (decision 0010). */
  readonly resellerRoyalties: readonly OpaqueJson[]
  readonly spendTrackers: readonly OpaqueJson[]
}

export const nothingAdded: AddedTerms = {
  commits: [],
  credits: [],
  recurringCommits: [],
  recurringCredits: [],
  overrides: [],
  scheduledCharges: [],
  discounts: [],
  professionalServices: [],
  subscriptions: [],
  resellerRoyalties: [],
  spendTrackers: [],
}

/** A v1 amendment: terms added, effective `startingAt`, with the amendment's own fields. */
export interface Amendment {
  readonly startingAt: Date
  readonly added: AddedTerms
  readonly netsuiteSalesOrderId: string | null
  readonly salesforceOpportunityId: string | null
  readonly totalContractValue: Dec | null
  readonly customFields: CustomFields
}

/** Access segments added (with ids), changed (only the fields given) and removed. */
export interface AccessPatch {
  readonly add: readonly AccessSegment[]
  readonly update: readonly SegmentUpdate[]
  readonly remove: readonly string[]
}

export interface SegmentUpdate {
  readonly id: string
  readonly amount?: Dec
  readonly startingAt?: Date
  readonly endingBefore?: Date
}

export interface InvoicePatch {
  readonly add: readonly InvoiceItem[]
  readonly update: readonly InvoiceItemUpdate[]
  readonly remove: readonly string[]
}

/** `amount`, or `unitPrice`/`quantity` (the other taken from the item), and/or `timestamp`. */
export interface InvoiceItemUpdate {
  readonly id: string
  readonly timestamp?: Date
  readonly amount?: Dec
  readonly unitPrice?: Dec
  readonly quantity?: Dec
}

/** The fields of a commit or credit an update sets; absent fields are left as they were. */
export interface BalanceUpdate {
  readonly id: string
  readonly name?: string
  readonly description?: string
  readonly productId?: string
  readonly priority?: Dec
  readonly rateType?: BalanceRateType
  readonly rolloverFraction?: Dec
  readonly netsuiteSalesOrderId?: string
  readonly applicableProductIds?: readonly string[]
  readonly applicableProductTags?: readonly string[]
  readonly specifiers?: readonly CommitSpecifier[]
  readonly hierarchyConfiguration?: OpaqueJson
  readonly accessSchedule?: AccessPatch
  /** Commits only. */
  readonly invoiceSchedule?: InvoicePatch
}

export interface ChargeUpdate {
  readonly id: string
  readonly netsuiteSalesOrderId?: string
  readonly invoiceSchedule?: InvoicePatch
}

/** Applies to the commits or credits a recurring term generates from now on. */
export interface RecurringUpdate {
  readonly id: string
  readonly accessAmount?: { readonly unitPrice?: Dec; readonly quantity?: Dec }
  readonly invoiceAmount?: { readonly unitPrice?: Dec; readonly quantity?: Dec }
  readonly endingBefore?: Date
  readonly rateType?: BalanceRateType
  /** Per part: absent leaves it, `null` clears it, a value replaces it (invoice: commits only). */
  readonly prorationRounding?: {
    readonly access?: ProrationRounding | null
    readonly invoice?: ProrationRounding | null
  }
}

/** A v2 edit: everything one `/v2/contracts/edit` request changed. */
export interface ContractChanges {
  readonly uniquenessKey: string | null
  readonly added: AddedTerms
  readonly commitUpdates: readonly BalanceUpdate[]
  readonly creditUpdates: readonly BalanceUpdate[]
  readonly scheduledChargeUpdates: readonly ChargeUpdate[]
  readonly recurringCommitUpdates: readonly RecurringUpdate[]
  readonly recurringCreditUpdates: readonly RecurringUpdate[]
  /** `update_subscriptions`; absent (edits recorded before it existed): none. */
  readonly subscriptionUpdates?: readonly SubscriptionUpdate[]
  readonly archivedCommitIds: readonly string[]
  readonly archivedCreditIds: readonly string[]
  readonly archivedScheduledChargeIds: readonly string[]
  readonly removedOverrideIds: readonly string[]
  readonly archivedSpendTrackerAliases: readonly string[]
  /** null: unchanged. */
  readonly name: string | null
  /** null: unchanged, unless `removesEndDate`. */
  readonly endingBefore: Date | null
  /** `update_contract_end_date: null`: the contract becomes open-ended. Absent: false. */
  readonly removesEndDate?: boolean
  readonly netPaymentTermsDays: number | null
  /** `add_*` replaces the configuration; `update_*` changes the fields it gives. */
  readonly spendThresholdAdded: OpaqueJson | null
  readonly spendThresholdUpdate: OpaqueJson | null
  readonly prepaidBalanceThresholdAdded: OpaqueJson | null
  readonly prepaidBalanceThresholdUpdate: OpaqueJson | null
  /** The `*_configuration_update` objects as sent; their configuration replaces the contract's. */
  readonly billingProviderConfigurationUpdate: OpaqueJson | null
  readonly revenueSystemConfigurationUpdate: OpaqueJson | null
}

/** The update, archive and removal lists of an edit changing none (recorded or requested). */
const noListChanges = {
  commitUpdates: [],
  creditUpdates: [],
  scheduledChargeUpdates: [],
  recurringCommitUpdates: [],
  recurringCreditUpdates: [],
  archivedCommitIds: [],
  archivedCreditIds: [],
  archivedScheduledChargeIds: [],
  removedOverrideIds: [],
  archivedSpendTrackerAliases: [],
} as const

export const noChanges: ContractChanges = {
  uniquenessKey: null,
  added: nothingAdded,
  ...noListChanges,
  name: null,
  endingBefore: null,
  netPaymentTermsDays: null,
  spendThresholdAdded: null,
  spendThresholdUpdate: null,
  prepaidBalanceThresholdAdded: null,
  prepaidBalanceThresholdUpdate: null,
  billingProviderConfigurationUpdate: null,
  revenueSystemConfigurationUpdate: null,
}

// ---------------------------------------------------------------------------------------------
// Reducers (called by `applyEdit`).

const byId = <T extends { readonly id: string }>(list: readonly T[], id: string) =>
  list.find((item) => item.id === id)

function updateEach<T extends { readonly id: string }, U extends { readonly id: string }>(
  list: readonly T[],
  updates: readonly U[],
  apply: (item: T, update: U) => T,
): T[] {
  return list.map((item) => {
    const update = byId(updates, item.id)
    return update ? apply(item, update) : item
  })
}

function archiveEach<T extends { readonly id: string; readonly archivedAt: Date | null }>(
  list: readonly T[],
  ids: readonly string[],
  at: Date,
): T[] {
  return list.map((item) =>
    ids.includes(item.id) && item.archivedAt === null ? { ...item, archivedAt: at } : item,
  )
}

/** Added overrides come after the contract's in creation order (ties are broken by it). */
function appendOverrides(terms: ContractTerms, added: readonly Override[]): Override[] {
  return [...terms.overrides, ...added]
}

export function addTerms(terms: ContractTerms, added: AddedTerms): ContractTerms {
  const pass = terms.passThrough
  return {
    ...terms,
    commits: [...terms.commits, ...added.commits],
    credits: [...terms.credits, ...added.credits],
    recurringCommits: [...terms.recurringCommits, ...added.recurringCommits],
    recurringCredits: [...terms.recurringCredits, ...added.recurringCredits],
    overrides: appendOverrides(terms, added.overrides),
    scheduledCharges: [...terms.scheduledCharges, ...added.scheduledCharges],
    discounts: [...terms.discounts, ...added.discounts],
    professionalServices: [...terms.professionalServices, ...added.professionalServices],
    subscriptions: [...terms.subscriptions, ...added.subscriptions],
    passThrough: {
      ...pass,
      resellerRoyalties:
        added.resellerRoyalties.length === 0
          ? pass.resellerRoyalties
          : [...(pass.resellerRoyalties ?? []), ...added.resellerRoyalties],
      spendTrackers:
        added.spendTrackers.length === 0
          ? pass.spendTrackers
          : [...(pass.spendTrackers ?? []), ...added.spendTrackers],
    },
  }
}

export function applyAmendment(terms: ContractTerms, amendment: Amendment): ContractTerms {
  return addTerms(terms, amendment.added)
}

function patchAccess(segments: readonly AccessSegment[], patch: AccessPatch): AccessSegment[] {
  const kept = segments
    .filter((segment) => !patch.remove.includes(segment.id))
    .map((segment) => {
      const update = byId(patch.update, segment.id)
      return update ? { ...segment, ...definedOnly(update) } : segment
    })
  // Segments stay ordered by start (the ledger relies on it).
  return [...kept, ...patch.add].sort((a, b) => a.startingAt.getTime() - b.startingAt.getTime())
}

function patchInvoiceItem(item: InvoiceItem, update: InvoiceItemUpdate): InvoiceItem {
  const timestamp = update.timestamp ?? item.timestamp
  if (update.amount !== undefined) {
    return {
      ...item,
      timestamp,
      amount: update.amount,
      unitPrice: update.amount,
      quantity: new Dec(1),
    }
  }
  const unitPrice = update.unitPrice ?? item.unitPrice
  const quantity = update.quantity ?? item.quantity
  return { ...item, timestamp, unitPrice, quantity, amount: unitPrice.times(quantity) }
}

function patchInvoice(schedule: InvoiceSchedule, patch: InvoicePatch): InvoiceSchedule {
  const kept = schedule.items
    .filter((item) => !patch.remove.includes(item.id))
    .map((item) => {
      const update = byId(patch.update, item.id)
      return update ? patchInvoiceItem(item, update) : item
    })
  const items = [...kept, ...patch.add].sort(
    (a, b) => a.timestamp.getTime() - b.timestamp.getTime(),
  )
  return { ...schedule, items }
}

/** The update's set fields, without `id` and the schedule patches. */
function definedOnly<T extends { readonly id: string }>(update: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(update).filter(([key, value]) => key !== 'id' && value !== undefined),
  ) as Partial<T>
}

export function applyBalanceUpdate<B extends ContractCommit | ContractCredit>(
  balance: B,
  update: BalanceUpdate,
): B {
  const { accessSchedule, invoiceSchedule, ...fields } = update
  let next: B = { ...balance, ...definedOnly(fields) }
  if (accessSchedule) {
    next = {
      ...next,
      accessSchedule: {
        ...next.accessSchedule,
        segments: patchAccess(next.accessSchedule.segments, accessSchedule),
      },
    }
  }
  if (invoiceSchedule && next.kind === 'COMMIT') {
    const schedule: InvoiceSchedule = next.invoiceSchedule ?? {
      creditTypeId: next.accessSchedule.creditTypeId,
      items: [],
      doNotInvoice: false,
    }
    next = { ...next, invoiceSchedule: patchInvoice(schedule, invoiceSchedule) }
  }
  return next
}

function applyChargeUpdate(charge: ContractCharge, update: ChargeUpdate): ContractCharge {
  return {
    ...charge,
    ...(update.netsuiteSalesOrderId === undefined
      ? {}
      : { netsuiteSalesOrderId: update.netsuiteSalesOrderId }),
    ...(update.invoiceSchedule
      ? { schedule: patchInvoice(charge.schedule, update.invoiceSchedule) }
      : {}),
  }
}

function applyRecurringUpdate(
  recurring: ContractRecurring,
  update: RecurringUpdate,
): ContractRecurring {
  const invoice = recurring.invoiceAmount
  return {
    ...recurring,
    ...(update.endingBefore === undefined ? {} : { endingBefore: update.endingBefore }),
    ...(update.rateType === undefined ? {} : { rateType: update.rateType }),
    ...(update.accessAmount
      ? {
          accessAmount: {
            ...recurring.accessAmount,
            ...definedOnly({ id: '', ...update.accessAmount }),
          },
        }
      : {}),
    ...(update.invoiceAmount && invoice
      ? { invoiceAmount: { ...invoice, ...definedOnly({ id: '', ...update.invoiceAmount }) } }
      : {}),
    ...(update.prorationRounding
      ? {
          prorationRounding: {
            access: withUpdate(recurring.prorationRounding.access, update.prorationRounding.access),
            invoice:
              recurring.kind === 'COMMIT'
                ? withUpdate(recurring.prorationRounding.invoice, update.prorationRounding.invoice)
                : null,
          },
        }
      : {}),
  }
}

/** An optional update of a nullable field: absent keeps the value, null clears it. */
const withUpdate = <T>(current: T | null, update: T | null | undefined): T | null =>
  update === undefined ? current : update

export function applyChanges(
  terms: ContractTerms,
  changes: ContractChanges,
  recordedAt: Date,
): ContractTerms {
  // Updates and archives of commits and credits go as the single-balance edits do: a stored
  // one's changes its term, an instance's is kept as its patch (decision 0014).
  const added = balanceChangesOf(changes, recordedAt).reduce(
    withBalanceChange,
    addTerms(terms, changes.added),
  )
  const pass = added.passThrough
  const merge = (current: OpaqueJson | null, update: OpaqueJson | null) =>
    update === null ? current : { ...(current ?? {}), ...update }
  const configOf = (update: OpaqueJson | null, key: string, current: OpaqueJson | null) =>
    update === null ? current : ((update[key] as OpaqueJson | undefined) ?? current)
  const archivedAliases = new Set(changes.archivedSpendTrackerAliases)
  const trackers = pass.spendTrackers?.filter(
    (tracker) => !archivedAliases.has(tracker['alias'] as string),
  )
  return {
    ...added,
    ...(changes.name === null ? {} : { name: changes.name }),
    // Removing the end, like extending it, changes only the end (lifecycle.ts, §4.17).
    ...(changes.endingBefore !== null
      ? { endingBefore: changes.endingBefore }
      : changes.removesEndDate
        ? { endingBefore: null }
        : {}),
    ...(changes.netPaymentTermsDays === null
      ? {}
      : { netPaymentTermsDays: changes.netPaymentTermsDays }),
    scheduledCharges: archiveEach(
      updateEach(added.scheduledCharges, changes.scheduledChargeUpdates, applyChargeUpdate),
      changes.archivedScheduledChargeIds,
      recordedAt,
    ),
    recurringCommits: updateEach(
      added.recurringCommits,
      changes.recurringCommitUpdates,
      applyRecurringUpdate,
    ),
    recurringCredits: updateEach(
      added.recurringCredits,
      changes.recurringCreditUpdates,
      applyRecurringUpdate,
    ),
    overrides: added.overrides.filter(
      (override) => !changes.removedOverrideIds.includes(override.id),
    ),
    subscriptions: updateEach(
      added.subscriptions,
      changes.subscriptionUpdates ?? [],
      applySubscriptionUpdate,
    ),
    passThrough: {
      ...pass,
      spendTrackers: trackers === undefined ? null : trackers,
      spendThresholdConfiguration: merge(
        changes.spendThresholdAdded ?? pass.spendThresholdConfiguration,
        changes.spendThresholdUpdate,
      ),
      prepaidBalanceThresholdConfiguration: merge(
        changes.prepaidBalanceThresholdAdded ?? pass.prepaidBalanceThresholdConfiguration,
        changes.prepaidBalanceThresholdUpdate,
      ),
      billingProviderConfiguration: configOf(
        changes.billingProviderConfigurationUpdate,
        'billing_provider_configuration',
        pass.billingProviderConfiguration,
      ),
      revenueSystemConfiguration: configOf(
        changes.revenueSystemConfigurationUpdate,
        'revenue_system_configuration',
        pass.revenueSystemConfiguration,
      ),
    },
  }
}

/**
 * A v2 edit's updates and archives of commits and credits, one change a balance, in the order
 * the single-balance edits would record them: the updates, then the archives at the edit's
 * instant (a request never both updates and archives one balance).
 */
export function balanceChangesOf(changes: ContractChanges, at: Date): BalanceChange[] {
  const updates = (kind: BalanceKind, list: readonly BalanceUpdate[]) =>
    list.map((update): BalanceChange => ({ kind, balanceId: update.id, action: 'edit', update }))
  const archives = (kind: BalanceKind, ids: readonly string[]) =>
    ids.map((balanceId): BalanceChange => ({ kind, balanceId, action: 'archive', at }))
  return [
    ...updates('COMMIT', changes.commitUpdates),
    ...updates('CREDIT', changes.creditUpdates),
    ...archives('COMMIT', changes.archivedCommitIds),
    ...archives('CREDIT', changes.archivedCreditIds),
  ]
}

/** `commits/edit` and `credits/edit`: one balance updated. */
export function applyCommitOrCreditEdit(
  terms: ContractTerms,
  kind: 'COMMIT' | 'CREDIT',
  update: BalanceUpdate,
): ContractTerms {
  return kind === 'COMMIT'
    ? { ...terms, commits: updateEach(terms.commits, [update], applyBalanceUpdate) }
    : { ...terms, credits: updateEach(terms.credits, [update], applyBalanceUpdate) }
}

export function applyBalanceArchive(
  terms: ContractTerms,
  kind: 'COMMIT' | 'CREDIT',
  id: string,
  at: Date,
): ContractTerms {
  return kind === 'COMMIT'
    ? { ...terms, commits: archiveEach(terms.commits, [id], at) }
    : { ...terms, credits: archiveEach(terms.credits, [id], at) }
}

/** Retired commits leave the contract's active terms (the spec's "cold storage"). */
export function applyRetirement(terms: ContractTerms, commitIds: readonly string[]): ContractTerms {
  return { ...terms, commits: terms.commits.filter((commit) => !commitIds.includes(commit.id)) }
}

// ---------------------------------------------------------------------------------------------
// Requests, as the API gives them after wire parsing (added items without ids yet).

/** The added terms of a request, in the create's input shape. */
export type AddTermsInput = ContractTermLists & {
  readonly resellerRoyalties: readonly OpaqueJson[]
  readonly spendTrackers: readonly OpaqueJson[]
}

export const noAddTermsInput: AddTermsInput = {
  commits: [],
  credits: [],
  recurringCommits: [],
  recurringCredits: [],
  overrides: [],
  scheduledCharges: [],
  discounts: [],
  professionalServices: [],
  subscriptions: [],
  resellerRoyalties: [],
  spendTrackers: [],
}

export interface AccessPatchInput {
  readonly add: readonly AccessSegmentInput[]
  readonly update: readonly SegmentUpdate[]
  readonly remove: readonly string[]
}

export interface InvoicePatchInput {
  readonly add: readonly InvoiceItemInput[]
  readonly update: readonly InvoiceItemUpdate[]
  readonly remove: readonly string[]
}

export type BalanceUpdateInput = Omit<BalanceUpdate, 'accessSchedule' | 'invoiceSchedule'> & {
  readonly accessSchedule?: AccessPatchInput
  readonly invoiceSchedule?: InvoicePatchInput
}

export type ChargeUpdateInput = Omit<ChargeUpdate, 'invoiceSchedule'> & {
  readonly invoiceSchedule?: InvoicePatchInput
}

export interface AmendInput {
  readonly customerId: string
  readonly contractId: string
  readonly startingAt: Date
  readonly added: AddTermsInput
  readonly netsuiteSalesOrderId?: string
  readonly salesforceOpportunityId?: string
  readonly totalContractValue?: Dec
  readonly customFields?: CustomFields
}

export interface EditInput {
  readonly customerId: string
  readonly contractId: string
  readonly uniquenessKey?: string
  readonly added: AddTermsInput
  readonly commitUpdates: readonly BalanceUpdateInput[]
  readonly creditUpdates: readonly BalanceUpdateInput[]
  readonly scheduledChargeUpdates: readonly ChargeUpdateInput[]
  readonly recurringCommitUpdates: readonly RecurringUpdate[]
  readonly recurringCreditUpdates: readonly RecurringUpdate[]
  readonly subscriptionUpdates?: readonly SubscriptionUpdateInput[]
  readonly archivedCommitIds: readonly string[]
  readonly archivedCreditIds: readonly string[]
  readonly archivedScheduledChargeIds: readonly string[]
  readonly removedOverrideIds: readonly string[]
  readonly archivedSpendTrackerAliases: readonly string[]
  readonly name?: string
  /** `null`: remove the end date (the contract becomes open-ended). */
  readonly endingBefore?: Date | null
  readonly netPaymentTermsDays?: number
  readonly spendThresholdAdded?: OpaqueJson
  readonly spendThresholdUpdate?: OpaqueJson
  readonly prepaidBalanceThresholdAdded?: OpaqueJson
  readonly prepaidBalanceThresholdUpdate?: OpaqueJson
  readonly billingProviderConfigurationUpdate?: OpaqueJson
  readonly revenueSystemConfigurationUpdate?: OpaqueJson
}

/** A v2 edit request's lists when it changes nothing (a request is these plus what it sets). */
export const noEditInput: Omit<EditInput, 'customerId' | 'contractId'> = {
  added: noAddTermsInput,
  ...noListChanges,
}

/** What the use case loaded for the checks. */
export interface EditContext {
  /** Every product the request names, by id (absent: unknown). */
  readonly products: ReadonlyMap<string, Product>
}

/** What a v2 edit's checks also need: the balances its updates and archives may name. */
export interface EditCheckContext extends EditContext {
  /**
   * Every commit and credit the contract shows at the edit's instant: its own, and the
   * recurring instances started by then with their patches (the app's `contractBalancesAt`;
   * the domain cannot derive instance ids).
   */
  readonly balances: {
    readonly commits: readonly ContractCommit[]
    readonly credits: readonly ContractCredit[]
  }
}

// ---------------------------------------------------------------------------------------------
// Checks.

type Add = (field: string, message: string) => void
const time = (date: Date) => date.getTime()
const HOUR_MS = 3_600_000

/** Wire names of the added lists, per operation (v1 amend keeps the create's names). */
export interface AddedFieldNames {
  readonly commits: string
  readonly credits: string
  readonly recurring_commits: string
  readonly recurring_credits: string
  readonly overrides: string
  readonly scheduled_charges: string
  readonly discounts: string
  readonly professional_services: string
  readonly subscriptions: string
  readonly spend_trackers: string
}

export const amendFieldNames: AddedFieldNames = {
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
}

export const editFieldNames: AddedFieldNames = {
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
}

/** A create-shaped request holding only the added terms, on the contract's own term. */
function asCreate(terms: ContractTerms, added: AddTermsInput): ContractCreateInput {
  return {
    customerId: terms.customerId,
    startingAt: terms.startingAt,
    ...(terms.endingBefore === null ? {} : { endingBefore: terms.endingBefore }),
    ...(terms.multiplierOverridePrioritization === null
      ? {}
      : { multiplierOverridePrioritization: terms.multiplierOverridePrioritization }),
    commits: added.commits,
    credits: added.credits,
    recurringCommits: added.recurringCommits,
    recurringCredits: added.recurringCredits,
    overrides: added.overrides,
    scheduledCharges: added.scheduledCharges,
    discounts: added.discounts,
    professionalServices: added.professionalServices,
    subscriptions: added.subscriptions,
    passThrough: {
      billingProviderConfiguration: null,
      revenueSystemConfiguration: null,
      resellerRoyalties: null,
      hierarchyConfiguration: null,
      spendThresholdConfiguration: null,
      prepaidBalanceThresholdConfiguration: null,
      spendTrackers: [...(terms.passThrough.spendTrackers ?? []), ...added.spendTrackers],
    },
    presentFields: [],
  }
}

const REFERENCE_MESSAGES = ['names no temporary_id of this request', 'names no subscription of']

/** Renames a create path to the edit's field (`body.commits[0]…` → `body.add_commits[0]…`). */
function renamePath(field: string, names: AddedFieldNames): string {
  const match = /^body\.([a-z_]+)(.*)$/.exec(field)
  if (!match) return field
  const [, list, rest] = match
  const renamed = (names as unknown as Record<string, string>)[list!]
  return renamed === undefined ? field : `body.${renamed}${rest}`
}

/** Every problem with the added terms of an amend or edit, named by its wire path. */
export function checkAddedTerms(
  terms: ContractTerms,
  added: AddTermsInput,
  context: EditContext,
  names: AddedFieldNames,
): Problem[] {
  const existingTrackers = terms.passThrough.spendTrackers?.length ?? 0
  const problems = checkContractCreate(asCreate(terms, added), {
    customerExists: true,
    rateCardFound: true,
    packageFound: false,
    products: context.products,
    transitionFrom: null,
  })
    // References are checked below against the contract's terms as well.
    .filter((problem) => !REFERENCE_MESSAGES.some((text) => problem.message.startsWith(text)))
    .map((problem) => {
      // Spend tracker indexes count the contract's trackers first.
      const tracker = /^body\.spend_trackers\[(\d+)\](.*)$/.exec(problem.field)
      if (tracker) {
        const index = Number(tracker[1]) - existingTrackers
        return { ...problem, field: `body.${names.spend_trackers}[${index}]${tracker[2]}` }
      }
      return { ...problem, field: renamePath(problem.field, names) }
    })
  const add: Add = (field, message) => problems.push({ field: `body.${field}`, message })

  const temporary = (items: readonly { readonly temporaryId?: string }[]) =>
    items.flatMap((item) => (item.temporaryId === undefined ? [] : [item.temporaryId]))
  const commitIds = new Set([...terms.commits.map((c) => c.id), ...temporary(added.commits)])
  const creditIds = new Set(terms.credits.map((c) => c.id))
  const recurringIds = new Set([
    ...terms.recurringCommits.map((r) => r.id),
    ...temporary(added.recurringCommits),
  ])
  const subscriptionIds = new Set([
    ...terms.subscriptions.map((s) => s.id),
    ...temporary(added.subscriptions),
  ])
  added.overrides.forEach((override, index) => {
    override.overrideSpecifiers?.forEach((specifier, specifierIndex) => {
      const root = `${names.overrides}[${index}].override_specifiers[${specifierIndex}]`
      const lists = [
        ['commit_ids', specifier.commitIds, [commitIds]],
        ['recurring_commit_ids', specifier.recurringCommitIds, [recurringIds]],
        ['any_commit_or_credit_ids', specifier.anyCommitOrCreditIds, [commitIds, creditIds]],
      ] as const
      for (const [key, values, known] of lists) {
        values?.forEach((value, valueIndex) => {
          if (!known.some((set) => set.has(value))) {
            add(`${root}.${key}[${valueIndex}]`, `names no commit of this contract (${value})`)
          }
        })
      }
    })
  })
  for (const [list, recurrings] of [
    [names.recurring_commits, added.recurringCommits],
    [names.recurring_credits, added.recurringCredits],
  ] as const) {
    recurrings.forEach((recurring, index) => {
      const id = recurring.subscriptionConfig?.subscriptionId
      if (id !== undefined && !subscriptionIds.has(id)) {
        add(
          `${list}[${index}].subscription_config.subscription_id`,
          `names no subscription of this contract (${id})`,
        )
      }
    })
  }
  return problems
}

export function productIdsOfUpdates(updates: readonly BalanceUpdateInput[]): string[] {
  return updates.flatMap((update) => [
    ...(update.productId === undefined ? [] : [update.productId]),
    ...(update.applicableProductIds ?? []),
  ])
}

/**
 * Each id once per request: a term is updated, archived or removed at most once. `note` follows
 * the id in an unknown id's message.
 */
function checkIds(
  ids: readonly string[],
  known: ReadonlyMap<string, object>,
  path: (index: number) => string,
  what: string,
  add: Add,
  note = '',
) {
  const seen = new Set<string>()
  ids.forEach((id, index) => {
    const found = known.get(id)
    if (!found) add(path(index), `names no ${what} of this contract (${id}${note})`)
    else if ('archivedAt' in found && found.archivedAt)
      add(path(index), `names an archived ${what} (${id})`)
    else if (seen.has(id)) add(path(index), `names the same ${what} twice (${id})`)
    seen.add(id)
  })
}

const mapById = <T extends { readonly id: string }>(list: readonly T[]) =>
  new Map(list.map((item) => [item.id, item]))

/**
 * The problems of an update to one commit or credit, before and after applying it: the update's
 * own (ids, values), then, when it has none, the edited balance judged by the create's checks
 * (`checkEditedBalance`). Every path that updates a balance comes here: the v2 edit's
 * `update_commits` / `update_credits` (stored balances and recurring instances),
 * `commits/edit` and `credits/edit` on a contract's balance or a customer-level one.
 */
export function checkBalanceUpdate(
  balance: ContractCommit | ContractCredit,
  update: BalanceUpdateInput,
  root: string,
  context: EditContext,
  report: Add,
): void {
  const [add, found] = counting(report)
  const what = kindName(balance)
  if (balance.archivedAt !== null) add(root, `names an archived ${what}`)
  // Semantics §4.11 (Metronome's edit-contract guide): "Rollover commits cannot be edited".
  if (balance.rolledOverFrom !== null) {
    add(`${root}.${what}_id`, `is a rollover ${what}, which cannot be edited`)
  }
  if (update.priority?.isNegative()) add(`${root}.priority`, 'must not be negative')
  const fraction = update.rolloverFraction
  if (fraction && (fraction.isNegative() || fraction.greaterThan(1))) {
    add(`${root}.rollover_fraction`, 'must be between 0 and 1')
  }
  if (update.productId !== undefined) {
    const product = context.products.get(update.productId)
    if (!product) add(`${root}.product_id`, `names no product (${update.productId})`)
    else if (product.type !== 'FIXED') add(`${root}.product_id`, 'must name a FIXED product')
  }
  update.applicableProductIds?.forEach((id, index) => {
    if (!context.products.has(id)) {
      add(`${root}.applicable_product_ids[${index}]`, `names no product (${id})`)
    }
  })
  for (const problem of checkSpecifierExcludes(update.specifiers, root)) {
    add(problem.field, problem.message)
  }
  const access = update.accessSchedule
  if (access) {
    const at = `${root}.access_schedule`
    const segments = mapById(balance.accessSchedule.segments)
    checkIds(
      access.update.map((item) => item.id),
      segments,
      (index) => `${at}.update_schedule_items[${index}].id`,
      'schedule item',
      add,
    )
    checkIds(
      access.remove,
      segments,
      (index) => `${at}.remove_schedule_items[${index}].id`,
      'schedule item',
      add,
    )
    access.update.forEach((item, index) => {
      if (access.remove.includes(item.id)) {
        add(`${at}.update_schedule_items[${index}].id`, 'is also removed in this request')
      }
      checkSegment(item, `${at}.update_schedule_items[${index}]`, add)
      const current = segments.get(item.id)
      if (current) {
        const start = item.startingAt ?? current.startingAt
        const end = item.endingBefore ?? current.endingBefore
        if (time(end) <= time(start)) {
          add(`${at}.update_schedule_items[${index}].ending_before`, 'must be after starting_at')
        }
      }
    })
    access.add.forEach((item, index) => {
      const path = `${at}.add_schedule_items[${index}]`
      checkSegment(item, path, add)
      if (time(item.endingBefore) <= time(item.startingAt)) {
        add(`${path}.ending_before`, 'must be after starting_at')
      }
    })
    const kept = balance.accessSchedule.segments.length - new Set(access.remove).size
    if (kept + access.add.length <= 0) {
      add(`${at}.remove_schedule_items`, 'cannot remove every schedule item')
    }
  }
  const invoice = update.invoiceSchedule
  if (invoice) {
    if (balance.kind !== 'COMMIT') add(`${root}.invoice_schedule`, 'is only for commits')
    else checkInvoicePatch(balance.invoiceSchedule, invoice, `${root}.invoice_schedule`, add)
  }
  if (found() === 0) checkEditedBalance(balance, update, root, report)
}

/** `add`, and how many problems went through it. */
function counting(add: Add): [Add, () => number] {
  let count = 0
  return [
    (field, message) => {
      count += 1
      add(field, message)
    },
    () => count,
  ]
}

const kindName = (balance: ContractCommit | ContractCredit) =>
  balance.kind === 'COMMIT' ? 'commit' : 'credit'

function checkSegment(
  item: { readonly amount?: Dec; readonly startingAt?: Date; readonly endingBefore?: Date },
  path: string,
  add: Add,
) {
  if (item.amount?.isNegative()) add(`${path}.amount`, 'must not be negative')
  for (const [key, value] of [
    ['starting_at', item.startingAt],
    ['ending_before', item.endingBefore],
  ] as const) {
    if (value && time(value) % HOUR_MS !== 0) {
      add(`${path}.${key}`, 'must be on an hour boundary (e.g. 1:00, not 1:30)')
    }
  }
}

function checkInvoicePatch(
  schedule: InvoiceSchedule | null,
  patch: InvoicePatchInput,
  at: string,
  add: Add,
) {
  // §4.17: an item tied to a finalized (or voided) invoice cannot be changed or removed — no
  // invoices exist yet, so every scheduled item is still free to change.
  const items = mapById(schedule?.items ?? [])
  checkIds(
    patch.update.map((item) => item.id),
    items,
    (index) => `${at}.update_schedule_items[${index}].id`,
    'schedule item',
    add,
  )
  checkIds(
    patch.remove,
    items,
    (index) => `${at}.remove_schedule_items[${index}].id`,
    'schedule item',
    add,
  )
  const checkAmounts = (item: Omit<InvoiceItemUpdate, 'id'>, path: string) => {
    const byPrice = item.unitPrice !== undefined || item.quantity !== undefined
    if (item.amount !== undefined && byPrice) {
      add(`${path}.amount`, 'cannot be given with unit_price or quantity')
    }
    for (const [key, value] of [
      ['amount', item.amount],
      ['unit_price', item.unitPrice],
      ['quantity', item.quantity],
    ] as const) {
      if (value?.isNegative()) add(`${path}.${key}`, 'must not be negative')
    }
  }
  patch.update.forEach((item, index) => {
    const path = `${at}.update_schedule_items[${index}]`
    if (patch.remove.includes(item.id)) add(`${path}.id`, 'is also removed in this request')
    checkAmounts(item, path)
  })
  patch.add.forEach((item, index) => {
    const path = `${at}.add_schedule_items[${index}]`
    checkAmounts(item, path)
    const complete =
      item.amount !== undefined || (item.unitPrice !== undefined && item.quantity !== undefined)
    if (!complete) add(path, 'needs amount, or unit_price and quantity')
  })
}

// ---------------------------------------------------------------------------------------------
// The edited balance, judged by the create's checks.

/**
 * Where an item of an edited schedule comes from in the update, for the items the update adds
 * or changes (kept items have no wire path in the update).
 */
interface ItemOrigin {
  /** Its path in the update: `…access_schedule.add_schedule_items[0]`, `…update_schedule_items[1]`. */
  readonly path: string
  /** The wire fields the update gives it. */
  readonly set: ReadonlySet<string>
}

/** One schedule of the edited term: its items and where the update's items came from. */
interface EditedSchedule {
  /** The schedule's path in the create check of the edited term. */
  readonly checked: string
  /** The update's field for the schedule (`body.update_commits[0].access_schedule`). */
  readonly wire: string
  readonly items: readonly ({ readonly id: string } & ScheduledItem)[]
  readonly origins: ReadonlyMap<string, ItemOrigin>
  /** Whether the update changes this schedule at all. */
  readonly touched: boolean
}

/** The path the edited term is checked under; only `editedProblem` ever sees it. */
const EDITED = 'edited'

/** Ids for the items an update adds while it is only judged (never stored). */
const judgingIds = () => {
  let next = 0
  return () => `(added ${next++})`
}

const wireNames: Readonly<Record<string, string>> = {
  startingAt: 'starting_at',
  endingBefore: 'ending_before',
  unitPrice: 'unit_price',
}

/** The wire fields an item of an update gives. */
const fieldsSet = (item: object) =>
  new Set(
    Object.entries(item)
      .filter(([key, value]) => key !== 'id' && value !== undefined)
      .map(([key]) => wireNames[key] ?? key),
  )

/**
 * The origins of a patch's items: its updates by the ids they name, its additions by the ids
 * `added` gave them (the patch built from `patch`, in the same order).
 */
function originsOf(
  patch: AccessPatchInput | InvoicePatchInput | undefined,
  added: readonly { readonly id: string }[],
  wire: string,
): Map<string, ItemOrigin> {
  const origins = new Map<string, ItemOrigin>()
  patch?.update.forEach((item, index) => {
    origins.set(item.id, { path: `${wire}.update_schedule_items[${index}]`, set: fieldsSet(item) })
  })
  patch?.add.forEach((item, index) => {
    origins.set(added[index]!.id, {
      path: `${wire}.add_schedule_items[${index}]`,
      set: fieldsSet(item),
    })
  })
  return origins
}

/** The first of `fields` the update gives the item, if any. */
const given = (origin: ItemOrigin | undefined, fields: readonly string[]) =>
  fields.find((field) => origin?.set.has(field))

const iso = (date: Date) => date.toISOString()

/** What an out-of-order pair would be, said of the blamed item about the other one. */
function clash(other: ScheduledItem): string {
  return 'timestamp' in other
    ? `would be at the same instant as another item (${iso(other.timestamp)}); ${ONE_INSTANT}`
    : `would overlap the segment [${iso(other.startingAt)}, ${iso(other.endingBefore)}) (${SEGMENT_ORDER})`
}

/**
 * A create-check problem about an item of `schedule`, under the update's path: an item the
 * update added or changed is named by its `add_schedule_items[j]` / `update_schedule_items[j]`;
 * a pair out of order is blamed on the item the update placed (the later one first), and its
 * message names the other. `undefined`: the problem is not about an item of this schedule;
 * `null`: it is about items the update did not touch, so the balance had it before the edit
 * (one stored before the rule, or derived), and the edit did not cause it.
 */
function scheduleItemProblem(
  schedule: EditedSchedule,
  problem: Problem,
): Problem | null | undefined {
  const prefix = `${schedule.checked}.schedule_items[`
  if (!problem.field.startsWith(prefix)) return undefined
  const match = /^(\d+)\](?:\.([a-z_]+))?(.*)$/.exec(problem.field.slice(prefix.length))
  if (!match) return undefined
  const [, index, key, rest] = match
  const item = schedule.items[Number(index)]!
  const origin = schedule.origins.get(item.id)
  if (isOrderProblem(problem)) {
    // The later item placed by its start (or instant), else the earlier one by its end.
    const earlier = schedule.items[Number(index) - 1]!
    const later = given(origin, ['starting_at', 'timestamp'])
    if (later) return { field: `${origin!.path}.${later}`, message: clash(earlier) }
    const before = schedule.origins.get(earlier.id)
    const moved = given(before, ['ending_before', 'starting_at', 'timestamp'])
    if (moved) return { field: `${before!.path}.${moved}`, message: clash(item) }
    return null
  }
  // The item's own field: the edit's doing when the update gives it (or made the item).
  if (!origin || (key !== undefined && !origin.set.has(key))) return null
  return {
    field: `${origin.path}${key === undefined ? '' : `.${key}`}${rest}`,
    message: problem.message,
  }
}

/**
 * A problem of the edited commit or credit (checked under `EDITED`) under the update's wire
 * path, or null when the update did not cause it (see `scheduleItemProblem`). Problems about a
 * schedule as a whole name the update's `access_schedule` / `invoice_schedule` and say what the
 * result would be.
 */
function editedProblem(
  edited: ContractCommit | ContractCredit,
  update: BalanceUpdateInput,
  schedules: { readonly access: EditedSchedule; readonly invoice: EditedSchedule | null },
  root: string,
  problem: Problem,
): Problem | null {
  const { access, invoice } = schedules
  const postpaid = edited.kind === 'COMMIT' && edited.type === 'POSTPAID'
  if (postpaid && problem.message === POSTPAID_ONE_ITEM) {
    const [schedule, noun] =
      problem.field === `${access.checked}.schedule_items`
        ? [access, 'access segment']
        : [invoice, 'invoice item']
    if (!schedule?.touched) return null
    const count = schedule.items.length
    return {
      field: schedule.wire,
      message: `would leave the POSTPAID commit with ${count} ${noun}${count === 1 ? '' : 's'} (it must have exactly one)`,
    }
  }
  if (postpaid && invoice && problem.message.startsWith(POSTPAID_AMOUNT)) {
    const segment = access.items[0] as AccessSegment
    const item = invoice.items[0] as InvoiceItem
    const amounts = ['amount', 'unit_price', 'quantity']
    const blamed = [access.origins.get(segment.id), invoice.origins.get(item.id)].find(
      (origin) => given(origin, amounts) !== undefined,
    )
    if (!blamed) return null
    return {
      field: `${blamed.path}.${given(blamed, amounts)!}`,
      message: `would leave the POSTPAID commit with access amount ${segment.amount.toString()} and invoice amount ${item.amount.toString()} (they must be equal)`,
    }
  }
  for (const schedule of [access, invoice]) {
    const named = schedule && scheduleItemProblem(schedule, problem)
    if (named !== undefined) return named
  }
  // A field of the balance itself: the edit's doing only when the update sets it.
  const rest = problem.field.slice(EDITED.length)
  const key = /^\.([a-z_]+)/.exec(rest)?.[1]
  if (key === 'specifiers' && problem.message.includes('applicable_product')) {
    const set = (
      [
        ['specifiers', update.specifiers],
        ['applicable_product_ids', update.applicableProductIds],
        ['applicable_product_tags', update.applicableProductTags],
      ] as const
    ).find(([, value]) => value !== undefined)
    if (!set) return null
    return {
      field: `${root}.${set[0]}`,
      message: `would leave the ${kindName(edited)} with both specifiers and applicable_product_ids or applicable_product_tags (they cannot be used together)`,
    }
  }
  const setKeys: Record<string, unknown> = {
    priority: update.priority,
    rollover_fraction: update.rolloverFraction,
    specifiers: update.specifiers,
    access_schedule: update.accessSchedule,
    invoice_schedule: update.invoiceSchedule,
  }
  return key !== undefined && setKeys[key] !== undefined
    ? { field: `${root}${rest}`, message: problem.message }
    : null
}

/**
 * The edited balance judged by the create's checks (`checkCommit`, `checkCredit`: the POSTPAID
 * rules, segment and item order, …), so that an update cannot reach a state a create refuses —
 * the rule decision 0014 applies to a customer-level balance's scope. Each problem is named
 * under the update's wire path (`editedProblem`); one the update did not cause is left out.
 */
function checkEditedBalance(
  balance: ContractCommit | ContractCredit,
  update: BalanceUpdateInput,
  root: string,
  add: Add,
): void {
  const patch = newBalanceUpdate(update, judgingIds())
  const edited = applyBalanceUpdate(balance, patch)
  const accessWire = `${root}.access_schedule`
  const access: EditedSchedule = {
    checked: `${EDITED}.access_schedule`,
    wire: accessWire,
    items: edited.accessSchedule.segments,
    origins: originsOf(update.accessSchedule, patch.accessSchedule?.add ?? [], accessWire),
    touched: patch.accessSchedule !== undefined,
  }
  const invoiceWire = `${root}.invoice_schedule`
  const invoice: EditedSchedule | null =
    edited.kind === 'COMMIT' && edited.invoiceSchedule
      ? {
          checked: `${EDITED}.invoice_schedule`,
          wire: invoiceWire,
          items: edited.invoiceSchedule.items,
          origins: originsOf(update.invoiceSchedule, patch.invoiceSchedule?.add ?? [], invoiceWire),
          touched: patch.invoiceSchedule !== undefined,
        }
      : null
  const problems =
    edited.kind === 'COMMIT'
      ? checkCommit(balanceInputOf(edited), EDITED)
      : checkCredit(balanceInputOf(edited), EDITED)
  for (const problem of problems) {
    const named = editedProblem(edited, update, { access, invoice }, root, problem)
    if (named) add(named.field, named.message)
  }
}

/** A scheduled charge's edited schedule, judged as `checkEditedBalance` judges a balance's. */
function checkEditedCharge(
  charge: ContractCharge,
  input: InvoicePatchInput,
  wire: string,
  add: Add,
): void {
  const patch = newInvoicePatch(input, judgingIds())
  const items = patchInvoice(charge.schedule, patch).items
  const schedule: EditedSchedule = {
    checked: `${EDITED}.schedule`,
    wire,
    items,
    origins: originsOf(input, patch.add, wire),
    touched: true,
  }
  const checked = checkChargeSchedule(
    { items: scheduleInputOf({ ...charge.schedule, items }).items },
    schedule.checked,
  )
  for (const problem of checked) {
    const named = scheduleItemProblem(schedule, problem)
    if (named) add(named.field, named.message)
  }
}

/** The contract's end once the edit applies: the new end, none when removed, else unchanged. */
function endAfterEdit(terms: ContractTerms, input: EditInput): Date | null {
  return input.endingBefore === undefined ? terms.endingBefore : input.endingBefore
}

/** Every problem with a v2 edit request against the contract it edits. */
export function checkEdit(
  terms: ContractTerms,
  input: EditInput,
  context: EditCheckContext,
  now: Date,
): Problem[] {
  const problems: Problem[] = []
  const add: Add = (field, message) => problems.push({ field: `body.${field}`, message })
  if (terms.archivedAt !== null) {
    add('contract_id', 'names an archived contract')
    return problems
  }
  problems.push(...checkAddedTerms(terms, input.added, context, editFieldNames))

  // A started recurring instance is named like a stored commit or credit (decision 0014).
  const commits = mapById(context.balances.commits)
  const credits = mapById(context.balances.credits)
  const charges = mapById(terms.scheduledCharges)
  const note = (kind: BalanceKind) =>
    hasRecurring(terms, kind) ? '; a recurring instance exists once its access has started' : ''
  for (const [list, updates, known, what, kind] of [
    ['update_commits', input.commitUpdates, commits, 'commit', 'COMMIT'],
    ['update_credits', input.creditUpdates, credits, 'credit', 'CREDIT'],
  ] as const) {
    const seen = new Set<string>()
    updates.forEach((update, index) => {
      const root = `${list}[${index}]`
      const balance = known.get(update.id)
      const idField = `${root}.${what}_id`
      if (!balance) {
        return add(idField, `names no ${what} of this contract (${update.id}${note(kind)})`)
      }
      if (seen.has(update.id)) add(idField, `names the same ${what} twice (${update.id})`)
      seen.add(update.id)
      checkBalanceUpdate(balance, update, root, context, add)
    })
  }
  input.scheduledChargeUpdates.forEach((update, index) => {
    const root = `update_scheduled_charges[${index}]`
    const charge = charges.get(update.id)
    if (!charge) {
      return add(
        `${root}.scheduled_charge_id`,
        `names no scheduled charge of this contract (${update.id})`,
      )
    }
    const [addOwn, found] = counting(add)
    if (charge.archivedAt !== null) addOwn(root, 'names an archived scheduled charge')
    if (update.invoiceSchedule) {
      const at = `${root}.invoice_schedule`
      checkInvoicePatch(charge.schedule, update.invoiceSchedule, at, addOwn)
      if (found() === 0) checkEditedCharge(charge, update.invoiceSchedule, at, add)
    }
  })
  for (const [list, updates, known, what] of [
    ['update_recurring_commits', input.recurringCommitUpdates, terms.recurringCommits, 'commit'],
    ['update_recurring_credits', input.recurringCreditUpdates, terms.recurringCredits, 'credit'],
  ] as const) {
    const byIds = mapById(known)
    updates.forEach((update, index) => {
      const root = `${list}[${index}]`
      const recurring = byIds.get(update.id)
      if (!recurring) {
        return add(
          `${root}.recurring_${what}_id`,
          `names no recurring ${what} of this contract (${update.id})`,
        )
      }
      if (update.endingBefore && time(update.endingBefore) <= time(recurring.startingAt)) {
        add(`${root}.ending_before`, 'must be after the recurring term’s starting_at')
      }
      if (update.invoiceAmount && recurring.invoiceAmount === null) {
        add(`${root}.invoice_amount`, 'the recurring term has no invoice_amount')
      }
      for (const part of ['access', 'invoice'] as const) {
        const rounding = update.prorationRounding?.[part]
        if (!rounding) continue
        if (part === 'invoice' && recurring.kind === 'CREDIT') {
          add(`${root}.proration_rounding.invoice`, 'is only for recurring commits')
        }
        const places = rounding.decimalPlaces
        if (!Number.isInteger(places) || places < -5 || places > 5) {
          add(
            `${root}.proration_rounding.${part}.decimal_places`,
            'must be a whole number from -5 to 5',
          )
        }
      }
      for (const [key, amount] of [
        ['access_amount', update.accessAmount],
        ['invoice_amount', update.invoiceAmount],
      ] as const) {
        if (amount?.unitPrice?.isNegative())
          add(`${root}.${key}.unit_price`, 'must not be negative')
        if (amount?.quantity?.isNegative()) add(`${root}.${key}.quantity`, 'must not be negative')
      }
    })
  }

  checkIds(
    input.archivedCommitIds,
    commits,
    (index) => `archive_commits[${index}].id`,
    'commit',
    add,
    note('COMMIT'),
  )
  checkIds(
    input.archivedCreditIds,
    credits,
    (index) => `archive_credits[${index}].id`,
    'credit',
    add,
    note('CREDIT'),
  )
  checkIds(
    input.archivedScheduledChargeIds,
    charges,
    (index) => `archive_scheduled_charges[${index}].id`,
    'scheduled charge',
    add,
  )
  checkIds(
    input.removedOverrideIds,
    mapById(terms.overrides),
    (index) => `remove_overrides[${index}].id`,
    'override',
    add,
  )
  const aliases = new Set(
    (terms.passThrough.spendTrackers ?? []).map((tracker) => tracker['alias'] as string),
  )
  input.archivedSpendTrackerAliases.forEach((alias, index) => {
    if (!aliases.has(alias)) {
      add(`archive_spend_trackers[${index}]`, `names no spend tracker of this contract (${alias})`)
    }
  })
  problems.push(
    ...decideSubscriptionUpdates(
      terms.subscriptions,
      endAfterEdit(terms, input),
      input.subscriptionUpdates ?? [],
    ).problems,
  )
  input.commitUpdates.forEach((update, index) => {
    if (input.archivedCommitIds.includes(update.id)) {
      add(`update_commits[${index}].commit_id`, 'is also archived in this request')
    }
  })
  input.creditUpdates.forEach((update, index) => {
    if (input.archivedCreditIds.includes(update.id)) {
      add(`update_credits[${index}].credit_id`, 'is also archived in this request')
    }
  })

  if (input.name !== undefined && input.name.trim() === '') {
    add('update_contract_name', 'must not be empty')
  }
  if (input.endingBefore !== undefined && input.endingBefore !== null) {
    if (time(input.endingBefore) <= time(terms.startingAt)) {
      add('update_contract_end_date', 'must be after the contract’s starting_at')
    }
    // allow_contract_ending_before_finalized_invoice only matters once invoices exist.
  }
  if (input.netPaymentTermsDays !== undefined && input.netPaymentTermsDays < 0) {
    add('update_net_payment_terms_days', 'must not be negative')
  }
  if (input.spendThresholdAdded && terms.passThrough.spendThresholdConfiguration) {
    add('add_spend_threshold_configuration', 'the contract already has one; use update_…')
  }
  if (input.spendThresholdUpdate && !terms.passThrough.spendThresholdConfiguration) {
    if (!input.spendThresholdAdded) {
      add('update_spend_threshold_configuration', 'the contract has none; use add_…')
    }
  }
  if (
    input.prepaidBalanceThresholdAdded &&
    terms.passThrough.prepaidBalanceThresholdConfiguration
  ) {
    add('add_prepaid_balance_threshold_configuration', 'the contract already has one; use update_…')
  }
  if (
    input.prepaidBalanceThresholdUpdate &&
    !terms.passThrough.prepaidBalanceThresholdConfiguration &&
    !input.prepaidBalanceThresholdAdded
  ) {
    add('update_prepaid_balance_threshold_configuration', 'the contract has none; use add_…')
  }
  void now
  return problems
}

/** Every problem with a v1 amend request against the contract it amends. */
export function checkAmend(
  terms: ContractTerms,
  input: AmendInput,
  context: EditContext,
): Problem[] {
  const problems: Problem[] = []
  const add: Add = (field, message) => problems.push({ field: `body.${field}`, message })
  if (terms.archivedAt !== null) {
    add('contract_id', 'names an archived contract')
    return problems
  }
  if (time(input.startingAt) < time(terms.startingAt)) {
    add('starting_at', 'must not be before the contract’s starting_at')
  }
  if (terms.endingBefore && time(input.startingAt) >= time(terms.endingBefore)) {
    add('starting_at', 'must be before the contract’s ending_before')
  }
  if (input.totalContractValue?.isNegative()) add('total_contract_value', 'must not be negative')
  problems.push(...checkAddedTerms(terms, input.added, context, amendFieldNames))
  return problems
}

// ---------------------------------------------------------------------------------------------
// Construction.

export interface NewEditContext {
  readonly newId: () => string
  readonly createdAt: Date
  readonly createdBy: string
}

/** The added terms with server ids, temporary ids mapped (existing ids pass through). */
export function newAddedTerms(
  terms: ContractTerms,
  added: AddTermsInput,
  context: NewEditContext,
): AddedTerms {
  const built = newContract(
    {
      ...asCreate(terms, added),
      passThrough: {
        billingProviderConfiguration: null,
        revenueSystemConfiguration: null,
        resellerRoyalties: null,
        hierarchyConfiguration: null,
        spendThresholdConfiguration: null,
        prepaidBalanceThresholdConfiguration: null,
        spendTrackers: null,
      },
    },
    { id: terms.id, rateCardId: terms.rateCardId, ...context },
  )
  // Creation order continues after the contract's overrides (it breaks priority ties).
  const nextOrder = Math.max(-1, ...terms.overrides.map((override) => override.creationOrder)) + 1
  return {
    commits: built.commits,
    credits: built.credits,
    recurringCommits: built.recurringCommits,
    recurringCredits: built.recurringCredits,
    overrides: built.overrides.map((override, index) => ({
      ...override,
      creationOrder: nextOrder + index,
    })),
    scheduledCharges: built.scheduledCharges,
    discounts: built.discounts,
    professionalServices: built.professionalServices,
    subscriptions: built.subscriptions,
    resellerRoyalties: added.resellerRoyalties,
    spendTrackers: added.spendTrackers,
  }
}

function newAccessPatch(patch: AccessPatchInput, newId: () => string): AccessPatch {
  return {
    add: patch.add.map((item) => ({ id: newId(), ...item })),
    update: patch.update,
    remove: patch.remove,
  }
}

function newInvoicePatch(patch: InvoicePatchInput, newId: () => string): InvoicePatch {
  return {
    add: patch.add.map((item) => {
      const byAmount = item.amount !== undefined
      const unitPrice = byAmount ? item.amount! : item.unitPrice!
      const quantity = byAmount ? new Dec(1) : item.quantity!
      return {
        id: newId(),
        timestamp: item.timestamp,
        amount: byAmount ? item.amount! : unitPrice.times(quantity),
        unitPrice,
        quantity,
      }
    }),
    update: patch.update,
    remove: patch.remove,
  }
}

export function newBalanceUpdate(input: BalanceUpdateInput, newId: () => string): BalanceUpdate {
  const { accessSchedule, invoiceSchedule, ...fields } = input
  return {
    ...fields,
    ...(accessSchedule ? { accessSchedule: newAccessPatch(accessSchedule, newId) } : {}),
    ...(invoiceSchedule ? { invoiceSchedule: newInvoicePatch(invoiceSchedule, newId) } : {}),
  }
}

export function newChanges(
  terms: ContractTerms,
  input: EditInput,
  context: NewEditContext,
): ContractChanges {
  const { newId } = context
  return {
    uniquenessKey: input.uniquenessKey ?? null,
    added: newAddedTerms(terms, input.added, context),
    commitUpdates: input.commitUpdates.map((update) => newBalanceUpdate(update, newId)),
    creditUpdates: input.creditUpdates.map((update) => newBalanceUpdate(update, newId)),
    scheduledChargeUpdates: input.scheduledChargeUpdates.map(({ invoiceSchedule, ...rest }) => ({
      ...rest,
      ...(invoiceSchedule ? { invoiceSchedule: newInvoicePatch(invoiceSchedule, newId) } : {}),
    })),
    recurringCommitUpdates: input.recurringCommitUpdates,
    recurringCreditUpdates: input.recurringCreditUpdates,
    ...(input.subscriptionUpdates?.length
      ? {
          subscriptionUpdates: decideSubscriptionUpdates(
            terms.subscriptions,
            endAfterEdit(terms, input),
            input.subscriptionUpdates,
          ).updates,
        }
      : {}),
    archivedCommitIds: input.archivedCommitIds,
    archivedCreditIds: input.archivedCreditIds,
    archivedScheduledChargeIds: input.archivedScheduledChargeIds,
    removedOverrideIds: input.removedOverrideIds,
    archivedSpendTrackerAliases: input.archivedSpendTrackerAliases,
    name: input.name ?? null,
    endingBefore: input.endingBefore ?? null,
    ...(input.endingBefore === null ? { removesEndDate: true } : {}),
    netPaymentTermsDays: input.netPaymentTermsDays ?? null,
    spendThresholdAdded: input.spendThresholdAdded ?? null,
    spendThresholdUpdate: input.spendThresholdUpdate ?? null,
    prepaidBalanceThresholdAdded: input.prepaidBalanceThresholdAdded ?? null,
    prepaidBalanceThresholdUpdate: input.prepaidBalanceThresholdUpdate ?? null,
    billingProviderConfigurationUpdate: input.billingProviderConfigurationUpdate ?? null,
    revenueSystemConfigurationUpdate: input.revenueSystemConfigurationUpdate ?? null,
  }
}

export function newAmendment(
  terms: ContractTerms,
  input: AmendInput,
  context: NewEditContext,
): Amendment {
  return {
    startingAt: input.startingAt,
    added: newAddedTerms(terms, input.added, context),
    netsuiteSalesOrderId: input.netsuiteSalesOrderId ?? null,
    salesforceOpportunityId: input.salesforceOpportunityId ?? null,
    totalContractValue: input.totalContractValue ?? null,
    customFields: input.customFields ?? {},
  }
}

/** Whether an earlier v2 edit of this contract used the key (keys are scoped to the contract). */
export function isEditKeyUsed(
  edits: readonly { readonly kind: string; readonly changes?: ContractChanges }[],
  key: string,
): boolean {
  return edits.some((edit) => edit.kind === 'edit' && edit.changes?.uniquenessKey === key)
}

/** Why a commit cannot be retired, or null when it can (fully used up and no longer changing). */
export function retirementBlocker(
  commit: ContractCommit | undefined,
  remaining: Dec | null,
  now: Date,
): string | null {
  if (!commit) return 'COMMIT_NOT_FOUND'
  const lastEnd = Math.max(...commit.accessSchedule.segments.map((s) => time(s.endingBefore)))
  const lastInvoice = Math.max(
    0,
    ...(commit.invoiceSchedule?.items ?? []).map((i) => time(i.timestamp)),
  )
  if (lastEnd > time(now) || lastInvoice > time(now)) return 'COMMIT_STILL_ACTIVE'
  if (remaining !== null && !remaining.isZero()) return 'COMMIT_NOT_FULLY_DEPLETED'
  return null
}
