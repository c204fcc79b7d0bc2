/** POST /v1/customers/archive — `v1.customers.archive`. */
import { archiveCustomer } from '../../../app/customers/archive-customer.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archiveCustomer-v1', async ({ body, audit }, { app }) => {
  const archived = await archiveCustomer(app, { customerId: body.id, audit })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
