import type { Customer } from '../../domain/customers/customer.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'

export function customerNotFound(customerId: string): DomainError {
  return domainError('not_found', `Customer ${customerId} not found`)
}

/**
 * The shape every single-customer write shares: load the customer, decide the new state with
 * `change` (pure), persist it and its audit entry, all in one transaction.
 */
export async function updateCustomerWith(
  deps: AppDeps,
  customerId: string,
  audit: AuditContext,
  action: string,
  change: (customer: Customer, now: Date) => Result<Customer, DomainError>,
): Promise<Result<Customer, DomainError>> {
  const clientId = audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const customer = await session.findCustomer(clientId, customerId)
    if (!customer) return err(customerNotFound(customerId))
    const decided = change(customer, now)
    if (!decided.ok) return decided
    const updated = { ...decided.value, updatedAt: now }
    await session.updateCustomer(clientId, updated)
    const audited = { action, resourceType: 'customer', resourceId: customerId }
    await recordChange(deps, session, audit, audited, now)
    return ok(updated)
  })
}
