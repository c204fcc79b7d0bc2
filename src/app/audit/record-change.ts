import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { auditEntryFor, type AuditContext, type AuditedChange } from './audit-context.js'

/** Appends the audit entry of a write, inside the write's own transaction. */
export async function recordChange(
  deps: Pick<AppDeps, 'ids'>,
  session: StoreSession,
  audit: AuditContext,
  change: AuditedChange,
  at: Date,
): Promise<void> {
  await session.appendAudit(audit.caller.clientId, auditEntryFor(deps, audit, change, at))
}
