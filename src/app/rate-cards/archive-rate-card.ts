import { ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { changeRateCard } from './change-rate-card.js'

/**
 * Archives a rate card: contracts already on it keep their prices, it takes no new rates and
 * leaves the list. Re-archiving keeps the first archive time.
 */
export function archiveRateCard(
  deps: AppDeps,
  input: { readonly rateCardId: string; readonly audit: AuditContext },
) {
  return changeRateCard(
    deps,
    { rateCardId: input.rateCardId, audit: input.audit, action: 'rate_card.archive' },
    async (card, { now }) => ok({ ...card, archivedAt: card.archivedAt ?? now }),
  )
}
