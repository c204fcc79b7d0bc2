/** What getRates and getRateSchedule answer with: rate segments with their product's view. */
import type { DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import { productAsOf, type Product, type ProductView } from '../../domain/pricing/product.js'
import { byProductOrder, effectiveProductOrder } from '../../domain/pricing/product-order.js'
import type { RateCardEntry, RateSegment } from '../../domain/pricing/rate-card.js'
import type { RateCardDetails } from '../../domain/pricing/rate-card-details.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { creditTypesOf, rateCardNotFound } from './rate-card-support.js'

export interface RateRow {
  readonly segment: RateSegment
  /** The product as of the instant the row is about. */
  readonly product: ProductView
}

export interface RateRows {
  /** In the card's product order; within a product, by start, then by the order added. */
  readonly rows: readonly RateRow[]
  readonly creditTypes: ReadonlyMap<string, CreditType>
}

export interface LoadedCard {
  readonly card: RateCardDetails
  readonly rates: readonly RateCardEntry[]
  readonly products: ReadonlyMap<string, Product>
  readonly creditTypes: ReadonlyMap<string, CreditType>
}

export async function loadCardWithRates(
  deps: AppDeps,
  clientId: string,
  rateCardId: string,
): Promise<Result<LoadedCard, DomainError>> {
  const card = await deps.store.findRateCard(clientId, rateCardId)
  if (!card) return err(rateCardNotFound(rateCardId))
  const rates = await deps.store.findRates(clientId, card.id)
  const productIds = [...new Set(rates.map((rate) => rate.productId))]
  const products = await deps.store.findProducts(clientId, productIds)
  return ok({
    card,
    rates,
    products: new Map(products.map((product) => [product.id, product])),
    creditTypes: await creditTypesOf(deps.store, clientId),
  })
}

export function productOf(loaded: LoadedCard, productId: string): Product {
  const product = loaded.products.get(productId)
  // Rates reference products by foreign key, and products are never deleted.
  if (!product) throw new Error(`rate card ${loaded.card.id} prices missing product ${productId}`)
  return product
}

export function toRateRows(
  loaded: LoadedCard,
  segments: readonly RateSegment[],
  viewAt: (segment: RateSegment) => Date,
): RateRows {
  const order = effectiveProductOrder(
    loaded.card.productOrder,
    loaded.rates.map((rate) => rate.productId),
  )
  const rows = byProductOrder(segments, order, (segment) => segment.entry.productId).map(
    (segment) => ({
      segment,
      product: productAsOf(productOf(loaded, segment.entry.productId), viewAt(segment)),
    }),
  )
  return { rows, creditTypes: loaded.creditTypes }
}
