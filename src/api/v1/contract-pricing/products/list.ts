/**
 * POST /v1/contract-pricing/products/list — `v1.contracts.products.list`. The cursor and page
 * size travel in the query (the SDK's CursorPage), the archive filter in the body.
 */
import { listProducts } from '../../../../app/products/list-products.js'
import { err, ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../../pagination.js'
import { toApiProduct } from './convert.js'

export default defineOperation('listProducts-v1', async ({ query, body, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  const rows = await listProducts(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
    archived: body.archive_filter ?? 'NOT_ARCHIVED',
  })
  const now = app.clock.now()
  return ok(keysetPage(rows, limit, (product) => toApiProduct(product, now)))
})
