/**
 * GET /v1/auditLogs — `v1.auditLogs.list`.
 *
 * A page with entries carries a cursor after its last entry even when it is not full, so a
 * client can save it and poll for newer entries; an empty page answers `next_page: null`
 * (which also ends the SDK's auto-pagination), and the client keeps polling with the cursor
 * it already has. See docs/decisions/0004-audit-log-cursor.md.
 */
import { listAuditLogs } from '../../../app/audit/list-audit-logs.js'
import type { AuditSort } from '../../../domain/audit/audit-entry.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, encodeCursor } from '../../pagination.js'

export default defineOperation('getAuditLogs-v1', async ({ query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const cursorSort = cursor.value?.sort
  const afterSort: AuditSort | null =
    cursorSort === 'date_asc' || cursorSort === 'date_desc' ? cursorSort : null
  const result = await listAuditLogs(app, {
    clientId: caller.clientId,
    limit: query.limit ?? DEFAULT_PAGE_LIMIT,
    after: cursor.value?.position ?? null,
    afterSort,
    sort: query.sort ?? null,
    startingOn: query.starting_on ? new Date(query.starting_on) : null,
    endingBefore: query.ending_before ? new Date(query.ending_before) : null,
    resourceType: query.resource_type ?? null,
    resourceId: query.resource_id ?? null,
  })
  if (!result.ok) return result
  const { items, sort } = result.value
  const last = items.at(-1)
  return ok({
    data: items.map(({ item }) => ({
      id: item.id,
      timestamp: item.timestamp.toISOString(),
      actor: { id: item.actor.id, name: item.actor.name },
      request: {
        id: item.request.id,
        ...(item.request.ip === null ? {} : { ip: item.request.ip }),
        ...(item.request.userAgent === null ? {} : { user_agent: item.request.userAgent }),
      },
      action: item.action,
      resource_type: item.resourceType,
      resource_id: item.resourceId,
      status: item.status,
    })),
    next_page: last ? encodeCursor({ position: last.position, sort }) : null,
  })
})
