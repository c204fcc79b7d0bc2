/** POST /v2/contracts/getEditHistory — `v2.contracts.getEditHistory`: edits, oldest first. */
import { getEditHistory } from '../../../app/contracts/get-edit-history.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiContractEdit } from './edit-convert.js'

export default defineOperation('getContractEditHistory-v2', async ({ body, caller }, { app }) => {
  const found = await getEditHistory(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    contractId: body.contract_id,
  })
  if (!found.ok) return found
  const { edits, terms, names } = found.value
  return ok({ data: edits.map((edit) => toApiContractEdit(edit, terms, names)) })
})
