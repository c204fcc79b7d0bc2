/** POST /v2/contracts/get — `v2.contracts.retrieve`; `as_of_date` replays the history to then. */
import { getContract } from '../../../app/contracts/get-contract.js'
import { domainError } from '../../../domain/errors.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiContractV2 } from './convert.js'

export default defineOperation('getContract-v2', async ({ body, caller }, { app }) => {
  if (body.as_of_date !== undefined && body.include_ledgers) {
    // The spec: as_of_date "cannot be used with include_ledgers".
    return err(
      domainError('invalid_argument', 'body.include_ledgers cannot be used with as_of_date'),
    )
  }
  const found = await getContract(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    contractId: body.contract_id,
    asOf: body.as_of_date === undefined ? null : new Date(body.as_of_date),
  })
  if (!found.ok) return found
  const options = {
    includeLedgers: body.include_ledgers ?? false,
    includeBalance: body.include_balance ?? false,
  }
  return ok({ data: toApiContractV2(found.value.view, found.value.names, options) })
})
