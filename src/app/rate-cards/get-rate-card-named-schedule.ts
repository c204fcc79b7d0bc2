import type { DomainError } from '../../domain/errors.js'
import type { NamedScheduleSegment } from '../../domain/pricing/named-schedule.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { readNamedSchedule } from '../named-schedules/named-schedules.js'
import { rateCardNotFound } from './rate-card-support.js'

/**
 * A rate card's named schedule: every segment, or with `coveringDate` at most the one in force
 * then. A name never set is an empty schedule, not an error.
 */
export async function getRateCardNamedSchedule(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly rateCardId: string
    readonly scheduleName: string
    readonly coveringDate: Date | null
  },
): Promise<Result<NamedScheduleSegment[], DomainError>> {
  const card = await deps.store.findRateCard(input.clientId, input.rateCardId)
  if (!card) return err(rateCardNotFound(input.rateCardId))
  return ok(
    await readNamedSchedule(deps.store, {
      clientId: input.clientId,
      owner: { kind: 'rate_card', id: card.id },
      scheduleName: input.scheduleName,
      coveringDate: input.coveringDate,
    }),
  )
}
