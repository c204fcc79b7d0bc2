import { customerName } from '../../domain/customers/customer.js'
import { ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateCustomerWith } from './update-customer.js'

export function setCustomerName(
  deps: AppDeps,
  input: { customerId: string; name: string; audit: AuditContext },
) {
  return updateCustomerWith(deps, input.customerId, input.audit, 'customer.set_name', (customer) =>
    ok({ ...customer, name: customerName(input.name) }),
  )
}
