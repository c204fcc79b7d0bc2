import { ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateCustomerWith } from './update-customer.js'

/**
 * Archives a customer. It stays readable by id and keeps its aliases reserved. Archiving an
 * archived customer changes nothing and succeeds, so retries are safe.
 */
export function archiveCustomer(deps: AppDeps, input: { customerId: string; audit: AuditContext }) {
  return updateCustomerWith(
    deps,
    input.customerId,
    input.audit,
    'customer.archive',
    (customer, now) => ok({ ...customer, archivedAt: customer.archivedAt ?? now }),
  )
}
