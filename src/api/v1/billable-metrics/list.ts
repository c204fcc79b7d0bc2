/** GET /v1/billable-metrics — `v1.billableMetrics.list`. */
import { listBillableMetrics } from '../../../app/billable-metrics/list-billable-metrics.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../pagination.js'
import { toApiBillableMetric } from './convert.js'

export default defineOperation('listAllBillableMetrics-v1', async ({ query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  const rows = await listBillableMetrics(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
    includeArchived: query.include_archived ?? false,
    ids: null,
  })
  return ok(keysetPage(rows, limit, toApiBillableMetric))
})
