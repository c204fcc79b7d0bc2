/**
 * POST /v1/contracts/customerCommits/list — `v1.customers.commits.list`. Body pagination, at most
 * 25 per page (the spec's limit).
 */
import { defineOperation } from '../../../operation.js'
import { listBalancesPage } from './convert.js'

export default defineOperation(
  'listCustomerCommits-v1',
  async ({ body, caller }, { app }) =>
    (await listBalancesPage(app, caller.clientId, body, {
      kind: 'COMMIT',
      ...(body.commit_id === undefined ? {} : { id: body.commit_id }),
      ...(body.include_contract_commits === undefined
        ? {}
        : { includeContract: body.include_contract_commits }),
    })) as never,
)
