/**
 * POST /v1/contracts/setUsageFilter — `v1.contracts.setUsageFilter`. Answers an empty 200, as
 * the spec's response has no body.
 */
import { setUsageFilter } from '../../../app/contracts/set-usage-filter.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('setUsageFilter-v1', async ({ body, audit }, { app }) => {
  const set = await setUsageFilter(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    groupKey: body.group_key,
    groupValues: body.group_values,
    startingAt: new Date(body.starting_at),
    audit,
  })
  return set.ok ? ok(undefined) : set
})
