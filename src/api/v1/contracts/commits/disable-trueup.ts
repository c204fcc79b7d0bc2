/**
 * POST /v1/contracts/commits/disableTrueup (not in the TypeScript SDK). Answers the commit's
 * id: the commit is what the operation changes.
 */
import { disableCommitTrueup } from '../../../../app/contracts/disable-commit-trueup.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

// `amendment_id` is accepted: the contract's current commits include amended ones.
export default defineOperation('disableCommitTrueup-v1', async ({ body, audit }, { app }) => {
  const disabled = await disableCommitTrueup(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    commitId: body.commit_id,
    audit,
  })
  return disabled.ok ? ok({ data: { id: body.commit_id } }) : disabled
})
