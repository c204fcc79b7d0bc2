import type { DomainError } from '../../domain/errors.js'
import {
  applyChanges,
  checkProductUpdate,
  productAsOf,
  withUpdate,
  type Product,
  type ProductChanges,
} from '../../domain/pricing/product.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import {
  checkCompositeProductIds,
  invalidProduct,
  metricToAttach,
  offeredGroupKeys,
  productNotFound,
} from './product-references.js'

export interface UpdateProductInput {
  readonly productId: string
  /** When the changes take effect: past (retroactive) or future (scheduled). */
  readonly startingAt: Date
  readonly changes: ProductChanges
  readonly audit: AuditContext
}

/**
 * Schedules an edit of a product (semantics §3.1). The edit is appended to the product's updates;
 * nothing earlier is rewritten, so the product's history stays readable. An update naming no
 * setting is accepted and changes nothing: every field of the request is documented as
 * optional ("defaults to the product's current ...").
 */
export async function updateProduct(
  deps: AppDeps,
  input: UpdateProductInput,
): Promise<Result<Product, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const product = await session.findProduct(clientId, input.productId)
    if (!product) return err(productNotFound(input.productId))
    if (product.archivedAt) {
      // Archived is final ("you cannot unarchive it"); an archived product no longer changes.
      return err(
        invalidProduct([{ field: 'body.product_id', message: 'names an archived product' }]),
      )
    }
    const { changes, startingAt } = input
    const references = await checkReferences(session, clientId, product, input)
    const problems = [
      ...checkProductUpdate(
        product,
        { startingAt, changes },
        references.metricGroupKeys ? { metricGroupKeys: references.metricGroupKeys } : {},
      ),
      ...references.problems,
    ]
    if (problems.length > 0) return err(invalidProduct(problems))
    const updated = withUpdate(product, {
      startingAt,
      changes,
      createdAt: now,
      createdBy: input.audit.caller.tokenName,
    })
    await session.updateProduct(clientId, updated)
    const change = { action: 'product.update', resourceType: 'product', resourceId: product.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok(updated)
  })
}

/**
 * Loads what the update refers to. A new billable metric must exist and be live; when the
 * grouping changes (new metric or new keys), the keys are checked against the metric in force
 * from the update's start, which may be one the product already uses (archived or not: existing
 * products keep metering with an archived metric).
 */
async function checkReferences(
  session: StoreSession,
  clientId: string,
  product: Product,
  input: UpdateProductInput,
): Promise<{ problems: Problem[]; metricGroupKeys?: readonly (readonly string[])[] }> {
  const { changes } = input
  const problems: Problem[] = []
  if (product.type === 'COMPOSITE' && changes.compositeProductIds) {
    problems.push(
      ...(await checkCompositeProductIds(
        session,
        clientId,
        changes.compositeProductIds,
        'body.composite_product_ids',
        product.id,
      )),
    )
  }
  const touchesGrouping =
    changes.billableMetricId !== undefined ||
    changes.pricingGroupKey !== undefined ||
    changes.presentationGroupKey !== undefined
  // Other types refuse these fields in checkProductUpdate; nothing to load for them.
  if (product.type !== 'USAGE' || !touchesGrouping) return { problems }
  const after = applyChanges(productAsOf(product, input.startingAt), changes)
  let metric = null
  if (changes.billableMetricId) {
    const lookup = await metricToAttach(
      session,
      clientId,
      changes.billableMetricId,
      'body.billable_metric_id',
    )
    problems.push(...lookup.problems)
    metric = lookup.metric
  } else if (after.billableMetricId) {
    metric = await session.findMetric(clientId, after.billableMetricId)
  }
  if (!metric) return { problems }
  const metricGroupKeys = offeredGroupKeys(
    metric,
    after.pricingGroupKey,
    after.presentationGroupKey,
  )
  return { problems, metricGroupKeys }
}
