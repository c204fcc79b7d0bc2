/**
 * Customer-level commits and credits (`/v1/contracts/customerCommits/*`, `customerCredits/*`):
 * the same balances as a contract's, owned by the customer, optionally scoped to some of its
 * contracts (`applicable_contract_ids`; none = all) and, when they are billed, invoiced on one
 * contract (`invoice_contract_id`).
 */
import type { Problem } from '../problem.js'
import type { AccessSegment, InvoiceItem } from './commits.js'
import type { ContractCommit, ContractCredit } from './contract.js'

export interface CustomerBalanceScope {
  readonly customerId: string
  /** null: every contract of the customer. */
  readonly applicableContractIds: readonly string[] | null
  readonly invoiceContractId: string | null
  readonly uniquenessKey: string | null
  readonly salesforceOpportunityId: string | null
}

export type CustomerCommit = ContractCommit & CustomerBalanceScope
export type CustomerCredit = ContractCredit & CustomerBalanceScope
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
