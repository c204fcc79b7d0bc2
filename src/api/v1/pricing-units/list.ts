/** GET /v1/credit-types/list — `v1.pricingUnits.list`. */
import { listCreditTypes } from '../../../app/pricing/list-credit-types.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, UUID_KEY, decodeCursor, keysetPage } from '../../pagination.js'

export default defineOperation('listCreditTypes-v1', async ({ query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, UUID_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  // One extra row tells whether another page exists without a second query.
  const rows = await listCreditTypes(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
  })
  return ok(
    keysetPage(rows, limit, (item) => ({
      id: item.id,
      name: item.name,
      is_currency: item.isCurrency,
    })),
  )
})
