import type { AuditEntry } from '../../domain/audit/audit-entry.js'
import type { AppDeps } from '../deps.js'
import type { Caller } from '../ports.js'

/** The request a write came from; every write made through the API carries one. */
export interface AuditContext {
  readonly caller: Caller
  readonly requestId: string
  readonly ip: string | null
  readonly userAgent: string | null
}

export interface AuditedChange {
  readonly action: string
  readonly resourceType: string
  readonly resourceId: string
}

/** Builds the entry for a successful write; the use case appends it in its own transaction. */
export function auditEntryFor(
  deps: Pick<AppDeps, 'ids'>,
  context: AuditContext,
  change: AuditedChange,
  at: Date,
): AuditEntry {
  return {
    id: deps.ids.newId(),
    timestamp: at,
    actor: { id: context.caller.tokenId, name: context.caller.tokenName },
    request: { id: context.requestId, ip: context.ip, userAgent: context.userAgent },
    action: change.action,
    resourceType: change.resourceType,
    resourceId: change.resourceId,
    status: 'success',
  }
}
