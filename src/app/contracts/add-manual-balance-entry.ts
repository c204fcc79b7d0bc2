import { checkManualBalanceEntry } from '../../domain/contracts/balance-edits.js'
import type { ContractTerms } from '../../domain/contracts/contract.js'
import type { CustomerBalance } from '../../domain/contracts/customer-balances.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { Dec } from '../../domain/money/decimal.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { addCustomerBalanceEntry } from '../customer-balances/add-customer-balance-entry.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { contractBalancesAt } from './contract-balances.js'
import { appendDecidedEdit } from './record-contract-edit.js'
import { findContractWithBalance } from './term-edit-support.js'

export interface ManualBalanceEntryInput {
  readonly customerId: string
  /** null: the entry adjusts a customer-level commit or credit (decision 0014). */
  readonly contractId: string | null
  readonly balanceId: string
  readonly segmentId: string
  readonly amount: Dec
  readonly reason: string
  readonly timestamp: Date | null
  readonly perGroupAmounts: Readonly<Record<string, Dec>> | null
  readonly audit: AuditContext
}

/** Where the entry went: a contract (its terms after) or a customer-level balance. */
export type ManualBalanceEntryTarget =
  | { readonly level: 'contract'; readonly terms: ContractTerms }
  | { readonly level: 'customer'; readonly balance: CustomerBalance }

/**
 * addManualBalanceLedgerEntry. With `contract_id`: on one of the contract's commits or credits,
 * or on a recurring instance of it that has started (decision 0014), recorded in the contract's
 * history; ledgers and balances then show it (`manualAdjustmentsOf`). Without: on a
 * customer-level commit or credit, kept with its row. The checks are decision 0009, rule 6
 * (`checkManualEntry`) either way.
 */
export async function addManualBalanceEntry(
  deps: AppDeps,
  input: ManualBalanceEntryInput,
): Promise<Result<ManualBalanceEntryTarget, DomainError>> {
  if (input.contractId === null) return addToCustomerBalance(deps, input)
  const adjustment = {
    segmentId: input.segmentId,
    amount: input.amount,
    reason: input.reason,
    timestamp: input.timestamp,
  }
  const target = {
    customerId: input.customerId,
    contractId: input.contractId,
    action: 'contract.add_manual_balance_entry',
    audit: input.audit,
  }
  const recorded = await appendDecidedEdit(deps, target, async ({ terms, now }) => {
    const balances = contractBalancesAt(terms, now)
    const problems = checkManualBalanceEntry(
      [...balances.commits, ...balances.credits],
      terms.id,
      input.balanceId,
      { ...adjustment, perGroupAmounts: input.perGroupAmounts },
    )
    if (problems.length > 0) return err(invalidRequest(problems))
    return ok({
      kind: 'addManualBalanceEntry',
      balanceId: input.balanceId,
      adjustment,
      perGroupAmounts: input.perGroupAmounts,
    })
  })
  return recorded.ok ? ok({ level: 'contract', terms: recorded.value.terms }) : recorded
}

async function addToCustomerBalance(
  deps: AppDeps,
  input: ManualBalanceEntryInput,
): Promise<Result<ManualBalanceEntryTarget, DomainError>> {
  const added = await addCustomerBalanceEntry(deps, {
    customerId: input.customerId,
    balanceId: input.balanceId,
    adjustment: {
      segmentId: input.segmentId,
      amount: input.amount,
      reason: input.reason,
      timestamp: input.timestamp,
      perGroupAmounts: input.perGroupAmounts,
    },
    audit: input.audit,
  })
  if (!added.ok) return added
  if (added.value !== null) return ok({ level: 'customer', balance: added.value })
  // No customer-level balance: say so, or that the id is a contract's and needs its contract.
  const found = await findContractWithBalance(
    deps.store,
    input.audit.caller.clientId,
    input.customerId,
    ['COMMIT', 'CREDIT'],
    input.balanceId,
    deps.clock.now(),
  )
  if (found !== null) {
    return err(
      domainError(
        'invalid_argument',
        `body.contract_id is required: ${input.balanceId} is a ${found.kind === 'COMMIT' ? 'commit' : 'credit'} of contract ${found.contractId}, not a customer-level one`,
      ),
    )
  }
  return err(
    domainError(
      'invalid_argument',
      `body.id names no customer-level commit or credit of this customer (${input.balanceId}); give contract_id for a contract's`,
    ),
  )
}
