/** POST /v1/contract-pricing/rate-cards/addRates — `v1.contracts.rateCards.rates.addMany`. */
import { addRates } from '../../../../app/rate-cards/add-rates.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiRate } from './convert.js'

export default defineOperation('addRates-v1', async ({ body, audit }, { app }) => {
  const added = await addRates(app, {
    rateCardId: body.rate_card_id,
    rates: body.rates.map(fromApiRate),
    rootOf: (index) => `body.rates[${index}]`,
    action: 'rate_card.add_rates',
    audit,
  })
  return added.ok ? ok({ data: { id: body.rate_card_id } }) : added
})
