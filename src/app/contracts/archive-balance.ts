import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { customerNotFound } from './contract-support.js'
import {
  findContractWithBalance,
  recordTermEdit,
  type RecordedTermEdit,
} from './term-edit-support.js'

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
  if (!(await deps.store.findCustomer(clientId, input.customerId))) {
    return err(customerNotFound(input.customerId))
  }
  const contractId = await findContractWithBalance(
    deps.store,
    clientId,
    input.customerId,
    kind,
    input.balanceId,
  )
  if (contractId === null) {
    return err(
      domainError(
        'invalid_argument',
        `body.${idField} names no ${what} of this customer's contracts (${input.balanceId})`,
      ),
    )
  }
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
