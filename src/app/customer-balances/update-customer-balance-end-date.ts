/**
 * `customerCommits/updateEndDate`, `customerCredits/updateEndDate`: shortens a customer-level
 * PREPAID commit's or credit's access (and a commit's invoicing). Locks the row, decides with
 * the pure rule, writes with the audit entry in one transaction (`writeCustomerBalance`).
 */
import {
  checkEndDateUpdate,
  withEndDates,
  type CustomerBalance,
  type EndDateUpdate,
} from '../../domain/contracts/customer-balances.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { writeCustomerBalance } from './write-customer-balance.js'

export async function updateCustomerBalanceEndDate(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly kind: 'COMMIT' | 'CREDIT'
    readonly id: string
    readonly update: EndDateUpdate
    readonly audit: AuditContext
  },
): Promise<Result<CustomerBalance, DomainError>> {
  const target = {
    customerId: input.customerId,
    kinds: [input.kind],
    id: input.id,
    verb: 'update_end_date',
    audit: input.audit,
  }
  const written = await writeCustomerBalance(deps, target, async ({ balance }) => {
    const problems = checkEndDateUpdate(balance, input.update)
    if (problems.length > 0) return err(invalidRequest(problems))
    return ok(withEndDates(balance, input.update))
  })
  if (!written.ok) return written
  if (written.value !== null) return ok(written.value)
  const noun = input.kind === 'COMMIT' ? 'commit' : 'credit'
  return err(domainError('not_found', `Customer-level ${noun} ${input.id} not found`))
}
