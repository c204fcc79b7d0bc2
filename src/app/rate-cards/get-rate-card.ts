import type { DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { RateCardDetails } from '../../domain/pricing/rate-card-details.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { creditTypesOf, rateCardNotFound } from './rate-card-support.js'

export interface RateCardWithCreditTypes {
  readonly card: RateCardDetails
  /** The client's credit types by id, to name the card's fiat and custom units. */
  readonly creditTypes: ReadonlyMap<string, CreditType>
}

/** A rate card, archived or not, with the credit types it names. */
export async function getRateCard(
  deps: AppDeps,
  input: { readonly clientId: string; readonly rateCardId: string },
): Promise<Result<RateCardWithCreditTypes, DomainError>> {
  const card = await deps.store.findRateCard(input.clientId, input.rateCardId)
  if (!card) return err(rateCardNotFound(input.rateCardId))
  return ok({ card, creditTypes: await creditTypesOf(deps.store, input.clientId) })
}
