/**
 * Named schedules of any owner (rate cards, contracts, customers): the read and the
 * read-change-write every owner's operations share. The owner's own use case checks that the
 * owner exists and records the audit entry.
 */
import type { Problem } from '../../domain/problem.js'
import {
  checkNamedScheduleUpdate,
  namedScheduleCovering,
  updateNamedSchedule,
  type NamedScheduleSegment,
  type NamedScheduleUpdate,
} from '../../domain/pricing/named-schedule.js'
import type { NamedScheduleOwner, StoreSession } from '../ports.js'

/** Every segment, or with `coveringDate` at most the one in force then; never set → none. */
export async function readNamedSchedule(
  store: StoreSession,
  input: {
    readonly clientId: string
    readonly owner: NamedScheduleOwner
    readonly scheduleName: string
    readonly coveringDate: Date | null
  },
): Promise<NamedScheduleSegment[]> {
  const segments = await store.findNamedSchedule(input.clientId, input.owner, input.scheduleName)
  return input.coveringDate ? namedScheduleCovering(segments, input.coveringDate) : segments
}

/** What is wrong with an update request, before anything is loaded. */
export function checkScheduleUpdate(scheduleName: string, update: NamedScheduleUpdate): Problem[] {
  const problems = [...checkNamedScheduleUpdate(update)]
  if (scheduleName === '') {
    problems.unshift({ field: 'body.schedule_name', message: 'must not be empty' })
  }
  return problems
}

/** Sets the schedule to `update.value` on exactly its range; call inside a transaction. */
export async function writeNamedSchedule(
  session: StoreSession,
  input: {
    readonly clientId: string
    readonly owner: NamedScheduleOwner
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly at: Date
  },
): Promise<void> {
  const { clientId, owner, scheduleName } = input
  await session.lockNamedSchedule(clientId, owner, scheduleName)
  const segments = await session.findNamedSchedule(clientId, owner, scheduleName)
  const updated = updateNamedSchedule(segments, input.update)
  await session.saveNamedSchedule(clientId, owner, scheduleName, updated, input.at)
}
