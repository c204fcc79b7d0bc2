/**
 * Customer-level commits and credits (`/v1/contracts/customerCommits/*`, `customerCredits/*`):
 * the same balances as a contract's, owned by the customer, optionally scoped to some of its
 * contracts (`applicable_contract_ids`; none = all) and, when they are billed, invoiced on one
 * contract (`invoice_contract_id`).
 */
import type { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { AccessSegment, InvoiceItem } from './commits.js'
import type { ContractCommit, ContractCredit } from './contract.js'
import { applyBalanceUpdate, type BalanceUpdate } from './contract-edits.js'
import { checkManualEntry, type ManualAdjustment } from './ledger.js'

export interface CustomerBalanceScope {
  readonly customerId: string
  /** null: every contract of the customer. */
  readonly applicableContractIds: readonly string[] | null
  readonly invoiceContractId: string | null
  readonly uniquenessKey: string | null
  readonly salesforceOpportunityId: string | null
}

/** A manual ledger entry on a customer-level balance, as kept with it (decision 0014). */
export interface CustomerBalanceAdjustment extends ManualAdjustment {
  readonly perGroupAmounts: Readonly<Record<string, Dec>> | null
}

/**
 * What a customer-level balance keeps that a contract's reads from its contract's history:
 * its manual ledger entries, in the order recorded (decision 0014).
 */
export interface CustomerBalanceLedgerInputs {
  readonly manualAdjustments: readonly CustomerBalanceAdjustment[]
}

export type CustomerCommit = ContractCommit & CustomerBalanceScope & CustomerBalanceLedgerInputs
export type CustomerCredit = ContractCredit & CustomerBalanceScope & CustomerBalanceLedgerInputs
export type CustomerBalance = CustomerCommit | CustomerCredit

/**
 * The billing rule of the spec: `invoice_contract_id` is required for POSTPAID commits and for
 * PREPAID commits that are invoiced (an invoice schedule that is not `do_not_invoice`); a
 * complimentary prepaid commit needs none. It must be one of the customer's contracts, and one
 * the commit applies to when it is scoped.
 */
export function checkCustomerCommitScope(
  commit: {
    readonly type: 'PREPAID' | 'POSTPAID'
    readonly invoiced: boolean
    readonly invoiceContractId: string | null
    readonly applicableContractIds: readonly string[] | null
  },
  customerContractIds: ReadonlySet<string>,
  root = 'body',
): Problem[] {
  const problems = checkApplicableContracts(commit.applicableContractIds, customerContractIds, root)
  const field = `${root}.invoice_contract_id`
  const billed = commit.type === 'POSTPAID' || commit.invoiced
  if (commit.invoiceContractId === null) {
    if (billed) {
      problems.push({
        field,
        message: `is required for ${commit.type === 'POSTPAID' ? 'POSTPAID commits' : 'invoiced PREPAID commits'}`,
      })
    }
    return problems
  }
  if (!customerContractIds.has(commit.invoiceContractId)) {
    problems.push({
      field,
      message: `names no contract of this customer (${commit.invoiceContractId})`,
    })
  } else if (
    commit.applicableContractIds !== null &&
    commit.applicableContractIds.length > 0 &&
    !commit.applicableContractIds.includes(commit.invoiceContractId)
  ) {
    problems.push({ field, message: 'must be one of applicable_contract_ids' })
  }
  return problems
}

export function checkApplicableContracts(
  applicableContractIds: readonly string[] | null,
  customerContractIds: ReadonlySet<string>,
  root = 'body',
): Problem[] {
  const problems: Problem[] = []
  applicableContractIds?.forEach((id, index) => {
    if (!customerContractIds.has(id)) {
      problems.push({
        field: `${root}.applicable_contract_ids[${index}]`,
        message: `names no contract of this customer (${id})`,
      })
    }
  })
  return problems
}

export interface EndDateUpdate {
  /** New exclusive end of access; null leaves access unchanged. */
  readonly accessEndingBefore: Date | null
  /** New exclusive end of invoicing; null leaves the invoice schedule unchanged. */
  readonly invoicesEndingBefore: Date | null
}

/**
 * `updateEndDate` only shortens (semantics §4.7): access segments starting at or after the new
 * end are dropped and the one spanning it ends there (its amount is what the customer bought,
 * so it is kept); invoice items at or after the new invoicing end are dropped. A later date than
 * the current end is refused, as is any change to a POSTPAID commit (the spec supports PREPAID
 * only) — both with the field named.
 */
export function checkEndDateUpdate(balance: CustomerBalance, update: EndDateUpdate): Problem[] {
  const problems: Problem[] = []
  if (balance.kind === 'COMMIT' && balance.type === 'POSTPAID') {
    problems.push({
      field: 'body.commit_id',
      message: 'names a POSTPAID commit; only PREPAID commits can be updated',
    })
  }
  const segments = balance.accessSchedule.segments
  const accessEnd = segments.at(-1)?.endingBefore
  if (update.accessEndingBefore && accessEnd && update.accessEndingBefore > accessEnd) {
    problems.push({
      field: 'body.access_ending_before',
      message: `can only shorten access, which now ends at ${accessEnd.toISOString()}`,
    })
  }
  const first = segments[0]
  if (update.accessEndingBefore && first && update.accessEndingBefore <= first.startingAt) {
    problems.push({
      field: 'body.access_ending_before',
      message: `must be after the access schedule starts (${first.startingAt.toISOString()})`,
    })
  }
  return problems
}

/** The balance with its schedules cut at the new ends (checked by `checkEndDateUpdate`). */
export function withEndDates<B extends CustomerBalance>(balance: B, update: EndDateUpdate): B {
  const accessEnd = update.accessEndingBefore
  const segments: AccessSegment[] = accessEnd
    ? balance.accessSchedule.segments
        .filter((segment) => segment.startingAt < accessEnd)
        .map((segment) =>
          segment.endingBefore > accessEnd ? { ...segment, endingBefore: accessEnd } : segment,
        )
    : [...balance.accessSchedule.segments]
  const accessSchedule = { ...balance.accessSchedule, segments }
  if (
    balance.kind === 'CREDIT' ||
    balance.invoiceSchedule === null ||
    !update.invoicesEndingBefore
  ) {
    return { ...balance, accessSchedule }
  }
  const invoicesEnd = update.invoicesEndingBefore
  const items: InvoiceItem[] = balance.invoiceSchedule.items.filter(
    (item) => item.timestamp < invoicesEnd,
  )
  return { ...balance, accessSchedule, invoiceSchedule: { ...balance.invoiceSchedule, items } }
}

// ---------------------------------------------------------------------------------------------
// Manual entries, edits and archive (decision 0014).

/** The problems of a manual entry on a customer-level balance: decision 0009, rule 6. */
export function checkCustomerManualEntry(
  balance: CustomerBalance,
  entry: CustomerBalanceAdjustment,
): readonly Problem[] {
  return checkManualEntry(balance, entry)
}

/** The balance with one more manual entry (checked by `checkCustomerManualEntry`). */
export function withManualAdjustment<B extends CustomerBalance>(
  balance: B,
  adjustment: CustomerBalanceAdjustment,
): B {
  return { ...balance, manualAdjustments: [...balance.manualAdjustments, adjustment] }
}

/**
 * The customer-level scope an edit sets (`commits/edit`, `credits/edit`); absent fields are left
 * as they were. `applicableContractIds: null` is the spec's "applies to all of the customer's
 * contracts".
 */
export interface CustomerScopeUpdate {
  readonly applicableContractIds?: readonly string[] | null
  /** Commits only (the credit edit has no such field). */
  readonly invoiceContractId?: string
}

export function isScopeUpdate(scope: CustomerScopeUpdate): boolean {
  return scope.applicableContractIds !== undefined || scope.invoiceContractId !== undefined
}

/** The balance after an edit: the same update a contract's takes, then the scope. */
export function withCustomerBalanceEdit<B extends CustomerBalance>(
  balance: B,
  update: BalanceUpdate,
  scope: CustomerScopeUpdate,
): B {
  const updated = applyBalanceUpdate(balance, update)
  return {
    ...updated,
    ...(scope.applicableContractIds === undefined
      ? {}
      : { applicableContractIds: scope.applicableContractIds }),
    ...(scope.invoiceContractId === undefined || balance.kind !== 'COMMIT'
      ? {}
      : { invoiceContractId: scope.invoiceContractId }),
  }
}

/**
 * The scope problems of an edit, judged on the balance as edited with the create's rules
 * (`checkCustomerCommitScope`, `checkApplicableContracts`), so that an edit cannot reach a state
 * a create would refuse — e.g. an invoice item added to a complimentary commit that names no
 * `invoice_contract_id`. The spec: `applicable_contract_ids` "cannot be edited for POSTPAID
 * commits".
 */
export function checkCustomerScopeEdit(
  before: CustomerBalance,
  after: CustomerBalance,
  scope: CustomerScopeUpdate,
  customerContractIds: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = []
  const postpaid = before.kind === 'COMMIT' && before.type === 'POSTPAID'
  if (postpaid && scope.applicableContractIds !== undefined) {
    problems.push({
      field: 'body.applicable_contract_ids',
      message: 'cannot be edited for POSTPAID commits',
    })
  }
  if (after.kind === 'CREDIT') {
    problems.push(...checkApplicableContracts(after.applicableContractIds, customerContractIds))
    return problems
  }
  const invoice = after.invoiceSchedule
  problems.push(
    ...checkCustomerCommitScope(
      {
        type: after.type,
        invoiced: invoice !== null && !invoice.doNotInvoice,
        invoiceContractId: after.invoiceContractId,
        applicableContractIds: after.applicableContractIds,
      },
      customerContractIds,
    ),
  )
  return problems
}

/** The balance archived at `at` (an archived one is refused by the caller). */
export function withArchive<B extends CustomerBalance>(balance: B, at: Date): B {
  return { ...balance, archivedAt: at }
}
