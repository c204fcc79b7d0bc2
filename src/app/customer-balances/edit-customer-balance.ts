/**
 * `commits/edit` and `credits/edit` naming a customer-level commit or credit (decision 0014):
 * the same update a contract's balance takes (`checkBalanceUpdate`, `applyBalanceUpdate`), plus
 * the customer-level scope (`applicable_contract_ids`, `invoice_contract_id`) judged on the
 * edited balance with the create's rules. The edited balance replaces the stored one.
 */
import {
  checkBalanceUpdate,
  newBalanceUpdate,
  productIdsOfUpdates,
  type BalanceUpdateInput,
} from '../../domain/contracts/contract-edits.js'
import {
  checkCustomerScopeEdit,
  withCustomerBalanceEdit,
  type CustomerBalance,
  type CustomerScopeUpdate,
} from '../../domain/contracts/customer-balances.js'
import type { DomainError } from '../../domain/errors.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { productsById } from '../contracts/term-edit-support.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { customerContractIds, writeCustomerBalance } from './write-customer-balance.js'

export interface CustomerBalanceEditInput {
  readonly customerId: string
  readonly update: BalanceUpdateInput
  readonly scope: CustomerScopeUpdate
  readonly audit: AuditContext
}

/** The edited balance; `ok(null)` when the id names no customer-level balance of this kind. */
export async function editCustomerBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: CustomerBalanceEditInput,
): Promise<Result<CustomerBalance | null, DomainError>> {
  const clientId = input.audit.caller.clientId
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const target = {
    customerId: input.customerId,
    kinds: [kind],
    id: input.update.id,
    verb: 'edit',
    audit: input.audit,
  }
  return writeCustomerBalance(deps, target, async ({ session, balance }) => {
    const problems: Problem[] = []
    const products = await productsById(session, clientId, productIdsOfUpdates([input.update]))
    checkBalanceUpdate(balance, input.update, 'body', { products }, (field, message) =>
      problems.push({ field: field === 'body' ? `body.${idField}` : field, message }),
    )
    const update = newBalanceUpdate(input.update, () => deps.ids.newId())
    const edited = withCustomerBalanceEdit(balance, update, input.scope)
    const contracts = await customerContractIds(session, clientId, balance.customerId)
    problems.push(...checkCustomerScopeEdit(balance, edited, input.scope, contracts))
    if (problems.length > 0) return err(invalidRequest(problems))
    return ok(edited)
  })
}
