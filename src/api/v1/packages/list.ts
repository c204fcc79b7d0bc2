/**
 * POST /v1/packages/list — `v1.packages.list`. The cursor and page size travel in the query,
 * the archive filter in the body.
 */
import { listPackages } from '../../../app/packages/list-packages.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../pagination.js'
import { toApiPackage } from './convert.js'

export default defineOperation('listPackages-v1', async ({ query, body, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  const { rows, names } = await listPackages(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
    archived: body.archive_filter ?? 'NOT_ARCHIVED',
  })
  return ok(keysetPage(rows, limit, (pkg) => toApiPackage(pkg, names)))
})
