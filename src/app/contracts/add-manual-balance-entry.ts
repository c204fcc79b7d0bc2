import { checkManualBalanceEntry } from '../../domain/contracts/balance-edits.js'
import type { ContractTerms } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import type { Dec } from '../../domain/money/decimal.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { recordContractEdit } from './record-contract-edit.js'

/**
 * addManualBalanceLedgerEntry on a contract's commit or credit: records the adjustment in the
 * contract's history; ledgers and balances then show it (`manualAdjustmentsOf`). The checks
 * are decision 0009, rule 6 (`checkManualEntry`).
 */
export async function addManualBalanceEntry(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly balanceId: string
    readonly segmentId: string
    readonly amount: Dec
    readonly reason: string
    readonly timestamp: Date | null
    readonly perGroupAmounts: Readonly<Record<string, Dec>> | null
    readonly audit: AuditContext
  },
): Promise<Result<ContractTerms, DomainError>> {
  const target = { ...input, action: 'contract.add_manual_balance_entry' }
  return recordContractEdit(deps, target, (terms) => {
    const adjustment = {
      segmentId: input.segmentId,
      amount: input.amount,
      reason: input.reason,
      timestamp: input.timestamp,
    }
    const problems = checkManualBalanceEntry(terms, input.balanceId, {
      ...adjustment,
      perGroupAmounts: input.perGroupAmounts,
    })
    if (problems.length > 0) return err(invalidRequest(problems))
    return ok({
      kind: 'addManualBalanceEntry',
      balanceId: input.balanceId,
      adjustment,
      perGroupAmounts: input.perGroupAmounts,
    })
  })
}
