import type { DomainError } from '../../domain/errors.js'
import type { Product } from '../../domain/pricing/product.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import { productNotFound } from './product-references.js'

/**
 * Archives a product: it stays readable, rates already on rate cards keep working, and it can no
 * longer be edited or get new rates; it cannot be unarchived (semantics §3.1). Metronome's docs
 * do not say what archiving an archived product does; here it succeeds and keeps the first
 * `archived_at`, like archiving a customer or billable metric, so a retried request is safe.
 */
export async function archiveProduct(
  deps: AppDeps,
  input: { productId: string; audit: AuditContext },
): Promise<Result<Product, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const product = await session.findProduct(clientId, input.productId)
    if (!product) return err(productNotFound(input.productId))
    const archived = { ...product, archivedAt: product.archivedAt ?? now }
    await session.updateProduct(clientId, archived)
    const change = { action: 'product.archive', resourceType: 'product', resourceId: product.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok(archived)
  })
}
