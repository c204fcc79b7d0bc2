/**
 * The order of products on a rate card, which is the order they appear on invoices (and, here,
 * in getRates/getRateSchedule answers). The card stores the products placed explicitly; every
 * other product on the card follows them in the order its first rate was added, so a product
 * gets a place as soon as it is priced and an explicit order only has to name what it moves.
 */
import type { Problem } from '../problem.js'

export function effectiveProductOrder(
  explicitOrder: readonly string[],
  productIdsInRateOrder: readonly string[],
): string[] {
  return [...new Set([...explicitOrder, ...productIdsInRateOrder])]
}

export function checkProductOrder(productOrder: readonly string[], root: string): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  productOrder.forEach((productId, index) => {
    if (seen.has(productId)) {
      problems.push({ field: `${root}[${index}]`, message: `repeats product ${productId}` })
    }
    seen.add(productId)
  })
  return problems
}

export interface ProductMove {
  readonly productId: string
  /** 0-based index of the product's new place. */
  readonly position: number
}

/**
 * Applies moves one after another: each takes its product out of the current order and puts it
 * back at `position` (so moving to the last place is `position: length - 1`). A product must
 * already be on the card, and a position must be a whole number within the order.
 */
export function moveProducts(
  order: readonly string[],
  moves: readonly ProductMove[],
  root: string,
): { readonly order: string[] } | { readonly problems: Problem[] } {
  const current = [...order]
  const problems: Problem[] = []
  moves.forEach((move, index) => {
    const at = `${root}[${index}]`
    const from = current.indexOf(move.productId)
    if (from < 0) {
      problems.push({ field: `${at}.product_id`, message: 'is not a product on this rate card' })
      return
    }
    if (!Number.isInteger(move.position) || move.position > current.length - 1) {
      problems.push({
        field: `${at}.position`,
        message: `must be a whole number from 0 to ${current.length - 1}`,
      })
      return
    }
    current.splice(from, 1)
    current.splice(move.position, 0, move.productId)
  })
  return problems.length > 0 ? { problems } : { order: current }
}

/** Sorts `items` by their product's place in `order`; ties keep their relative order. */
export function byProductOrder<T>(
  items: readonly T[],
  order: readonly string[],
  productIdOf: (item: T) => string,
): T[] {
  const place = new Map(order.map((productId, index) => [productId, index]))
  const rank = (item: T) => place.get(productIdOf(item)) ?? order.length
  return [...items].sort((a, b) => rank(a) - rank(b))
}
