import type { DomainError } from '../../domain/errors.js'
import {
  checkProductCreate,
  initialSettings,
  productType,
  type Product,
  type ProductCreateInput,
} from '../../domain/pricing/product.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import {
  checkCompositeProductIds,
  invalidProduct,
  metricToAttach,
  offeredGroupKeys,
} from './product-references.js'

export interface CreateProductInput {
  readonly product: ProductCreateInput
  readonly customFields: Readonly<Record<string, string>>
  readonly audit: AuditContext
}

/**
 * Creates a product after checking its settings against its type, its billable metric (which
 * must exist, be live, and offer the pricing and presentation keys as one compound key) and the
 * products a composite names. Every problem is found before anything is written.
 */
export async function createProduct(
  deps: AppDeps,
  input: CreateProductInput,
): Promise<Result<Product, DomainError>> {
  const clientId = input.audit.caller.clientId
  const request = input.product
  const type = productType(request.type)
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const referenceProblems: Problem[] = []
    let metricGroupKeys: readonly (readonly string[])[] | undefined
    // For other types a billable_metric_id is refused by checkProductCreate, so it is not loaded.
    if (type === 'USAGE' && request.billableMetricId) {
      const lookup = await metricToAttach(
        session,
        clientId,
        request.billableMetricId,
        'body.billable_metric_id',
      )
      referenceProblems.push(...lookup.problems)
      if (lookup.metric) {
        metricGroupKeys = offeredGroupKeys(
          lookup.metric,
          request.pricingGroupKey ?? null,
          request.presentationGroupKey ?? null,
        )
      }
    }
    if (type === 'COMPOSITE' && request.compositeProductIds) {
      referenceProblems.push(
        ...(await checkCompositeProductIds(
          session,
          clientId,
          request.compositeProductIds,
          'body.composite_product_ids',
          null,
        )),
      )
    }
    const problems = [
      ...checkProductCreate(request, metricGroupKeys ? { metricGroupKeys } : {}),
      ...referenceProblems,
    ]
    if (problems.length > 0) return err(invalidProduct(problems))
    const product: Product = {
      id: deps.ids.newId(),
      type,
      initial: initialSettings(request),
      updates: [],
      customFields: input.customFields,
      createdAt: now,
      createdBy: input.audit.caller.tokenName,
      archivedAt: null,
    }
    await session.insertProduct(clientId, product)
    const change = { action: 'product.create', resourceType: 'product', resourceId: product.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok(product)
  })
}
