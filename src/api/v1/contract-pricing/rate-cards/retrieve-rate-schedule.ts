/**
 * POST /v1/contract-pricing/rate-cards/getRateSchedule —
 * `v1.contracts.rateCards.retrieveRateSchedule`.
 */
import { getRateSchedule } from '../../../../app/rate-cards/get-rate-schedule.js'
import { defineOperation } from '../../../operation.js'
import { DEFAULT_PAGE_LIMIT } from '../../../pagination.js'
import { offsetPage } from '../../../pagination.js'
import { fromApiSelector, toApiRateRow } from './convert.js'

export default defineOperation('getRateSchedule-v1', async ({ body, query, caller }, { app }) => {
  const found = await getRateSchedule(app, {
    clientId: caller.clientId,
    rateCardId: body.rate_card_id,
    range: {
      startingAt: new Date(body.starting_at),
      endingBefore: body.ending_before ? new Date(body.ending_before) : null,
    },
    selectors: (body.selectors ?? []).map(fromApiSelector),
  })
  if (!found.ok) return found
  const { rows, creditTypes } = found.value
  return offsetPage(rows, query.next_page, query.limit ?? DEFAULT_PAGE_LIMIT, (row) =>
    toApiRateRow(row, creditTypes),
  )
})
