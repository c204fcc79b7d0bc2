import { resolveAlias } from '../../domain/pricing/rate-card.js'
import type { RateCardDetails } from '../../domain/pricing/rate-card-details.js'
import type { StoreSession } from '../ports.js'

/**
 * The rate card an alias names at `at`, or null. Contracts resolve `rate_card_alias` as of their
 * start with this; the card found then stays theirs when the alias later moves. Takes a session
 * so a contract can resolve inside its own transaction.
 */
export async function findRateCardByAlias(
  session: StoreSession,
  clientId: string,
  alias: string,
  at: Date,
): Promise<RateCardDetails | null> {
  const assignments = await session.findRateCardAliasAssignments(clientId, alias)
  const rateCardId = resolveAlias(assignments, alias, at)
  return rateCardId === null ? null : session.findRateCard(clientId, rateCardId)
}
