import { resolveContractRate } from '../../domain/contracts/contract-rates.js'
import type { DomainError } from '../../domain/errors.js'
import { Dec } from '../../domain/money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../domain/pricing/credit-type.js'
import { ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { loadCardWithRates } from '../rate-cards/rate-rows.js'
import { findContractSubscription } from './subscription-support.js'
import { totalQuantitySegments } from '../../domain/contracts/subscription-schedule.js'

export interface QuantityHistoryEntry {
  readonly startingAt: Date
  readonly quantity: Dec
  readonly unitPrice: Dec
  readonly total: Dec
}

export interface QuantityHistory {
  readonly subscriptionId: string
  readonly fiatCreditTypeId: string
  readonly entries: readonly QuantityHistoryEntry[]
}

/**
 * getSubscriptionQuantityHistory: the subscription's quantity and price from each change on
 * (one entry per change date of its schedule, seats totalled for SEAT_BASED), past changes
 * only ("Future changes are not included"). The unit price is the contract's rate for the
 * subscription (rate card and overrides) at that change; a rate that is not entitled, or no
 * rate at all, charges nothing, so its price is 0 (semantics §4.13: no charge unless enabled).
 */
export async function getSubscriptionQuantityHistory(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string
    readonly subscriptionId: string
  },
): Promise<Result<QuantityHistory, DomainError>> {
  const found = await findContractSubscription(deps.store, input)
  if (!found.ok) return found
  const { terms, subscription } = found.value
  const now = deps.clock.now()
  const loaded = terms.rateCardId
    ? await loadCardWithRates(deps, input.clientId, terms.rateCardId)
    : null
  const card = loaded?.ok ? loaded.value : null
  const fiatCreditTypeId = card?.card.fiatCreditTypeId ?? USD_CENTS_CREDIT_TYPE_ID
  const priceAt = (at: Date) =>
    (card
      ? resolveContractRate(
          {
            rateCard: { rates: card.rates },
            productsById: card.products,
            overrides: terms.overrides,
            prioritization: terms.multiplierOverridePrioritization ?? 'LOWEST_MULTIPLIER',
            line: {
              productId: subscription.productId,
              pricingGroupValues: null,
              billingFrequency: subscription.billingFrequency,
            },
          },
          at,
        )
      : null
    )?.rate?.price ?? new Dec(0)
  const entries = totalQuantitySegments(subscription)
    .filter((segment) => segment.startingAt.getTime() <= now.getTime())
    .map((segment): QuantityHistoryEntry => {
      const unitPrice = priceAt(segment.startingAt)
      return {
        startingAt: segment.startingAt,
        quantity: segment.quantity,
        unitPrice,
        total: unitPrice.times(segment.quantity),
      }
    })
  return ok({ subscriptionId: subscription.id, fiatCreditTypeId, entries })
}
