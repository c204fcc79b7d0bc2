/** POST /v1/customers/{customer_id}/updateConfig — `v1.customers.updateConfig`. */
import { updateCustomerConfig } from '../../../app/customers/update-customer-config.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation(
  'updateCustomerConfig-v1',
  async ({ params, body, audit }, { app }) => {
    const updated = await updateCustomerConfig(app, {
      customerId: params.customer_id,
      salesforceAccountId: body.salesforce_account_id,
      leaveStripeInvoicesInDraft: body.leave_stripe_invoices_in_draft,
      audit,
    })
    return updated.ok ? ok(undefined) : updated
  },
)
