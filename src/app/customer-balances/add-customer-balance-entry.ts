/**
 * addManualBalanceLedgerEntry without `contract_id`: a manual entry on a customer-level commit
 * or credit (decision 0014), kept with the balance's row; `customerCommits/list` and
 * `customerCredits/list` then show it in the ledger and the balance. The checks are decision
 * 0009, rule 6 (`checkManualEntry`), as for a contract's.
 */
import {
  checkCustomerManualEntry,
  withManualAdjustment,
  type CustomerBalance,
  type CustomerBalanceAdjustment,
} from '../../domain/contracts/customer-balances.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { writeCustomerBalance } from './write-customer-balance.js'

/** The adjusted balance; `ok(null)` when the id names no customer-level commit or credit. */
export async function addCustomerBalanceEntry(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly balanceId: string
    readonly adjustment: CustomerBalanceAdjustment
    readonly audit: AuditContext
  },
): Promise<Result<CustomerBalance | null, DomainError>> {
  const target = {
    customerId: input.customerId,
    kinds: ['COMMIT', 'CREDIT'] as const,
    id: input.balanceId,
    verb: 'add_manual_balance_entry',
    audit: input.audit,
  }
  return writeCustomerBalance(deps, target, async ({ balance }) => {
    const problems = checkCustomerManualEntry(balance, input.adjustment)
    if (problems.length > 0) return err(invalidRequest(problems))
    return ok(withManualAdjustment(balance, input.adjustment))
  })
}
