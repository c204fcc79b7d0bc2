import { productIdsOf } from '../../domain/contracts/contract.js'
import {
  checkEdit,
  isEditKeyUsed,
  newChanges,
  productIdsOfUpdates,
  type EditInput,
} from '../../domain/contracts/contract-edits.js'
import type { ContractChanges } from '../../domain/contracts/contract-edits.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { contractBalancesAt } from './contract-balances.js'
import { uniquenessKeyConflict } from './contract-support.js'
import { resolveProviderUpdates } from './provider-lookups.js'
import { productsById, recordTermEdit, type RecordedTermEdit } from './term-edit-support.js'

/**
 * v2 edit: every change of one request recorded as one `edit`, or nothing when any part is
 * refused. A `uniqueness_key` already used by an edit of this contract answers 409 (the key
 * guards against a retried edit being applied twice, so it is scoped to the contract).
 * `update_commits` / `update_credits` / `archive_commits` / `archive_credits` name the
 * contract's own balances or its recurring instances started by now (decision 0014), as the
 * single-balance operations do; the reducer keeps an instance's change as its patch.
 */
export async function editContract(
  deps: AppDeps,
  input: { readonly request: EditInput; readonly audit: AuditContext },
): Promise<Result<RecordedTermEdit, DomainError>> {
  const { request, audit } = input
  const target = { ...request, action: 'contract.edit', audit }
  return recordTermEdit(deps, target, async ({ session, terms, history, now }) => {
    const key = request.uniquenessKey
    const edits = history.edits as readonly { kind: string; changes?: ContractChanges }[]
    if (key !== undefined && isEditKeyUsed(edits, key)) return err(uniquenessKeyConflict)
    const products = await productsById(session, audit.caller.clientId, [
      ...productIdsOf(request.added),
      ...productIdsOfUpdates(request.commitUpdates),
      ...productIdsOfUpdates(request.creditUpdates),
    ])
    // Updates and archives may name a started recurring instance (decision 0014).
    const balances = contractBalancesAt(terms, now)
    const problems = checkEdit(terms, request, { products, balances }, now)
    const customer = await session.findCustomer(audit.caller.clientId, terms.customerId)
    const providers = customer
      ? resolveProviderUpdates(request, customer)
      : { ok: true as const, request }
    if (!providers.ok) problems.push(...providers.problems)
    if (problems.length > 0) return err(invalidRequest(problems))
    const changes = newChanges(terms, providers.ok ? providers.request : request, {
      newId: () => deps.ids.newId(),
      createdAt: now,
      createdBy: audit.caller.tokenName,
    })
    return ok({ kind: 'edit', changes })
  })
}
