/** POST /v1/contract-pricing/rate-cards/addRate — `v1.contracts.rateCards.rates.add`. */
import { addRate } from '../../../../app/rate-cards/add-rate.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiRate, toApiRateWithCommitRate } from './convert.js'

export default defineOperation('addRate-v1', async ({ body, audit }, { app }) => {
  const { rate_card_id: rateCardId, ...payload } = body
  const added = await addRate(app, { rateCardId, rate: fromApiRate(payload), audit })
  return added.ok
    ? ok({ data: toApiRateWithCommitRate(added.value.entry, added.value.creditTypes) })
    : added
})
