/** POST /v1/contracts/updateEndDate — `v1.contracts.updateEndDate`. */
import { updateContractEndDate } from '../../../app/contracts/update-contract-end-date.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

// `allow_ending_before_finalized_invoice` is accepted by the schema; with no finalized
// invoices yet it cannot change the outcome.
export default defineOperation('updateContractEndDate-v1', async ({ body, audit }, { app }) => {
  const updated = await updateContractEndDate(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    endingBefore: body.ending_before === undefined ? null : new Date(body.ending_before),
    audit,
  })
  return updated.ok ? ok({ data: { id: updated.value.id } }) : updated
})
