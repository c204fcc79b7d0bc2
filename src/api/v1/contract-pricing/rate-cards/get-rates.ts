/** POST /v1/contract-pricing/rate-cards/getRates — `v1.contracts.rateCards.rates.list`. */
import { getRates } from '../../../../app/rate-cards/get-rates.js'
import { defineOperation } from '../../../operation.js'
import { DEFAULT_PAGE_LIMIT } from '../../../pagination.js'
import { offsetPage } from '../../../pagination.js'
import { fromApiSelector, toApiRateRow } from './convert.js'

export default defineOperation('getRates-v1', async ({ body, query, caller }, { app }) => {
  const found = await getRates(app, {
    clientId: caller.clientId,
    rateCardId: body.rate_card_id,
    at: new Date(body.at),
    selectors: (body.selectors ?? []).map(fromApiSelector),
  })
  if (!found.ok) return found
  const { rows, creditTypes } = found.value
  return offsetPage(rows, query.next_page, query.limit ?? DEFAULT_PAGE_LIMIT, (row) =>
    toApiRateRow(row, creditTypes),
  )
})
