/**
 * Named schedules of any owner (rate cards, contracts, customers): the read and the
 * read-change-write every owner's operations share. The owner's own use case checks that the
 * owner exists and records the audit entry.
 */
import { domainError, type DomainError } from '../../domain/errors.js'
import { describeProblems, type Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
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

/**
 * The update operation of every owner: check the request, then in one transaction find the
 * owner (`findOwner` answers its not-found error), write the schedule and record the audit
 * entry `action` on the owner.
 */
export async function updateOwnedSchedule(
  deps: AppDeps,
  input: {
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly audit: AuditContext
    readonly action: string
    readonly resourceType: string
    readonly findOwner: (
      session: StoreSession,
      clientId: string,
    ) => Promise<Result<NamedScheduleOwner, DomainError>>
  },
): Promise<Result<undefined, DomainError>> {
  const clientId = input.audit.caller.clientId
  const problems = checkScheduleUpdate(input.scheduleName, input.update)
  if (problems.length > 0) return err(domainError('invalid_argument', describeProblems(problems)))
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const owner = await input.findOwner(session, clientId)
    if (!owner.ok) return owner
    await writeNamedSchedule(session, {
      clientId,
      owner: owner.value,
      scheduleName: input.scheduleName,
      update: input.update,
      at: now,
    })
    const change = {
      action: input.action,
      resourceType: input.resourceType,
      resourceId: owner.value.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok(undefined)
  })
}
