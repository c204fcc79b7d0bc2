import {
  checkBalanceUpdate,
  newBalanceUpdate,
  productIdsOfUpdates,
  type BalanceUpdateInput,
} from '../../domain/contracts/contract-edits.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import {
  contractOfBalance,
  productsById,
  recordTermEdit,
  type RecordedTermEdit,
} from './term-edit-support.js'

export interface EditBalanceInput {
  readonly customerId: string
  readonly update: BalanceUpdateInput
  readonly audit: AuditContext
}

/**
 * commits/edit and credits/edit: one commit or credit of one of the customer's contracts
 * updated, as an `editCommit` / `editCredit` edit of that contract. Customer-level commits and
 * credits are not edited here yet: an id that names none of the contracts' is refused.
 */
export async function editBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: EditBalanceInput,
): Promise<Result<RecordedTermEdit, DomainError>> {
  const clientId = input.audit.caller.clientId
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = kind === 'COMMIT' ? 'commit' : 'credit'
  const found = await contractOfBalance(deps, {
    clientId,
    customerId: input.customerId,
    kind,
    balanceId: input.update.id,
  })
  if (!found.ok) return found
  const contractId = found.value
  const target = {
    customerId: input.customerId,
    contractId,
    action: `contract.${what}.edit`,
    audit: input.audit,
  }
  return recordTermEdit(deps, target, async ({ session, terms }) => {
    const list = kind === 'COMMIT' ? terms.commits : terms.credits
    const balance = list.find((item) => item.id === input.update.id)
    if (!balance) {
      return err(domainError('invalid_argument', `body.${idField} names no ${what}`))
    }
    const products = await productsById(session, clientId, productIdsOfUpdates([input.update]))
    const problems: Problem[] = []
    checkBalanceUpdate(balance, input.update, 'body', { products }, (field, message) =>
      problems.push({ field: field === 'body' ? `body.${idField}` : field, message }),
    )
    if (problems.length > 0) return err(invalidRequest(problems))
    const update = newBalanceUpdate(input.update, () => deps.ids.newId())
    return ok({ kind: kind === 'COMMIT' ? 'editCommit' : 'editCredit', update })
  })
}

/** commits/edit. */
export function editCommit(
  deps: AppDeps,
  input: EditBalanceInput,
): Promise<Result<RecordedTermEdit, DomainError>> {
  return editBalance(deps, 'COMMIT', input)
}
