import type { DomainError } from '../../domain/errors.js'
import type { NamedScheduleUpdate } from '../../domain/pricing/named-schedule.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import { checkScheduleUpdate, writeNamedSchedule } from '../named-schedules/named-schedules.js'
import { RATE_CARD_RESOURCE, invalidRequest, rateCardNotFound } from './rate-card-support.js'

/** Sets a rate card's named schedule to `value` on exactly `[startingAt, endingBefore)`. */
export async function updateRateCardNamedSchedule(
  deps: AppDeps,
  input: {
    readonly rateCardId: string
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly audit: AuditContext
  },
): Promise<Result<undefined, DomainError>> {
  const clientId = input.audit.caller.clientId
  const problems = checkScheduleUpdate(input.scheduleName, input.update)
  if (problems.length > 0) return err(invalidRequest(problems))
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    // Locking the card serializes updates of its schedules: each reads, changes, writes.
    const card = await session.findRateCard(clientId, input.rateCardId, { forUpdate: true })
    if (!card) return err(rateCardNotFound(input.rateCardId))
    await writeNamedSchedule(session, {
      clientId,
      owner: { kind: 'rate_card', id: card.id },
      scheduleName: input.scheduleName,
      update: input.update,
      at: now,
    })
    const change = {
      action: 'rate_card.update_named_schedule',
      resourceType: RATE_CARD_RESOURCE,
      resourceId: card.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok(undefined)
  })
}
