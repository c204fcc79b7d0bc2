/** POST /v1/contracts/customerCredits/updateEndDate — `v1.customers.credits.updateEndDate`. */
import { updateCustomerBalanceEndDate } from '../../../../app/customer-balances/update-customer-balance-end-date.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('updateCreditEndDate-v1', async ({ body, audit }, { app }) => {
  const updated = await updateCustomerBalanceEndDate(app, {
    customerId: body.customer_id,
    kind: 'CREDIT',
    id: body.credit_id,
    update: {
      accessEndingBefore: body.access_ending_before ? new Date(body.access_ending_before) : null,
      invoicesEndingBefore: null,
    },
    audit,
  })
  return updated.ok ? ok({ data: { id: updated.value.id } }) : updated
})
