/** Named schedules on the wire (`NamedSchedule`), for every owner: rate cards, contracts, customers. */
import type {
  NamedScheduleSegment,
  NamedScheduleUpdate,
} from '../../domain/pricing/named-schedule.js'

export function toApiNamedSchedule(segments: readonly NamedScheduleSegment[]) {
  return segments.map((segment) => ({
    starting_at: segment.startingAt.toISOString(),
    ...(segment.endingBefore === null ? {} : { ending_before: segment.endingBefore.toISOString() }),
    value: segment.value,
  }))
}

export function fromApiNamedScheduleUpdate(body: {
  starting_at: string
  ending_before?: string
  value?: unknown
}): NamedScheduleUpdate {
  return {
    startingAt: new Date(body.starting_at),
    endingBefore: body.ending_before ? new Date(body.ending_before) : null,
    value: body.value,
  }
}
