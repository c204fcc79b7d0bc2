import type { DomainError } from '../../domain/errors.js'
import type { NamedScheduleUpdate } from '../../domain/pricing/named-schedule.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateOwnedSchedule } from '../named-schedules/named-schedules.js'
import { RATE_CARD_RESOURCE, rateCardNotFound } from './rate-card-support.js'

/** Sets a rate card's named schedule to `value` on exactly `[startingAt, endingBefore)`. */
export function updateRateCardNamedSchedule(
  deps: AppDeps,
  input: {
    readonly rateCardId: string
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly audit: AuditContext
  },
): Promise<Result<undefined, DomainError>> {
  return updateOwnedSchedule(deps, {
    ...input,
    action: 'rate_card.update_named_schedule',
    resourceType: RATE_CARD_RESOURCE,
    findOwner: async (session, clientId) => {
      const card = await session.findRateCard(clientId, input.rateCardId)
      return card ? ok({ kind: 'rate_card', id: card.id }) : err(rateCardNotFound(input.rateCardId))
    },
  })
}
