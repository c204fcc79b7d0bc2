/** POST /v1/contracts/archive — `v1.contracts.archive`. */
import { archiveContract } from '../../../app/contracts/archive-contract.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archiveContract-v1', async ({ body, audit }, { app }) => {
  const archived = await archiveContract(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    voidInvoices: body.void_invoices,
    audit,
  })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
