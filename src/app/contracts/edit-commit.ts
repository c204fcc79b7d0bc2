import {
  checkBalanceUpdate,
  newBalanceUpdate,
  productIdsOfUpdates,
  type BalanceUpdateInput,
} from '../../domain/contracts/contract-edits.js'
import {
  isScopeUpdate,
  type CustomerBalance,
  type CustomerScopeUpdate,
} from '../../domain/contracts/customer-balances.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { editCustomerBalance } from '../customer-balances/edit-customer-balance.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { contractBalanceAt } from './contract-balances.js'
import {
  contractOfBalance,
  productsById,
  recordTermEdit,
  type RecordedTermEdit,
} from './term-edit-support.js'

export interface EditBalanceInput {
  readonly customerId: string
  readonly update: BalanceUpdateInput
  /** The customer-level scope fields; only a customer-level balance takes them. */
  readonly scope: CustomerScopeUpdate
  readonly audit: AuditContext
}

/** What an edit or archive changed: a contract (the edit recorded) or a customer-level balance. */
export type EditedBalance =
  | ({ readonly level: 'contract' } & RecordedTermEdit)
  | { readonly level: 'customer'; readonly balance: CustomerBalance }

/**
 * commits/edit and credits/edit. A customer-level commit or credit is edited in place, scope
 * included (`editCustomerBalance`, decision 0014). Otherwise the id names one of a contract's
 * own commits or credits, or one of its recurring instances that has started, and the update is
 * recorded as an `editCommit` / `editCredit` edit of that contract (the reducer keeps an
 * instance's as a patch applied whenever the instance is derived). The customer-level scope
 * fields are refused on a contract's balance, as the spec says they cannot be set there.
 */
export async function editBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: EditBalanceInput,
): Promise<Result<EditedBalance, DomainError>> {
  const clientId = input.audit.caller.clientId
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = kind === 'COMMIT' ? 'commit' : 'credit'
  const customerLevel = await editCustomerBalance(deps, kind, input)
  if (!customerLevel.ok) return customerLevel
  if (customerLevel.value !== null) return ok({ level: 'customer', balance: customerLevel.value })
  const found = await contractOfBalance(deps, {
    clientId,
    customerId: input.customerId,
    kind,
    balanceId: input.update.id,
  })
  if (!found.ok) return found
  const target = {
    customerId: input.customerId,
    contractId: found.value,
    action: `contract.${what}.edit`,
    audit: input.audit,
  }
  const recorded = await recordTermEdit(deps, target, async ({ session, terms, now }) => {
    const balance = contractBalanceAt(terms, now, kind, input.update.id)
    if (!balance) {
      return err(domainError('invalid_argument', `body.${idField} names no ${what}`))
    }
    const products = await productsById(session, clientId, productIdsOfUpdates([input.update]))
    const problems: Problem[] = scopeOnContractBalance(input.scope, what)
    checkBalanceUpdate(balance, input.update, 'body', { products }, (field, message) =>
      problems.push({ field: field === 'body' ? `body.${idField}` : field, message }),
    )
    if (problems.length > 0) return err(invalidRequest(problems))
    const update = newBalanceUpdate(input.update, () => deps.ids.newId())
    return ok({ kind: kind === 'COMMIT' ? 'editCommit' : 'editCredit', update })
  })
  return recorded.ok ? ok({ level: 'contract', ...recorded.value }) : recorded
}

/** The spec: the customer-level scope "cannot be set on a contract-level" commit or credit. */
function scopeOnContractBalance(scope: CustomerScopeUpdate, what: string): Problem[] {
  if (!isScopeUpdate(scope)) return []
  const message = `cannot be set on a contract's ${what}, only on a customer-level one`
  return [
    ...(scope.applicableContractIds === undefined
      ? []
      : [{ field: 'body.applicable_contract_ids', message }]),
    ...(scope.invoiceContractId === undefined
      ? []
      : [{ field: 'body.invoice_contract_id', message }]),
  ]
}

/** commits/edit. */
export function editCommit(
  deps: AppDeps,
  input: EditBalanceInput,
): Promise<Result<EditedBalance, DomainError>> {
  return editBalance(deps, 'COMMIT', input)
}
