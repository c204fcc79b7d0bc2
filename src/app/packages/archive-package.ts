import type { Package } from '../../domain/contracts/packages.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import { PACKAGE_RESOURCE, packageNotFound } from './package-support.js'

/**
 * Archives a package: it stays readable and its contracts are untouched, but it provisions no
 * new contract. Archiving again succeeds and keeps the first `archived_at`, so a retry is safe.
 */
export async function archivePackage(
  deps: AppDeps,
  input: { readonly packageId: string; readonly audit: AuditContext },
): Promise<Result<Package, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const found = await session.findPackage(clientId, input.packageId)
    if (!found) return err(packageNotFound(input.packageId))
    if (found.archivedAt !== null) return ok(found)
    await session.archivePackage(clientId, found.id, now)
    const change = {
      action: 'package.archive',
      resourceType: PACKAGE_RESOURCE,
      resourceId: found.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok({ ...found, archivedAt: now })
  })
}
