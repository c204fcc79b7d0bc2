/** What the rate-card use cases share: errors, credit types, and the checks every new rate meets. */
import { domainError, type DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import { productAsOf, type Product } from '../../domain/pricing/product.js'
import {
  checkNewRate,
  checkRateForProduct,
  type NewRate,
  type RateCardEntry,
} from '../../domain/pricing/rate-card.js'
import {
  checkRateCreditType,
  type RateCardDetails,
} from '../../domain/pricing/rate-card-details.js'
import { describeProblems, type Problem } from '../../domain/problem.js'
import type { AppDeps } from '../deps.js'
import { listAll } from '../list-all.js'
import type { StoreSession } from '../ports.js'

export const RATE_CARD_RESOURCE = 'rate_card'

export function rateCardNotFound(id: string): DomainError {
  return domainError('not_found', `Rate card ${id} not found`)
}

export function invalidRequest(problems: readonly Problem[]): DomainError {
  return domainError('invalid_argument', describeProblems(problems))
}

/** The client's credit types by id (a handful of rows: fiat currencies and custom units). */
export async function creditTypesOf(
  session: StoreSession,
  clientId: string,
): Promise<Map<string, CreditType>> {
  const all = await listAll((after, limit) => session.listCreditTypes(clientId, limit, after))
  return new Map(all.map((creditType) => [creditType.id, creditType]))
}

/**
 * A rate as the caller sent it: `credit_type_id` may be absent. It then means the card's fiat
 * currency (the spec says USD cents, which is every card's fiat unless told otherwise, and a
 * card in another currency could not take a USD rate). PERCENTAGE rates carry none: they are a
 * share of other spend, in that spend's unit.
 */
export function withCreditType(rate: NewRate, card: Pick<RateCardDetails, 'fiatCreditTypeId'>) {
  const creditTypeId =
    rate.rate.rateType === 'PERCENTAGE' ? null : (rate.rate.creditTypeId ?? card.fiatCreditTypeId)
  return { ...rate, rate: { ...rate.rate, creditTypeId } }
}

/**
 * Checks rates about to be added to a card, every problem named under `rootOf(index)`: the
 * product exists and, as of the rate's start, takes it; the terms are valid; the bounds are on
 * hours; the credit type is one the card prices in; and no rate of the same key starts at the
 * same instant, counting the rates earlier in the same request.
 */
export function checkNewRates(
  card: RateCardDetails,
  existing: readonly RateCardEntry[],
  rates: readonly NewRate[],
  products: ReadonlyMap<string, Product>,
  rootOf: (index: number) => string,
): Problem[] {
  const problems: Problem[] = []
  const accepted: RateCardEntry[] = [...existing]
  rates.forEach((rate, index) => {
    const root = rootOf(index)
    const product = products.get(rate.productId)
    const found = product
      ? checkRateForProduct(rate, productAsOf(product, rate.startingAt), root)
      : [{ field: `${root}.product_id`, message: `names no product (${rate.productId})` }]
    const rateProblems = [
      ...found,
      ...checkNewRate({ rates: accepted }, rate, root),
      ...checkRateCreditType(card, rate, root),
    ]
    problems.push(...rateProblems)
    // Not stored yet: a clash with it is reported under its field path instead of an id.
    accepted.push({ ...rate, id: root, createdAt: new Date(0) })
  })
  return problems
}

/** The products the rates name, by id. */
export async function productsFor(
  session: StoreSession,
  clientId: string,
  rates: readonly Pick<NewRate, 'productId'>[],
): Promise<Map<string, Product>> {
  const ids = [...new Set(rates.map((rate) => rate.productId))]
  const found = await session.findProducts(clientId, ids)
  return new Map(found.map((product) => [product.id, product]))
}

/** Entries for rates that passed `checkNewRates`. */
export function entriesFor(
  deps: Pick<AppDeps, 'ids'>,
  rates: readonly NewRate[],
  now: Date,
): RateCardEntry[] {
  return rates.map((rate) => ({ ...rate, id: deps.ids.newId(), createdAt: now }))
}
