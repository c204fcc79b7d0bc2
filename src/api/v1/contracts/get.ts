/** POST /v1/contracts/get — `v1.contracts.retrieve`. */
import { getContract } from '../../../app/contracts/get-contract.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiContract } from './convert.js'

export default defineOperation('getContract-v1', async ({ body, caller }, { app }) => {
  const found = await getContract(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    contractId: body.contract_id,
    asOf: null,
  })
  if (!found.ok) return found
  const options = {
    includeLedgers: body.include_ledgers ?? false,
    includeBalance: body.include_balance ?? false,
  }
  return ok({ data: toApiContract(found.value.view, found.value.names, options) })
})
