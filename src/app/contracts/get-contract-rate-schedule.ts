import {
  contractRateSchedule,
  type ContractRateScheduleSegment,
} from '../../domain/contracts/contract-rates.js'
import type { DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import { productAsOf, type ProductView } from '../../domain/pricing/product.js'
import { byProductOrder, effectiveProductOrder } from '../../domain/pricing/product-order.js'
import type { RateSelector } from '../../domain/pricing/rate-card.js'
import { ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { creditTypesOf } from '../rate-cards/rate-card-support.js'
import { loadCardWithRates, productOf } from '../rate-cards/rate-rows.js'
import { findCustomerContract } from './find-customer-contract.js'

export interface ContractRateRow {
  readonly rateCardId: string
  readonly segment: ContractRateScheduleSegment
  /** The product as of the later of the segment's start and `at`. */
  readonly product: ProductView
}

export interface ContractRateRows {
  /** In the card's product order; within a product, by start, then by the order added. */
  readonly rows: readonly ContractRateRow[]
  readonly creditTypes: ReadonlyMap<string, CreditType>
}

/**
 * getContractRateSchedule: the contract's entitled rates in force at `at` (decision 0008,
 * rules 19–21): the rate card's rates as of then, with the contract's overrides applied. The
 * range is `[at, at + 1 ms)`, so each row's bounds show when its price began and ends. A
 * contract without a rate card has no rates.
 */
export async function getContractRateSchedule(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string
    readonly at: Date | null
    readonly selectors: readonly RateSelector[]
  },
): Promise<Result<ContractRateRows, DomainError>> {
  const found = await findCustomerContract(deps.store, input)
  if (!found.ok) return found
  const { terms } = found.value
  if (terms.rateCardId === null) {
    return ok({ rows: [], creditTypes: await creditTypesOf(deps.store, input.clientId) })
  }
  const loaded = await loadCardWithRates(deps, input.clientId, terms.rateCardId)
  // A contract's card is never deleted (cards are archived, and still price their contracts).
  if (!loaded.ok)
    throw new Error(`contract ${terms.id} names missing rate card ${terms.rateCardId}`)
  const card = loaded.value
  const at = input.at ?? deps.clock.now()
  const segments = contractRateSchedule(
    {
      rateCard: { rates: card.rates },
      productsById: card.products,
      overrides: terms.overrides,
      prioritization: terms.multiplierOverridePrioritization ?? 'LOWEST_MULTIPLIER',
    },
    { startingAt: at, endingBefore: new Date(at.getTime() + 1) },
    input.selectors,
  )
  const order = effectiveProductOrder(
    card.card.productOrder,
    card.rates.map((rate) => rate.productId),
  )
  const rows = byProductOrder(segments, order, (segment) => segment.productId).map(
    (segment): ContractRateRow => ({
      rateCardId: card.card.id,
      segment,
      product: productAsOf(
        productOf(card, segment.productId),
        segment.startingAt.getTime() > at.getTime() ? segment.startingAt : at,
      ),
    }),
  )
  return ok({ rows, creditTypes: card.creditTypes })
}
