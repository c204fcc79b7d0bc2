/** POST /v1/contracts/create — `v1.contracts.create`. */
import { createContract } from '../../../app/contracts/create-contract.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiCreate } from './convert.js'

export default defineOperation('createContract-v1', async ({ body, audit }, { app }) => {
  const { input, problems } = fromApiCreate(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const created = await createContract(app, { request: input, audit })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
