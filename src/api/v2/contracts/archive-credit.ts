/**
 * POST /v2/contracts/credits/archive (not in the SDK: `client.post`): a contract's credit, a started
 * recurring instance of one, or a customer-level credit (decision 0014).
 */
import { archiveBalance } from '../../../app/contracts/archive-balance.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archiveCredit-v2', async ({ body, audit }, { app }) => {
  const archived = await archiveBalance(app, 'CREDIT', {
    customerId: body.customer_id,
    balanceId: body.credit_id,
    audit,
  })
  return archived.ok ? ok({ data: { id: body.credit_id } }) : archived
})
