import { checkProductOrder } from '../../domain/pricing/product-order.js'
import { err, ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { changeRateCard } from './change-rate-card.js'
import { invalidRequest } from './rate-card-support.js'

/**
 * setRateCardProductsOrder: these products come first, in this order; products of the card not
 * named follow in the order their first rate was added. Every id must name a product.
 */
export function setRateCardProductsOrder(
  deps: AppDeps,
  input: {
    readonly rateCardId: string
    readonly productOrder: readonly string[]
    readonly audit: AuditContext
  },
) {
  return changeRateCard(
    deps,
    { rateCardId: input.rateCardId, audit: input.audit, action: 'rate_card.set_products_order' },
    async (card, { session, clientId }) => {
      const found = new Set(
        (await session.findProducts(clientId, input.productOrder)).map((product) => product.id),
      )
      const problems = checkProductOrder(input.productOrder, 'body.product_order')
      input.productOrder.forEach((productId, index) => {
        if (!found.has(productId)) {
          problems.push({ field: `body.product_order[${index}]`, message: 'names no product' })
        }
      })
      if (problems.length > 0) return err(invalidRequest(problems))
      return ok({ ...card, productOrder: [...input.productOrder] })
    },
  )
}
