/** POST /v2/contracts/commits/retire (not in the SDK: `client.post`). */
import { retireCommits } from '../../../app/contracts/retire-commit.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('retireCommits-v2', async ({ body, audit }, { app }) => {
  const retired = await retireCommits(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    commitIds: body.commit_ids,
    dryRun: body.dry_run ?? false,
    audit,
  })
  if (!retired.ok) return retired
  const { retiredCommitIds, skipped } = retired.value
  return ok({
    data: {
      retired_count: retiredCommitIds.length,
      retired_commit_ids: [...retiredCommitIds],
      skipped_count: skipped.length,
      skipped_reasons: skipped.map((item) => ({ commit_id: item.commitId, reason: item.reason })),
    },
  })
})
