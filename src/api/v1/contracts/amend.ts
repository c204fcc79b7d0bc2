/** POST /v1/contracts/amend — `v1.contracts.amend`: adds terms effective `starting_at`. */
import { amendContract } from '../../../app/contracts/amend-contract.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiAmend } from '../../v2/contracts/edit-convert.js'

export default defineOperation('amendContract-v1', async ({ body, audit }, { app }) => {
  const { input, problems } = fromApiAmend(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const amended = await amendContract(app, { request: input, audit })
  return amended.ok ? ok({ data: { id: amended.value.edit.id } }) : amended
})
