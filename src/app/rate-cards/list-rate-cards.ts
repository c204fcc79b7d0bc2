import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { RateCardDetails } from '../../domain/pricing/rate-card-details.js'
import type { AppDeps } from '../deps.js'
import type { Positioned, RateCardListQuery } from '../ports.js'
import { creditTypesOf } from './rate-card-support.js'

/**
 * Rate cards in creation order. Archived cards are left out: archiving "stops the rate card
 * from appearing in contract creation workflows", and get still answers for them by id.
 */
export async function listRateCards(
  deps: AppDeps,
  query: RateCardListQuery,
): Promise<{
  readonly rows: Positioned<RateCardDetails>[]
  readonly creditTypes: ReadonlyMap<string, CreditType>
}> {
  const rows = await deps.store.listRateCards(query)
  return { rows, creditTypes: await creditTypesOf(deps.store, query.clientId) }
}
