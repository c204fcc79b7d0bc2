import { billableStatusAt, type BillableStatus } from '../../domain/customers/customer.js'
import { ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateCustomerWith } from './update-customer.js'

export interface SetBillableStatusInput {
  readonly customerId: string
  readonly status: BillableStatus
  readonly effectiveAt: Date
  readonly audit: AuditContext
}

/**
 * Schedules a billable-status change. A later change at the same instant replaces the earlier
 * one; the answer is the status in force now.
 */
export async function setBillableStatus(deps: AppDeps, input: SetBillableStatusInput) {
  const result = await updateCustomerWith(
    deps,
    input.customerId,
    input.audit,
    'customer.set_billable_status',
    (customer) =>
      ok({
        ...customer,
        billableStatusChanges: [
          ...customer.billableStatusChanges.filter(
            (change) => change.effectiveAt.getTime() !== input.effectiveAt.getTime(),
          ),
          { status: input.status, effectiveAt: input.effectiveAt },
        ].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()),
      }),
  )
  if (!result.ok) return result
  // The status in force at the instant of the write (its updatedAt), not a second clock read.
  const current = billableStatusAt(result.value.billableStatusChanges, result.value.updatedAt)
  return ok({ customer: result.value, currentStatus: current?.status ?? ('billable' as const) })
}
