/**
 * Commits and credits as data (semantics §4.7, §4.8). Both are balances the customer draws
 * down: an access schedule says when and how much is drawable (ordered, non-overlapping,
 * half-open segments `[startingAt, endingBefore)`), and, for commits only, an invoice schedule
 * says when the customer pays. The two schedules are independent; a credit is a commit that is
 * never invoiced.
 *
 * Validation reports every problem at once, each named by its wire field path under `root`
 * (e.g. `body.commits[1].access_schedule.schedule_items[0].ending_before`). Decisions where the
 * sources are silent are in `docs/decisions/0009-commits-and-ledgers.md`.
 */
import { Dec, sum } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import type { Problem } from '../problem.js'
import {
  checkRecurringSchedule,
  expandRecurringSchedule,
  type RecurringScheduleInput,
  type ScheduledAmount,
} from './recurring-schedule.js'

export type CommitType = 'PREPAID' | 'POSTPAID'
/** Which price usage burning this balance is rated at. */
export type BalanceRateType = 'COMMIT_RATE' | 'LIST_RATE'

/** One span of drawable balance. */
export interface AccessSegment {
  readonly id: string
  readonly amount: Dec
  readonly startingAt: Date
  readonly endingBefore: Date
}

/**
 * How usage draws a balance down: SPEND deducts the cost of usage, QUANTITY the number of units
 * used (the wire's `access_type`). Drawdown is invoicing's; the domain keeps the choice.
 */
export type AccessType = 'SPEND' | 'QUANTITY'

export interface AccessSchedule {
  readonly creditTypeId: string
  /** Absent: SPEND (the wire's default); balances built before the field existed have none. */
  readonly accessType?: AccessType
  /** Ordered by start; never overlapping. */
  readonly segments: readonly AccessSegment[]
}

/** One payment of a commit; `amount` is always `unitPrice × quantity`, exactly. */
export interface InvoiceItem {
  readonly id: string
  readonly timestamp: Date
  readonly amount: Dec
  readonly unitPrice: Dec
  readonly quantity: Dec
}

export interface InvoiceSchedule {
  readonly creditTypeId: string
  readonly items: readonly InvoiceItem[]
  /** The amounts are recorded (cost basis) but no invoice is issued. */
  readonly doNotInvoice: boolean
}

/**
 * One exclusion of a specifier (the wire's `ExcludeSpecifier`): usage of a product carrying
 * every one of these tags is left out. The OpenAPI document gives it no other criterion.
 */
export interface ExcludeSpecifier {
  readonly productTags?: readonly string[]
}

/** Usage matching any one specifier draws the balance down; its fields must all match. */
export interface CommitSpecifier {
  readonly productId?: string
  /** The product must carry all of these tags. */
  readonly productTags?: readonly string[]
  readonly pricingGroupValues?: Readonly<Record<string, string>>
  readonly presentationGroupValues?: Readonly<Record<string, string>>
  /** Usage the other fields match is still left out when any one of these matches it. */
  readonly exclude?: readonly ExcludeSpecifier[]
}

/** Where a rollover commit or credit came from. */
export interface RolledOverFrom {
  readonly contractId: string
  /** The commit or credit on that contract whose unused balance this is. */
  readonly id: string
}

interface BalanceFields {
  readonly id: string
  /** The contract it belongs to; null for a customer-level commit or credit. */
  readonly contractId: string | null
  /** The FIXED product that invoices it (and names it on invoices). */
  readonly productId: string
  readonly name: string | null
  readonly description: string | null
  readonly accessSchedule: AccessSchedule
  /** Lower burns first (within a drawdown class, §4.9); null when not given. */
  readonly priority: Dec | null
  /** null and empty both mean "no restriction by product id". */
  readonly applicableProductIds: readonly string[] | null
  readonly applicableProductTags: readonly string[] | null
  readonly specifiers: readonly CommitSpecifier[] | null
  /** Share of each segment's original amount that may roll over on renewal; null: none. */
  readonly rolloverFraction: Dec | null
  readonly rateType: BalanceRateType
  readonly rolledOverFrom: RolledOverFrom | null
  readonly archivedAt: Date | null
  readonly customFields: Readonly<Record<string, string>>
  readonly createdAt: Date
}

export interface Commit extends BalanceFields {
  readonly kind: 'COMMIT'
  readonly type: CommitType
  /** null: a complimentary (never invoiced) prepaid commit. */
  readonly invoiceSchedule: InvoiceSchedule | null
}

export interface Credit extends BalanceFields {
  readonly kind: 'CREDIT'
}

export type CommitOrCredit = Commit | Credit

// ---------------------------------------------------------------------------------------------
// Inputs, as a create request describes them after wire parsing (numbers already `Dec`).

export interface AccessSegmentInput {
  readonly amount: Dec
  readonly startingAt: Date
  readonly endingBefore: Date
}

export interface AccessScheduleInput {
  /** Defaults to USD (cents). */
  readonly creditTypeId?: string
  /** Defaults to SPEND. */
  readonly accessType?: AccessType
  readonly items: readonly AccessSegmentInput[]
}

/** What an item (or a recurring schedule) bills: `amount`, or `unitPrice` and `quantity`. */
export interface ItemAmountInput {
  readonly amount?: Dec
  readonly unitPrice?: Dec
  readonly quantity?: Dec
}

export interface InvoiceItemInput extends ItemAmountInput {
  readonly timestamp: Date
}

export interface InvoiceScheduleInput {
  /** Defaults to USD (cents). */
  readonly creditTypeId?: string
  /** Exactly one of `items` and `recurringSchedule` (expanded into items on creation). */
  readonly items?: readonly InvoiceItemInput[]
  readonly recurringSchedule?: RecurringScheduleInput
  readonly doNotInvoice?: boolean
}

interface BalanceInputFields {
  readonly productId: string
  readonly name?: string
  readonly description?: string
  readonly accessSchedule?: AccessScheduleInput
  readonly priority?: Dec
  readonly applicableProductIds?: readonly string[]
  readonly applicableProductTags?: readonly string[]
  readonly specifiers?: readonly CommitSpecifier[]
  readonly rolloverFraction?: Dec
  readonly rateType?: BalanceRateType
  readonly customFields?: Readonly<Record<string, string>>
}

export interface CommitInput extends BalanceInputFields {
  readonly type: CommitType
  readonly invoiceSchedule?: InvoiceScheduleInput
  /** The deprecated single `amount`, kept only to be refused. */
  readonly amount?: Dec
}

export interface CreditInput extends BalanceInputFields {
  /** Credits are free; present only so that a request carrying one can be refused. */
  readonly invoiceSchedule?: unknown
}

// ---------------------------------------------------------------------------------------------
// Validation.

const HOUR_MS = 3_600_000
const time = (date: Date) => date.getTime()
const isHourBoundary = (at: Date) => time(at) % HOUR_MS === 0

export function checkCommit(input: CommitInput, root = 'body'): readonly Problem[] {
  const problems = [...checkBalanceFields(input, root)]
  if (input.amount !== undefined) {
    problems.push({
      field: `${root}.amount`,
      message: 'is deprecated and not supported; use access_schedule and invoice_schedule',
    })
  }
  const invoice = input.invoiceSchedule
  const invoiceProblems = invoice ? checkInvoiceSchedule(invoice, `${root}.invoice_schedule`) : []
  problems.push(...invoiceProblems)
  if (input.type === 'POSTPAID') {
    problems.push(...checkPostpaid(input, root, invoiceProblems.length === 0))
  }
  return problems
}

export function checkCredit(input: CreditInput, root = 'body'): readonly Problem[] {
  const problems = [...checkBalanceFields(input, root)]
  if (input.invoiceSchedule !== undefined) {
    problems.push({
      field: `${root}.invoice_schedule`,
      message: 'is only for commits (credits are never invoiced)',
    })
  }
  return problems
}

function checkBalanceFields(input: BalanceInputFields, root: string): Problem[] {
  const problems: Problem[] = []
  if (!input.accessSchedule) {
    problems.push({ field: `${root}.access_schedule`, message: 'is required' })
  } else {
    problems.push(...checkAccessSchedule(input.accessSchedule, `${root}.access_schedule`))
  }
  if (input.priority?.isNegative()) {
    problems.push({ field: `${root}.priority`, message: 'must not be negative' })
  }
  const fraction = input.rolloverFraction
  if (fraction !== undefined && (fraction.isNegative() || fraction.greaterThan(1))) {
    problems.push({ field: `${root}.rollover_fraction`, message: 'must be between 0 and 1' })
  }
  const byProduct =
    (input.applicableProductIds?.length ?? 0) > 0 || (input.applicableProductTags?.length ?? 0) > 0
  if (byProduct && (input.specifiers?.length ?? 0) > 0) {
    problems.push({
      field: `${root}.specifiers`,
      message: 'cannot be used together with applicable_product_ids or applicable_product_tags',
    })
  }
  problems.push(...checkSpecifierExcludes(input.specifiers, root))
  return problems
}

/**
 * Each `exclude` entry must name what it excludes: an entry with no `product_tags` would
 * exclude nothing (or, read the other way, everything), so it is refused rather than guessed.
 * `listField` is the wire name of the specifier list (`override_specifiers` for overrides).
 */
export function checkSpecifierExcludes(
  specifiers: readonly { readonly exclude?: readonly ExcludeSpecifier[] }[] | null | undefined,
  root: string,
  listField = 'specifiers',
): Problem[] {
  const problems: Problem[] = []
  ;(specifiers ?? []).forEach((specifier, index) => {
    specifier.exclude?.forEach((entry, entryIndex) => {
      const at = `${root}.${listField}[${index}].exclude[${entryIndex}]`
      if (entry.productTags === undefined) {
        problems.push({
          field: at,
          message: 'must give product_tags (the only exclusion criterion)',
        })
      } else if (entry.productTags.length === 0) {
        problems.push({ field: `${at}.product_tags`, message: 'must list at least one tag' })
      }
    })
  })
  return problems
}

function checkAccessSchedule(schedule: AccessScheduleInput, root: string): Problem[] {
  const items = `${root}.schedule_items`
  if (schedule.items.length === 0) return [{ field: items, message: 'must not be empty' }]
  const problems: Problem[] = []
  schedule.items.forEach((item, index) => {
    const at = `${items}[${index}]`
    if (item.amount.isNegative()) {
      problems.push({ field: `${at}.amount`, message: 'must not be negative' })
    }
    for (const [key, value] of [
      ['starting_at', item.startingAt],
      ['ending_before', item.endingBefore],
    ] as const) {
      if (!isHourBoundary(value)) {
        problems.push({
          field: `${at}.${key}`,
          message: 'must be on an hour boundary (e.g. 1:00, not 1:30)',
        })
      }
    }
    if (time(item.endingBefore) <= time(item.startingAt)) {
      problems.push({ field: `${at}.ending_before`, message: 'must be after starting_at' })
    }
  })
  problems.push(...checkScheduleOrder(schedule.items, items))
  return problems
}

/** An access segment or a point-in-time item, as the order rule compares them. */
export type ScheduledItem =
  { readonly startingAt: Date; readonly endingBefore: Date } | { readonly timestamp: Date }

/** Why an order problem is one: the end of its message (an edit's check recognises it by this). */
export const SEGMENT_ORDER = 'segments are in order and never overlap'
export const ITEM_ORDER = 'items are in time order'
export const ONE_INSTANT = 'two items at one instant would be one invoice'
/** The POSTPAID rule's messages (an edit's check names the edited commit's problems again). */
export const POSTPAID_ONE_ITEM = 'must have exactly one item for POSTPAID commits'
export const POSTPAID_AMOUNT = 'must equal the access amount'

/**
 * Schedule items are in time order (decision 0009 rule 9), each item judged against the one
 * before it: an access segment starts at or after the previous one's `ending_before` (touching
 * is fine, overlapping is not); a point-in-time item (an invoice or charge schedule item) is
 * strictly after the previous one's `timestamp`. `itemsField` is the list's wire path.
 */
export function checkScheduleOrder(items: readonly ScheduledItem[], itemsField: string): Problem[] {
  const problems: Problem[] = []
  items.forEach((item, index) => {
    const previous = items[index - 1]
    if (!previous) return
    const at = `${itemsField}[${index}]`
    const before = `schedule_items[${index - 1}]`
    if ('timestamp' in item && 'timestamp' in previous) {
      const step = time(item.timestamp) - time(previous.timestamp)
      if (step < 0) {
        problems.push({
          field: `${at}.timestamp`,
          message: `must not be before ${before}.timestamp (${ITEM_ORDER})`,
        })
      } else if (step === 0) {
        problems.push({
          field: `${at}.timestamp`,
          message: `must be after ${before}.timestamp; ${ONE_INSTANT}`,
        })
      }
    } else if ('startingAt' in item && 'endingBefore' in previous) {
      if (time(item.startingAt) < time(previous.endingBefore)) {
        problems.push({
          field: `${at}.starting_at`,
          message: `must not be before ${before}.ending_before (${SEGMENT_ORDER})`,
        })
      }
    }
  })
  return problems
}

/** Whether a problem is the order rule's (`checkScheduleOrder`). */
export function isOrderProblem(problem: Problem): boolean {
  return [SEGMENT_ORDER, ITEM_ORDER, ONE_INSTANT].some((note) => problem.message.includes(note))
}

/**
 * A schedule gives `schedule_items` or a `recurring_schedule` (decision 0017), never both; each
 * item, and the recurring schedule's amounts, by `checkItem`'s rules, all problems at once.
 */
export function checkScheduleInput(
  schedule: InvoiceScheduleInput,
  root: string,
  checkItem: (item: ItemAmountInput, root: string) => Problem[],
): Problem[] {
  const recurring = schedule.recurringSchedule
  if ((schedule.items === undefined) === (recurring === undefined)) {
    return [{ field: root, message: 'needs exactly one of schedule_items or recurring_schedule' }]
  }
  if (recurring) {
    // Its items are in time order by construction (decision 0017 rule 4, property-tested).
    const at = `${root}.recurring_schedule`
    return [...checkRecurringSchedule(recurring, at), ...checkItem(recurring, at)]
  }
  const items = schedule.items ?? []
  return [
    ...items.flatMap((item, index) => checkItem(item, `${root}.schedule_items[${index}]`)),
    ...checkScheduleOrder(items, `${root}.schedule_items`),
  ]
}

function checkInvoiceSchedule(schedule: InvoiceScheduleInput, root: string): Problem[] {
  return checkScheduleInput(schedule, root, checkInvoiceItem)
}

function checkInvoiceItem(item: ItemAmountInput, root: string): Problem[] {
  const hasAmount = item.amount !== undefined
  const hasPrice = item.unitPrice !== undefined
  const hasQuantity = item.quantity !== undefined
  if (hasAmount && (hasPrice || hasQuantity)) {
    return [{ field: `${root}.amount`, message: 'cannot be given with unit_price or quantity' }]
  }
  if (!hasAmount && !hasPrice && !hasQuantity) {
    return [{ field: root, message: 'needs amount, or unit_price and quantity' }]
  }
  if (!hasAmount && hasPrice !== hasQuantity) {
    return hasPrice
      ? [{ field: `${root}.quantity`, message: 'is required with unit_price' }]
      : [{ field: `${root}.unit_price`, message: 'is required with quantity' }]
  }
  const problems: Problem[] = []
  for (const [key, value] of [
    ['amount', item.amount],
    ['unit_price', item.unitPrice],
    ['quantity', item.quantity],
  ] as const) {
    if (value?.isNegative())
      problems.push({ field: `${root}.${key}`, message: 'must not be negative' })
  }
  return problems
}

/**
 * A postpaid commit is one obligation: one access segment, and one invoice item (the true-up
 * date) for the same amount in the same credit type (the OpenAPI document: "only one schedule
 * item is allowed and amount must match invoice_schedule total"). A recurring schedule is held
 * to the same rule through the items it expands to, once it is itself valid (`invoiceValid`).
 */
function checkPostpaid(input: CommitInput, root: string, invoiceValid: boolean): Problem[] {
  const problems: Problem[] = []
  const access = input.accessSchedule
  if (access && access.items.length !== 1) {
    problems.push({
      field: `${root}.access_schedule.schedule_items`,
      message: POSTPAID_ONE_ITEM,
    })
  }
  const invoice = input.invoiceSchedule
  if (!invoice) {
    problems.push({
      field: `${root}.invoice_schedule`,
      message: 'is required for POSTPAID commits',
    })
    return problems
  }
  const recurring = invoice.recurringSchedule !== undefined
  // Neither, both, or a bad recurring schedule: the schedule checks report it.
  if ((invoice.items !== undefined) === recurring || (recurring && !invoiceValid)) return problems
  const items = recurring ? invoiceScheduleItems(invoice) : invoice.items!
  const itemsField = `${root}.invoice_schedule.${recurring ? 'recurring_schedule' : 'schedule_items'}`
  if (items.length !== 1) {
    problems.push({
      field: itemsField,
      message: recurring
        ? `must expand to exactly one item for POSTPAID commits (it gives ${items.length})`
        : POSTPAID_ONE_ITEM,
    })
    return problems
  }
  const accessCreditType = access?.creditTypeId ?? USD_CENTS_CREDIT_TYPE_ID
  const invoiceCreditType = invoice.creditTypeId ?? USD_CENTS_CREDIT_TYPE_ID
  if (access && accessCreditType !== invoiceCreditType) {
    problems.push({
      field: `${root}.invoice_schedule.credit_type_id`,
      message: 'must equal access_schedule.credit_type_id for POSTPAID commits',
    })
  }
  const accessItem = access?.items.length === 1 ? access.items[0] : undefined
  const invoiced = invoiceItemAmount(items[0]!)
  if (accessItem && invoiced && !invoiced.equals(accessItem.amount)) {
    problems.push({
      field: recurring ? itemsField : `${itemsField}[0].amount`,
      message: `${POSTPAID_AMOUNT} (${accessItem.amount.toString()}) for POSTPAID commits`,
    })
  }
  return problems
}

/** The amount an invoice item bills, exactly; undefined when the item is incomplete. */
export function invoiceItemAmount(item: ItemAmountInput): Dec | undefined {
  if (item.amount !== undefined) return item.amount
  if (item.unitPrice !== undefined && item.quantity !== undefined) {
    return item.unitPrice.times(item.quantity)
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Construction from a checked input.

/** Identifiers and context an app use case supplies (ids come from its `IdSource`). */
export interface NewBalanceContext {
  readonly id: string
  readonly contractId: string | null
  /** One per access schedule item, in order. */
  readonly segmentIds: readonly string[]
  /** One per invoice schedule item as `invoiceScheduleItems` lists them (commits only). */
  readonly invoiceItemIds?: readonly string[]
  readonly createdAt: Date
}

/** The commit a checked input describes; throws on an input `checkCommit` refuses. */
export function newCommit(input: CommitInput, context: NewBalanceContext): Commit {
  const invoice = input.invoiceSchedule
  const items = invoiceScheduleItems(invoice)
  const itemIds = context.invoiceItemIds ?? []
  if (itemIds.length !== items.length) throw new Error('one id per invoice schedule item')
  return {
    ...balanceFields(input, context),
    kind: 'COMMIT',
    type: input.type,
    invoiceSchedule: invoice
      ? {
          creditTypeId: invoice.creditTypeId ?? USD_CENTS_CREDIT_TYPE_ID,
          items: items.map((item, index) => ({ id: itemIds[index]!, ...item })),
          doNotInvoice: invoice.doNotInvoice ?? false,
        }
      : null,
  }
}

/** The credit a checked input describes; throws on an input `checkCredit` refuses. */
export function newCredit(input: CreditInput, context: NewBalanceContext): Credit {
  return { ...balanceFields(input, context), kind: 'CREDIT' }
}

function balanceFields(input: BalanceInputFields, context: NewBalanceContext): BalanceFields {
  const access = input.accessSchedule
  if (!access) throw new Error('an access schedule is required (checked before)')
  if (context.segmentIds.length !== access.items.length) {
    throw new Error('one id per access schedule item')
  }
  return {
    id: context.id,
    contractId: context.contractId,
    productId: input.productId,
    name: input.name ?? null,
    description: input.description ?? null,
    accessSchedule: {
      creditTypeId: access.creditTypeId ?? USD_CENTS_CREDIT_TYPE_ID,
      ...(access.accessType === undefined ? {} : { accessType: access.accessType }),
      segments: access.items.map((item, index) => ({
        id: context.segmentIds[index]!,
        amount: item.amount,
        startingAt: item.startingAt,
        endingBefore: item.endingBefore,
      })),
    },
    priority: input.priority ?? null,
    applicableProductIds: input.applicableProductIds ?? null,
    applicableProductTags: input.applicableProductTags ?? null,
    specifiers: input.specifiers ?? null,
    rolloverFraction: input.rolloverFraction ?? null,
    // The OpenAPI document gives no default; list rates are what a contract bills without one.
    rateType: input.rateType ?? 'LIST_RATE',
    rolledOverFrom: null,
    archivedAt: null,
    customFields: input.customFields ?? {},
    createdAt: context.createdAt,
  }
}

/**
 * The create input a balance stands for (ids and creation details aside), so that a changed
 * balance can be judged by the create's checks (`checkCommit`, `checkCredit`): an edit must not
 * reach a state a create refuses (decision 0013).
 */
export function balanceInputOf(balance: Commit): CommitInput
export function balanceInputOf(balance: Credit): CreditInput
export function balanceInputOf(balance: CommitOrCredit): CommitInput | CreditInput
export function balanceInputOf(balance: CommitOrCredit): CommitInput | CreditInput {
  const access = balance.accessSchedule
  const fields: BalanceInputFields = {
    productId: balance.productId,
    accessSchedule: {
      creditTypeId: access.creditTypeId,
      ...(access.accessType === undefined ? {} : { accessType: access.accessType }),
      items: access.segments,
    },
    ...(balance.priority === null ? {} : { priority: balance.priority }),
    ...(balance.applicableProductIds === null
      ? {}
      : { applicableProductIds: balance.applicableProductIds }),
    ...(balance.applicableProductTags === null
      ? {}
      : { applicableProductTags: balance.applicableProductTags }),
    ...(balance.specifiers === null ? {} : { specifiers: balance.specifiers }),
    ...(balance.rolloverFraction === null ? {} : { rolloverFraction: balance.rolloverFraction }),
    rateType: balance.rateType,
  }
  if (balance.kind === 'CREDIT') return fields
  const invoice = balance.invoiceSchedule
  return {
    ...fields,
    type: balance.type,
    ...(invoice === null ? {} : { invoiceSchedule: scheduleInputOf(invoice) }),
  }
}

/** A stored point-in-time schedule as the create's input (each item by price and quantity). */
export function scheduleInputOf(
  schedule: InvoiceSchedule,
): InvoiceScheduleInput & { readonly items: readonly InvoiceItemInput[] } {
  return {
    creditTypeId: schedule.creditTypeId,
    items: schedule.items.map(({ timestamp, unitPrice, quantity }) => ({
      timestamp,
      unitPrice,
      quantity,
    })),
    doNotInvoice: schedule.doNotInvoice,
  }
}

/**
 * The items a checked schedule bills, in order, before ids: its `schedule_items` (`amount` alone
 * means unit price = amount and quantity = 1, the OpenAPI document), or its recurring schedule
 * expanded (decision 0017). No schedule bills nothing. Commits, scheduled charges and discounts
 * all build their items here, so every path that creates one expands the same way.
 */
export function invoiceScheduleItems(
  schedule: InvoiceScheduleInput | undefined,
): ScheduledAmount[] {
  if (!schedule) return []
  if (schedule.recurringSchedule) return expandRecurringSchedule(schedule.recurringSchedule)
  if (!schedule.items) throw new Error('a schedule without items (checked before)')
  return schedule.items.map((item) => {
    const amount = invoiceItemAmount(item)
    if (amount === undefined) throw new Error('an incomplete invoice item (checked before)')
    const byAmount = item.amount !== undefined
    return {
      timestamp: item.timestamp,
      amount,
      unitPrice: byAmount ? amount : item.unitPrice!,
      quantity: byAmount ? new Dec(1) : item.quantity!,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// What drawdown ordering (§4.9) will need.

/** The sum of the access segments' amounts. */
export function accessTotal(balance: CommitOrCredit): Dec {
  return sum(balance.accessSchedule.segments.map((segment) => segment.amount))
}

/**
 * Amount paid ÷ amount granted (§4.7): 0 for credits and complimentary commits. A commit with
 * `doNotInvoice` still records what was agreed, so its items count; a zero access total has
 * nothing to divide and counts as 0.
 */
export function costBasis(balance: CommitOrCredit): Dec {
  if (balance.kind === 'CREDIT' || balance.invoiceSchedule === null) return new Dec(0)
  const granted = accessTotal(balance)
  if (granted.isZero()) return new Dec(0)
  return sum(balance.invoiceSchedule.items.map((item) => item.amount)).dividedBy(granted)
}

/**
 * §4.9 step 1, the class a balance burns in, lower first: rollover postpaid commits, then other
 * rollover balances, then prepaid commits and credits, then postpaid commits. Priority and every
 * later tie-break order balances only within one class.
 */
export function drawdownClass(balance: CommitOrCredit): 0 | 1 | 2 | 3 {
  const postpaid = balance.kind === 'COMMIT' && balance.type === 'POSTPAID'
  if (balance.rolledOverFrom !== null) return postpaid ? 0 : 1
  return postpaid ? 3 : 2
}

/** The balance's access type; SPEND when none was given. */
export function accessTypeOf(balance: CommitOrCredit): AccessType {
  return balance.accessSchedule.accessType ?? 'SPEND'
}

// ---------------------------------------------------------------------------------------------
// Which usage a balance applies to (what drawdown, §4.9, will ask of every line).

/** One line of usage, as a balance's applicability is compared with it. */
export interface BalanceLine {
  readonly productId: string
  /** The product's tags as of the line's instant. */
  readonly productTags: readonly string[]
  readonly pricingGroupValues?: Readonly<Record<string, string>> | null
  readonly presentationGroupValues?: Readonly<Record<string, string>> | null
}

/**
 * The entries of an `exclude` list that leave this product out: any one entry whose tags the
 * product all carries (the spec: "matches the inclusion criteria and any of the excluding
 * values"). An entry without tags excludes nothing (the checks refuse it).
 */
function excludedBy(
  exclude: readonly ExcludeSpecifier[] | undefined,
  productTags: readonly string[],
): boolean {
  return (exclude ?? []).some(
    (entry) =>
      (entry.productTags?.length ?? 0) > 0 &&
      entry.productTags!.every((tag) => productTags.includes(tag)),
  )
}

/**
 * Whether usage on `line` may draw `balance` down (by product and group values only; time,
 * credit type and drawdown order are the caller's):
 *  - with specifiers, when any one matches: every field it gives matches (tags: all of them;
 *    group values: the line has each pair, and may have more keys) and none of its `exclude`
 *    entries does;
 *  - otherwise with `applicable_product_ids` / `applicable_product_tags`, when the product is
 *    listed or carries any one listed tag;
 *  - with none of them, always ("the commit applies to all products").
 */
export function balanceApplies(
  balance: Pick<CommitOrCredit, 'specifiers' | 'applicableProductIds' | 'applicableProductTags'>,
  line: BalanceLine,
): boolean {
  const specifiers = balance.specifiers ?? []
  if (specifiers.length > 0) {
    return specifiers.some((specifier) => commitSpecifierMatches(specifier, line))
  }
  const ids = balance.applicableProductIds ?? []
  const tags = balance.applicableProductTags ?? []
  if (ids.length === 0 && tags.length === 0) return true
  return ids.includes(line.productId) || tags.some((tag) => line.productTags.includes(tag))
}

export function commitSpecifierMatches(specifier: CommitSpecifier, line: BalanceLine): boolean {
  if (specifier.productId !== undefined && specifier.productId !== line.productId) return false
  if (
    specifier.productTags !== undefined &&
    !specifier.productTags.every((tag) => line.productTags.includes(tag))
  ) {
    return false
  }
  if (
    specifier.pricingGroupValues !== undefined &&
    !includesPairs(line.pricingGroupValues ?? null, specifier.pricingGroupValues)
  ) {
    return false
  }
  if (
    specifier.presentationGroupValues !== undefined &&
    !includesPairs(line.presentationGroupValues ?? null, specifier.presentationGroupValues)
  ) {
    return false
  }
  return !excludedBy(specifier.exclude, line.productTags)
}

/** `values` holds every pair of `wanted` (it may have more keys); no values hold no pair. */
export function includesPairs(
  values: Readonly<Record<string, string>> | null,
  wanted: Readonly<Record<string, string>>,
): boolean {
  const have = values ?? {}
  return Object.entries(wanted).every(
    ([key, value]) => Object.hasOwn(have, key) && have[key] === value,
  )
}
