/** POST /v2/contracts/commits/edit — `v2.contracts.editCommit`. */
import { editCommit } from '../../../app/contracts/edit-commit.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiEditCommit } from './edit-convert.js'

export default defineOperation('editCommit-v2', async ({ body, audit }, { app }) => {
  const { update, problems } = fromApiEditCommit(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const edited = await editCommit(app, { customerId: body.customer_id, update, audit })
  return edited.ok ? ok({ data: { id: body.commit_id } }) : edited
})
