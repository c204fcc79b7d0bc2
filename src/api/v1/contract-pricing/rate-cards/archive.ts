/** POST /v1/contract-pricing/rate-cards/archive — `v1.contracts.rateCards.archive`. */
import { archiveRateCard } from '../../../../app/rate-cards/archive-rate-card.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('archiveRateCard-v1', async ({ body, audit }, { app }) => {
  const archived = await archiveRateCard(app, { rateCardId: body.id, audit })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
