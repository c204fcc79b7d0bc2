/**
 * POST /v2/contracts/commits/archive (not in the SDK: `client.post`): a contract's commit, a started
 * recurring instance of one, or a customer-level commit (decision 0014).
 */
import { archiveBalance } from '../../../app/contracts/archive-balance.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archiveCommit-v2', async ({ body, audit }, { app }) => {
  const archived = await archiveBalance(app, 'COMMIT', {
    customerId: body.customer_id,
    balanceId: body.commit_id,
    audit,
  })
  return archived.ok ? ok({ data: { id: body.commit_id } }) : archived
})
