import type { AuditEntry, AuditSort } from '../../domain/audit/audit-entry.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import type { Position, Positioned } from '../ports.js'

export interface ListAuditLogsInput {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
  /** The sort the cursor was made with, if a cursor was given. */
  readonly afterSort: AuditSort | null
  readonly sort: AuditSort | null
  readonly startingOn: Date | null
  readonly endingBefore: Date | null
  readonly resourceType: string | null
  readonly resourceId: string | null
}

export interface AuditLogPage {
  readonly items: readonly Positioned<AuditEntry>[]
  readonly sort: AuditSort
}

/**
 * Lists audit entries oldest first by default. The rules on combining filters are the spec's:
 * a date range cannot be combined with a cursor, and a resource filter needs both its halves.
 */
export async function listAuditLogs(
  deps: AppDeps,
  input: ListAuditLogsInput,
): Promise<Result<AuditLogPage, DomainError>> {
  const problem = checkFilters(input)
  if (problem) return err(problem)
  const sort = input.afterSort ?? input.sort ?? 'date_asc'
  const items = await deps.store.listAudit({
    clientId: input.clientId,
    sort,
    limit: input.limit,
    after: input.after,
    startingOn: input.startingOn,
    endingBefore: input.endingBefore,
    resource:
      input.resourceType !== null && input.resourceId !== null
        ? { type: input.resourceType, id: input.resourceId }
        : null,
  })
  return ok({ items, sort })
}

function checkFilters(input: ListAuditLogsInput): DomainError | null {
  if (input.after !== null && (input.startingOn !== null || input.endingBefore !== null)) {
    return domainError(
      'invalid_argument',
      'starting_on and ending_before cannot be used together with next_page',
    )
  }
  if ((input.resourceType === null) !== (input.resourceId === null)) {
    return domainError(
      'invalid_argument',
      'resource_type and resource_id must be specified together',
    )
  }
  if (input.after !== null && input.sort !== null && input.sort !== input.afterSort) {
    return domainError('invalid_argument', 'sort must match the sort of the next_page cursor')
  }
  if (input.startingOn && input.endingBefore && input.startingOn >= input.endingBefore) {
    return domainError('invalid_argument', 'ending_before must be after starting_on')
  }
  return null
}
