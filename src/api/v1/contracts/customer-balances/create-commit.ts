/** POST /v1/contracts/customerCommits/create — `v1.customers.commits.create`. */
import { createCustomerBalance } from '../../../../app/customer-balances/create-customer-balance.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiCustomerCommit } from './convert.js'

export default defineOperation('createCustomerCommit-v1', async ({ body, audit }, { app }) => {
  const created = await createCustomerBalance(app, { request: fromApiCustomerCommit(body), audit })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
