import { productIdsOf } from '../../domain/contracts/contract.js'
import { checkAmend, newAmendment, type AmendInput } from '../../domain/contracts/contract-edits.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { productsById, recordTermEdit, type RecordedTermEdit } from './term-edit-support.js'

/** v1 amend: adds terms to the contract, effective `starting_at`, as one `amend` edit. */
export async function amendContract(
  deps: AppDeps,
  input: { readonly request: AmendInput; readonly audit: AuditContext },
): Promise<Result<RecordedTermEdit, DomainError>> {
  const { request, audit } = input
  const target = { ...request, action: 'contract.amend', audit }
  return recordTermEdit(deps, target, async ({ session, terms, now }) => {
    const products = await productsById(session, audit.caller.clientId, productIdsOf(request.added))
    const problems = checkAmend(terms, request, { products })
    if (problems.length > 0) return err(invalidRequest(problems))
    const amendment = newAmendment(terms, request, {
      newId: () => deps.ids.newId(),
      createdAt: now,
      createdBy: audit.caller.tokenName,
    })
    return ok({ kind: 'amend', amendment })
  })
}
