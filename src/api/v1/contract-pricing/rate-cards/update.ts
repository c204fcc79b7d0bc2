/** POST /v1/contract-pricing/rate-cards/update — `v1.contracts.rateCards.update`. */
import { updateRateCard } from '../../../../app/rate-cards/update-rate-card.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiAlias, fromApiConversion } from './convert.js'

export default defineOperation('updateRateCard-v1', async ({ body, audit }, { app }) => {
  const updated = await updateRateCard(app, {
    rateCardId: body.rate_card_id,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.description === undefined ? {} : { description: body.description }),
    ...(body.aliases === undefined ? {} : { aliases: body.aliases.map(fromApiAlias) }),
    ...(body.add_credit_type_conversions === undefined
      ? {}
      : { addCreditTypeConversions: body.add_credit_type_conversions.map(fromApiConversion) }),
    audit,
  })
  return updated.ok ? ok({ data: { id: updated.value.id } }) : updated
})
