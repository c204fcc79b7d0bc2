/**
 * POST /v2/contracts/commits/edit — `v2.contracts.editCommit`: a contract's commit, a started
 * recurring instance of one, or a customer-level commit (decision 0014).
 */
import { editCommit } from '../../../app/contracts/edit-commit.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiEditCommit } from './edit-convert.js'

export default defineOperation('editCommit-v2', async ({ body, audit }, { app }) => {
  const { update, scope, problems } = fromApiEditCommit(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const edited = await editCommit(app, { customerId: body.customer_id, update, scope, audit })
  return edited.ok ? ok({ data: { id: body.commit_id } }) : edited
})
