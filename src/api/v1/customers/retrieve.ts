/** GET /v1/customers/{customer_id} — `v1.customers.retrieve`. */
import { getCustomer } from '../../../app/customers/get-customer.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiCustomerDetail } from './convert.js'

export default defineOperation('getCustomer-v1', async ({ params, caller }, { app }) => {
  const found = await getCustomer(app, {
    clientId: caller.clientId,
    customerId: params.customer_id,
  })
  return found.ok ? ok({ data: toApiCustomerDetail(found.value, app.clock.now()) }) : found
})
