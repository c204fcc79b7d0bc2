import type { DomainError } from '../../domain/errors.js'
import { productAsOf } from '../../domain/pricing/product.js'
import { ratesAt, type RateSelector } from '../../domain/pricing/rate-card.js'
import { ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { loadCardWithRates, productOf, toRateRows, type RateRows } from './rate-rows.js'

/** getRates: the rates in force at `at` that any selector picks (all, without selectors). */
export async function getRates(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly rateCardId: string
    readonly at: Date
    readonly selectors: readonly RateSelector[]
  },
): Promise<Result<RateRows, DomainError>> {
  const loaded = await loadCardWithRates(deps, input.clientId, input.rateCardId)
  if (!loaded.ok) return loaded
  const tagsOf = (productId: string) =>
    productAsOf(productOf(loaded.value, productId), input.at).tags
  const segments = ratesAt({ rates: loaded.value.rates }, input.at, input.selectors, { tagsOf })
  return ok(toRateRows(loaded.value, segments, () => input.at))
}
