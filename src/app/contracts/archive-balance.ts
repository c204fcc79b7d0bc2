import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { archiveCustomerBalance } from '../customer-balances/archive-customer-balance.js'
import type { AppDeps } from '../deps.js'
import { contractBalanceAt } from './contract-balances.js'
import type { EditedBalance } from './edit-commit.js'
import { contractOfBalance, recordTermEdit } from './term-edit-support.js'

/**
 * commits/archive and credits/archive: the balance stops being drawn from and shows
 * `archived_at`. A customer-level one is archived in place (decision 0014); a contract's own
 * commit or credit, or a started recurring instance of one, by an `archiveCommit` /
 * `archiveCredit` edit of its contract. Archiving an archived one is refused (nothing would
 * change). Without invoices there is no unpaid invoice item to void yet.
 */
export async function archiveBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: { readonly customerId: string; readonly balanceId: string; readonly audit: AuditContext },
): Promise<Result<EditedBalance, DomainError>> {
  const clientId = input.audit.caller.clientId
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = kind === 'COMMIT' ? 'commit' : 'credit'
  const customerLevel = await archiveCustomerBalance(deps, kind, {
    customerId: input.customerId,
    id: input.balanceId,
    audit: input.audit,
  })
  if (!customerLevel.ok) return customerLevel
  if (customerLevel.value !== null) return ok({ level: 'customer', balance: customerLevel.value })
  const found = await contractOfBalance(deps, {
    clientId,
    customerId: input.customerId,
    kind,
    balanceId: input.balanceId,
  })
  if (!found.ok) return found
  const target = {
    customerId: input.customerId,
    contractId: found.value,
    action: `contract.${what}.archive`,
    audit: input.audit,
  }
  const recorded = await recordTermEdit(deps, target, async ({ terms, now }) => {
    const balance = contractBalanceAt(terms, now, kind, input.balanceId)
    if (!balance) return err(domainError('invalid_argument', `body.${idField} names no ${what}`))
    if (balance.archivedAt !== null) {
      return err(domainError('invalid_argument', `body.${idField} names an archived ${what}`))
    }
    return ok({
      kind: kind === 'COMMIT' ? 'archiveCommit' : 'archiveCredit',
      balanceId: input.balanceId,
    })
  })
  return recorded.ok ? ok({ level: 'contract', ...recorded.value }) : recorded
}
