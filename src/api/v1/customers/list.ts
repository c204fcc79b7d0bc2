/** GET /v1/customers — `v1.customers.list`. */
import { listCustomers } from '../../../app/customers/list-customers.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../pagination.js'
import { toApiCustomerDetail } from './convert.js'

export default defineOperation('listCustomers-v1', async ({ query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  const rows = await listCustomers(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
    onlyArchived: query.only_archived ?? false,
    customerIds: query.customer_ids ?? null,
    ingestAlias: query.ingest_alias ?? null,
    salesforceAccountIds: query.salesforce_account_ids ?? null,
  })
  const now = app.clock.now()
  return ok(keysetPage(rows, limit, (item) => toApiCustomerDetail(item, now)))
})
