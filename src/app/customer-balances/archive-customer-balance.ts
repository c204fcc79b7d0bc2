/**
 * `commits/archive` and `credits/archive` naming a customer-level commit or credit (decision
 * 0014): the balance shows `archived_at` and its ledger closes there (decision 0009, rule 7).
 * Archiving an archived one is refused, as for a contract's.
 */
import { withArchive, type CustomerBalance } from '../../domain/contracts/customer-balances.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { writeCustomerBalance } from './write-customer-balance.js'

/** The archived balance; `ok(null)` when the id names no customer-level balance of this kind. */
export async function archiveCustomerBalance(
  deps: AppDeps,
  kind: 'COMMIT' | 'CREDIT',
  input: { readonly customerId: string; readonly id: string; readonly audit: AuditContext },
): Promise<Result<CustomerBalance | null, DomainError>> {
  const idField = kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = kind === 'COMMIT' ? 'commit' : 'credit'
  const target = {
    customerId: input.customerId,
    kinds: [kind],
    id: input.id,
    verb: 'archive',
    audit: input.audit,
  }
  return writeCustomerBalance(deps, target, async ({ balance, now }) => {
    if (balance.archivedAt !== null) {
      return err(domainError('invalid_argument', `body.${idField} names an archived ${what}`))
    }
    return ok(withArchive(balance, now))
  })
}
