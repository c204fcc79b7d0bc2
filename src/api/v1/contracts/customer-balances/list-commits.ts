/**
 * POST /v1/contracts/customerCommits/list — `v1.customers.commits.list`. Body pagination, at most
 * 25 per page (the spec's limit).
 */
import { listCustomerBalances } from '../../../../app/customer-balances/list-customer-balances.js'
import { offsetPage } from '../../../pagination.js'
import { defineOperation } from '../../../operation.js'
import { namesForBalances, toApiListedBalance } from './convert.js'

export default defineOperation('listCustomerCommits-v1', async ({ body, caller }, { app }) => {
  const listed = await listCustomerBalances(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    kind: 'COMMIT',
    id: body.commit_id ?? null,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
    startingAt: body.starting_at ? new Date(body.starting_at) : null,
    effectiveBefore: body.effective_before ? new Date(body.effective_before) : null,
    includeContractBalances: body.include_contract_commits ?? false,
    includeArchived: body.include_archived ?? false,
  })
  if (!listed.ok) return listed
  const names = await namesForBalances(
    app.store,
    caller.clientId,
    listed.value.balances,
    app.clock.now(),
  )
  const options = {
    includeLedgers: body.include_ledgers ?? false,
    includeBalance: body.include_balance ?? false,
    manualAdjustments: listed.value.manualAdjustments,
    renewals: listed.value.renewals,
  }
  return offsetPage(listed.value.balances, body.next_page, body.limit ?? 25, (balance) =>
    toApiListedBalance(balance, names, options),
  ) as never
})
