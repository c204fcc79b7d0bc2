import { distinctAliases } from '../../domain/customers/customer.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import { aliasConflict } from './create-customer.js'
import { customerNotFound } from './update-customer.js'

/**
 * Replaces the customer's ingest aliases (idempotent). Usage is attributed when it is read, so
 * an alias moved here re-attributes every event that names it.
 */
export async function setIngestAliases(
  deps: AppDeps,
  input: { customerId: string; ingestAliases: readonly string[]; audit: AuditContext },
): Promise<Result<void, DomainError>> {
  const clientId = input.audit.caller.clientId
  const aliases = distinctAliases(input.ingestAliases)
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const customer = await session.findCustomer(clientId, input.customerId)
    if (!customer) return err(customerNotFound(input.customerId))
    const conflicts = await session.replaceAliases(clientId, customer.id, aliases)
    if (conflicts.length > 0) return err(aliasConflict(conflicts))
    await session.updateCustomer(clientId, { ...customer, ingestAliases: aliases, updatedAt: now })
    const change = {
      action: 'customer.set_ingest_aliases',
      resourceType: 'customer',
      resourceId: customer.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok(undefined)
  })
}
