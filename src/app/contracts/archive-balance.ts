import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { contractOfBalance, recordTermEdit, type RecordedTermEdit } from './term-edit-support.js'

/**
 * commits/archive and credits/archive: the balance stops being drawn from and shows
 * `archived_at`. Archiving an archived one is refused (nothing would change). Without invoices
 * there is no unpaid invoice item to void yet.
 */
export async function archiveBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: { readonly customerId: string; readonly balanceId: string; readonly audit: AuditContext },
): Promise<Result<RecordedTermEdit, DomainError>> {
  const clientId = input.audit.caller.clientId
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = kind === 'COMMIT' ? 'commit' : 'credit'
  const found = await contractOfBalance(deps, {
    clientId,
    customerId: input.customerId,
    kind,
    balanceId: input.balanceId,
  })
  if (!found.ok) return found
  const contractId = found.value
  const target = {
    customerId: input.customerId,
    contractId,
    action: `contract.${what}.archive`,
    audit: input.audit,
  }
  return recordTermEdit(deps, target, async ({ terms }) => {
    const list = kind === 'COMMIT' ? terms.commits : terms.credits
    const balance = list.find((item) => item.id === input.balanceId)
    if (!balance) return err(domainError('invalid_argument', `body.${idField} names no ${what}`))
    if (balance.archivedAt !== null) {
      return err(domainError('invalid_argument', `body.${idField} names an archived ${what}`))
    }
    return ok({
      kind: kind === 'COMMIT' ? 'archiveCommit' : 'archiveCredit',
      balanceId: input.balanceId,
    })
  })
}
