/**
 * A customer's commits or credits (`customerCommits/list`, `customerCredits/list`): its own,
 * and with `includeContractBalances` those of its contracts too, filtered by when they give
 * access. Ledgers and balances are computed by the wire layer at the caller's `now`.
 */
import { manualAdjustmentsOf } from '../../domain/contracts/balance-edits.js'
import { currentContract } from '../../domain/contracts/contract.js'
import type { ManualAdjustment, Transition } from '../../domain/contracts/ledger.js'
import { renewalOf } from '../../domain/contracts/renewal.js'
import type { CustomerBalance } from '../../domain/contracts/customer-balances.js'
import type { ContractCommit, ContractCredit } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import { contractBalancesAt } from '../contracts/contract-balances.js'
import { customerNotFound } from '../contracts/contract-support.js'
import type { AppDeps } from '../deps.js'

export interface CustomerBalanceListInput {
  readonly clientId: string
  readonly customerId: string
  readonly kind: 'COMMIT' | 'CREDIT'
  readonly id: string | null
  /** Only those with a segment in force at this instant. */
  readonly coveringDate: Date | null
  /** Only those with any access on or after this instant. */
  readonly startingAt: Date | null
  /** Only those with any access before this instant. */
  readonly effectiveBefore: Date | null
  readonly includeContractBalances: boolean
  readonly includeArchived: boolean
}

/** A listed balance: customer-level (with its scope) or a contract's (recurring instances too). */
export type ListedBalance = CustomerBalance | ContractCommit | ContractCredit

export interface CustomerBalanceList {
  readonly balances: ListedBalance[]
  /** The manual ledger entries, by commit or credit id (contracts' and customer-level ones). */
  readonly manualAdjustments: ReadonlyMap<string, readonly ManualAdjustment[]>
  /** The renewals of the contracts listed from, by contract id (they close ledgers). */
  readonly renewals: ReadonlyMap<string, Transition>
}

export async function listCustomerBalances(
  deps: AppDeps,
  input: CustomerBalanceListInput,
): Promise<Result<CustomerBalanceList, DomainError>> {
  const customer = await deps.store.findCustomer(input.clientId, input.customerId)
  if (!customer) return err(customerNotFound(input.customerId))
  const own = await deps.store.findCustomerBalances({
    clientId: input.clientId,
    customerId: customer.id,
    kind: input.kind,
    id: input.id,
  })
  const histories = input.includeContractBalances
    ? await deps.store.listContractHistories({
        clientId: input.clientId,
        customerId: customer.id,
        includeArchived: input.includeArchived,
        covering: null,
        startingAtOrAfter: null,
      })
    : []
  const now = deps.clock.now()
  const fromContracts: ListedBalance[] = histories.flatMap((history) => {
    const balances = contractBalancesAt(currentContract(history), now)
    return [...balances.commits, ...balances.credits].filter(
      (balance) => balance.kind === input.kind && (input.id === null || balance.id === input.id),
    )
  })
  // A contract's entries are in its history; a customer-level balance keeps its own (0014).
  const manualAdjustments = new Map<string, readonly ManualAdjustment[]>([
    ...histories.flatMap((history) => [...manualAdjustmentsOf(history)]),
    ...own.map((balance) => [balance.id, balance.manualAdjustments] as const),
  ])
  const renewals = new Map(
    histories.flatMap((history) => {
      const renewal = renewalOf(history)
      return renewal ? [[history.contractId, renewal] as const] : []
    }),
  )
  const balances = [...own, ...fromContracts].filter((balance) => matches(balance, input))
  return ok({ balances, manualAdjustments, renewals })
}

function matches(balance: ListedBalance, input: CustomerBalanceListInput): boolean {
  if (balance.archivedAt !== null && !input.includeArchived) return false
  const segments = balance.accessSchedule.segments
  const { coveringDate, startingAt, effectiveBefore } = input
  if (
    coveringDate &&
    !segments.some((s) => s.startingAt <= coveringDate && coveringDate < s.endingBefore)
  ) {
    return false
  }
  if (startingAt && !segments.some((s) => s.endingBefore > startingAt)) return false
  if (effectiveBefore && !segments.some((s) => s.startingAt < effectiveBefore)) return false
  return true
}
