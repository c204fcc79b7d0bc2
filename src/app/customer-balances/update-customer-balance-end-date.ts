/**
 * `customerCommits/updateEndDate`, `customerCredits/updateEndDate`: shortens a customer-level
 * PREPAID commit's or credit's access (and a commit's invoicing). Locks the row, decides with
 * the pure rule, writes with the audit entry in one transaction.
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
import { recordChange } from '../audit/record-change.js'
import { customerNotFound } from '../contracts/contract-support.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'

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
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  const noun = input.kind === 'COMMIT' ? 'commit' : 'credit'
  return deps.store.transaction(async (session) => {
    const customer = await session.findCustomer(clientId, input.customerId)
    if (!customer) return err(customerNotFound(input.customerId))
    const [balance] = await session.findCustomerBalances({
      clientId,
      customerId: customer.id,
      kind: input.kind,
      id: input.id,
      forUpdate: true,
    })
    if (!balance) {
      return err(domainError('not_found', `Customer-level ${noun} ${input.id} not found`))
    }
    const problems = checkEndDateUpdate(balance, input.update)
    if (problems.length > 0) return err(invalidRequest(problems))
    const updated = withEndDates(balance, input.update)
    await session.updateCustomerBalance(clientId, updated)
    const change = {
      action: `customer_${noun}.update_end_date`,
      resourceType: noun,
      resourceId: balance.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok(updated)
  })
}
