import {
  effectiveProductOrder,
  moveProducts,
  type ProductMove,
} from '../../domain/pricing/product-order.js'
import { err, ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { changeRateCard } from './change-rate-card.js'
import { invalidRequest } from './rate-card-support.js'

/**
 * moveRateCardProducts: moves products of the card to new 0-based places in its current order,
 * one move after another. The whole resulting order is then stored as the explicit order.
 */
export function moveRateCardProducts(
  deps: AppDeps,
  input: {
    readonly rateCardId: string
    readonly moves: readonly ProductMove[]
    readonly audit: AuditContext
  },
) {
  return changeRateCard(
    deps,
    { rateCardId: input.rateCardId, audit: input.audit, action: 'rate_card.move_products' },
    async (card, { session, clientId }) => {
      const rates = await session.findRates(clientId, card.id)
      const current = effectiveProductOrder(
        card.productOrder,
        rates.map((rate) => rate.productId),
      )
      const moved = moveProducts(current, input.moves, 'body.product_moves')
      if ('problems' in moved) return err(invalidRequest(moved.problems))
      return ok({ ...card, productOrder: moved.order })
    },
  )
}
