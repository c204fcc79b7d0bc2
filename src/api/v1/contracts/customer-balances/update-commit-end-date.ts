/** POST /v1/contracts/customerCommits/updateEndDate — `v1.customers.commits.updateEndDate`. */
import { updateCustomerBalanceEndDate } from '../../../../app/customer-balances/update-customer-balance-end-date.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('updateCommitEndDate-v1', async ({ body, audit }, { app }) => {
  const updated = await updateCustomerBalanceEndDate(app, {
    customerId: body.customer_id,
    kind: 'COMMIT',
    id: body.commit_id,
    update: {
      accessEndingBefore: body.access_ending_before ? new Date(body.access_ending_before) : null,
      invoicesEndingBefore: body.invoices_ending_before
        ? new Date(body.invoices_ending_before)
        : null,
    },
    audit,
  })
  return updated.ok ? ok({ data: { id: updated.value.id } }) : updated
})
