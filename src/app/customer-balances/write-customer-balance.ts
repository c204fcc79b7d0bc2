/**
 * The write path customer-level commits and credits share (updateEndDate, commits/credits edit
 * and archive, addManualBalanceLedgerEntry without `contract_id`): in one transaction, lock the
 * balance's row, decide with the pure rules, write the result and its audit entry. The row lock
 * makes concurrent writes to one balance serialize, each deciding on what the one before wrote.
 */
import type { CustomerBalance } from '../../domain/contracts/customer-balances.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import { customerNotFound } from '../contracts/contract-support.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'

export interface CustomerBalanceTarget {
  readonly customerId: string
  /** The kinds the id may name (a manual entry names a commit or a credit). */
  readonly kinds: readonly ('COMMIT' | 'CREDIT')[]
  readonly id: string
  /** The audit action's verb: `customer_commit.<verb>` or `customer_credit.<verb>`. */
  readonly verb: string
  readonly audit: AuditContext
}

/** What a decision sees: the locked balance, the session to load more with, the write's time. */
export interface CustomerBalanceDecision {
  readonly session: StoreSession
  readonly balance: CustomerBalance
  readonly now: Date
}

/**
 * Locks the customer-level balance `target.id` names, runs `decide`, and writes what it answers
 * with the audit entry. `ok(null)`: the customer has no customer-level balance with this id
 * (nothing is written; the caller may look among its contracts' next). An error leaves
 * everything as it was.
 */
export async function writeCustomerBalance(
  deps: AppDeps,
  target: CustomerBalanceTarget,
  decide: (decision: CustomerBalanceDecision) => Promise<Result<CustomerBalance, DomainError>>,
): Promise<Result<CustomerBalance | null, DomainError>> {
  const clientId = target.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const customer = await session.findCustomer(clientId, target.customerId)
    if (!customer) return err(customerNotFound(target.customerId))
    const balance = await lockedBalance(session, clientId, customer.id, target)
    if (!balance) return ok(null)
    const decided = await decide({ session, balance, now })
    if (!decided.ok) return decided
    await session.updateCustomerBalance(clientId, decided.value)
    const noun = balance.kind === 'COMMIT' ? 'commit' : 'credit'
    const change = {
      action: `customer_${noun}.${target.verb}`,
      resourceType: noun,
      resourceId: balance.id,
    }
    await recordChange(deps, session, target.audit, change, now)
    return ok(decided.value)
  })
}

async function lockedBalance(
  session: StoreSession,
  clientId: string,
  customerId: string,
  target: CustomerBalanceTarget,
): Promise<CustomerBalance | null> {
  for (const kind of target.kinds) {
    const [balance] = await session.findCustomerBalances({
      clientId,
      customerId,
      kind,
      id: target.id,
      forUpdate: true,
    })
    if (balance) return balance
  }
  return null
}

/** The ids of every contract of the customer, archived ones too (the scope may name them). */
export async function customerContractIds(
  session: StoreSession,
  clientId: string,
  customerId: string,
): Promise<ReadonlySet<string>> {
  const contracts = await session.listContractHistories({
    clientId,
    customerId,
    includeArchived: true,
    covering: null,
    startingAtOrAfter: null,
  })
  return new Set(contracts.map((history) => history.contractId))
}
