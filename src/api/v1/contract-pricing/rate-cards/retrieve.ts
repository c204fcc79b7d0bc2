/** POST /v1/contract-pricing/rate-cards/get — `v1.contracts.rateCards.retrieve`. */
import { getRateCard } from '../../../../app/rate-cards/get-rate-card.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { toApiRateCard } from './convert.js'

export default defineOperation('getRateCard-v1', async ({ body, caller }, { app }) => {
  const found = await getRateCard(app, { clientId: caller.clientId, rateCardId: body.id })
  return found.ok ? ok({ data: toApiRateCard(found.value.card, found.value.creditTypes) }) : found
})
