/**
 * POST /v2/contracts/credits/edit — `v2.contracts.editCredit`: a contract's credit, a started
 * recurring instance of one, or a customer-level credit (decision 0014).
 */
import { editCredit } from '../../../app/contracts/edit-credit.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiEditCredit } from './edit-convert.js'

export default defineOperation('editCredit-v2', async ({ body, audit }, { app }) => {
  const { update, scope, problems } = fromApiEditCredit(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const edited = await editCredit(app, { customerId: body.customer_id, update, scope, audit })
  return edited.ok ? ok({ data: { id: body.credit_id } }) : edited
})
