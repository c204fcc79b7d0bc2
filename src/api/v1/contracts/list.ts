/** POST /v1/contracts/list — `v1.contracts.list` (all of a customer's contracts, unpaged). */
import { listContracts } from '../../../app/contracts/list-contracts.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiContract } from './convert.js'

export default defineOperation('listContracts-v1', async ({ body, caller }, { app }) => {
  const listed = await listContracts(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    includeArchived: body.include_archived ?? false,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
    startingAt: body.starting_at ? new Date(body.starting_at) : null,
  })
  if (!listed.ok) return listed
  const options = {
    includeLedgers: body.include_ledgers ?? false,
    includeBalance: body.include_balance ?? false,
  }
  const { views, names } = listed.value
  return ok({ data: views.map((view) => toApiContract(view, names, options)) })
})
