/**
 * POST /v1/contracts/customerCredits/list — `v1.customers.credits.list`. Body pagination, at most
 * 25 per page (the spec's limit).
 */
import { defineOperation } from '../../../operation.js'
import { listBalancesPage } from './convert.js'

export default defineOperation(
  'listCustomerCredits-v1',
  async ({ body, caller }, { app }) =>
    (await listBalancesPage(app, caller.clientId, body, {
      kind: 'CREDIT',
      ...(body.credit_id === undefined ? {} : { id: body.credit_id }),
      ...(body.include_contract_credits === undefined
        ? {}
        : { includeContract: body.include_contract_credits }),
    })) as never,
)
