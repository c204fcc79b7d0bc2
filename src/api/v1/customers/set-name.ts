/** POST /v1/customers/{customer_id}/setName — `v1.customers.setName`. */
import { setCustomerName } from '../../../app/customers/set-customer-name.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiCustomer } from './convert.js'

export default defineOperation('setCustomerName-v1', async ({ params, body, audit }, { app }) => {
  const renamed = await setCustomerName(app, {
    customerId: params.customer_id,
    name: body.name,
    audit,
  })
  return renamed.ok ? ok({ data: toApiCustomer(renamed.value) }) : renamed
})
