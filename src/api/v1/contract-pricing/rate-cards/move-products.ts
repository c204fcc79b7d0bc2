/**
 * POST /v1/contract-pricing/rate-cards/moveRateCardProducts —
 * `v1.contracts.rateCards.productOrders.update`.
 */
import { moveRateCardProducts } from '../../../../app/rate-cards/move-rate-card-products.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('moveRateCardProducts-v1', async ({ body, audit }, { app }) => {
  const moved = await moveRateCardProducts(app, {
    rateCardId: body.rate_card_id,
    moves: body.product_moves.map((move) => ({
      productId: move.product_id,
      position: move.position,
    })),
    audit,
  })
  return moved.ok ? ok({ data: { id: moved.value.id } }) : moved
})
