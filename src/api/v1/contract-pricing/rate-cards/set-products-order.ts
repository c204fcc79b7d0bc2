/**
 * POST /v1/contract-pricing/rate-cards/setRateCardProductsOrder —
 * `v1.contracts.rateCards.productOrders.set`.
 */
import { setRateCardProductsOrder } from '../../../../app/rate-cards/set-rate-card-products-order.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('setRateCardProductsOrder-v1', async ({ body, audit }, { app }) => {
  const set = await setRateCardProductsOrder(app, {
    rateCardId: body.rate_card_id,
    productOrder: body.product_order,
    audit,
  })
  return set.ok ? ok({ data: { id: set.value.id } }) : set
})
