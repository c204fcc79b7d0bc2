/** POST /v1/contracts/customerCredits/create — `v1.customers.credits.create`. */
import { createCustomerBalance } from '../../../../app/customer-balances/create-customer-balance.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiCustomerCredit } from './convert.js'

export default defineOperation('createCustomerCredit-v1', async ({ body, audit }, { app }) => {
  const created = await createCustomerBalance(app, { request: fromApiCustomerCredit(body), audit })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
