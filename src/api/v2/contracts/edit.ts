/** POST /v2/contracts/edit — `v2.contracts.edit`: one request's changes as one recorded edit. */
import { editContract } from '../../../app/contracts/edit-contract.js'
import { getEditHistory } from '../../../app/contracts/get-edit-history.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiEdit, toApiContractEdit } from './edit-convert.js'

export default defineOperation('editContract-v2', async ({ body, audit, caller }, { app }) => {
  const { input, problems } = fromApiEdit(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const edited = await editContract(app, { request: input, audit })
  if (!edited.ok) return edited
  // The edit as getEditHistory shows it (with product and credit type names).
  const history = await getEditHistory(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    contractId: body.contract_id,
  })
  const edit = edited.value.edit
  return ok({
    data: {
      id: edit.id,
      ...(history.ok
        ? { edit: toApiContractEdit(edit, history.value.terms, history.value.names) }
        : {}),
    },
  })
})
