import type { DomainError } from '../../domain/errors.js'
import type { RateCardDetails } from '../../domain/pricing/rate-card-details.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { RATE_CARD_RESOURCE, rateCardNotFound } from './rate-card-support.js'

export interface RateCardChangeContext {
  readonly session: StoreSession
  readonly clientId: string
  readonly now: Date
}

/**
 * Loads a rate card (locked for the transaction, so concurrent changes to one card queue up),
 * decides its new state, and persists it with an audit entry. `decide` returns an error to
 * change nothing.
 */
export async function changeRateCard(
  deps: AppDeps,
  input: { readonly rateCardId: string; readonly audit: AuditContext; readonly action: string },
  decide: (
    card: RateCardDetails,
    context: RateCardChangeContext,
  ) => Promise<Result<RateCardDetails, DomainError>>,
): Promise<Result<RateCardDetails, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const card = await session.findRateCard(clientId, input.rateCardId, { forUpdate: true })
    if (!card) return err(rateCardNotFound(input.rateCardId))
    const decided = await decide(card, { session, clientId, now })
    if (!decided.ok) return decided
    await session.updateRateCard(clientId, decided.value)
    const change = { action: input.action, resourceType: RATE_CARD_RESOURCE, resourceId: card.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok(decided.value)
  })
}
