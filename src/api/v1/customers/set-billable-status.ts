/** POST /v1/customers/setBillableStatus (not in the TypeScript SDK; in the spec and seeds). */
import { setBillableStatus } from '../../../app/customers/set-billable-status.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('setCustomerBillableStatus-v1', async ({ body, audit }, { app }) => {
  const result = await setBillableStatus(app, {
    customerId: body.customer_id,
    status: body.billable_status,
    effectiveAt: new Date(body.effective_at),
    audit,
  })
  if (!result.ok) return result
  return ok({
    data: { id: result.value.customer.id, current_billable_status: result.value.currentStatus },
  })
})
