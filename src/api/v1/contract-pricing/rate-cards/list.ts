/** POST /v1/contract-pricing/rate-cards/list — `v1.contracts.rateCards.list`. */
import { listRateCards } from '../../../../app/rate-cards/list-rate-cards.js'
import { err, ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../../pagination.js'
import { toApiRateCard } from './convert.js'

export default defineOperation('listRateCards-v1', async ({ query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT
  // One extra row tells whether another page exists without a second query.
  const { rows, creditTypes } = await listRateCards(app, {
    clientId: caller.clientId,
    limit: limit + 1,
    after: cursor.value?.position ?? null,
  })
  return ok(keysetPage(rows, limit, (card) => toApiRateCard(card, creditTypes)))
})
