/**
 * What product writes share: the not-found error, and the checks of what a product refers to
 * (its billable metric, the products a composite is made of), which need the store and so
 * cannot live in the pure `domain/pricing/product.ts`.
 */
import { domainError, type DomainError } from '../../domain/errors.js'
import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { describeProblems, type Problem } from '../../domain/problem.js'
import type { StoreSession } from '../ports.js'
import { sqlGroupKeys } from '../usage/sql-usage.js'

export function productNotFound(productId: string): DomainError {
  return domainError('not_found', `Product ${productId} not found`)
}

export function invalidProduct(problems: readonly Problem[]): DomainError {
  return domainError('invalid_argument', describeProblems(problems))
}

export type MetricLookup =
  | { readonly metric: BillableMetric; readonly problems: readonly [] }
  | { readonly metric: null; readonly problems: readonly Problem[] }

/**
 * The billable metric a product is being attached to. An archived metric keeps metering for the
 * products that already use it but cannot be attached anew (semantics §2.7), so it is refused
 * here like an unknown one.
 */
export async function metricToAttach(
  session: StoreSession,
  clientId: string,
  metricId: string,
  field: string,
): Promise<MetricLookup> {
  const metric = await session.findMetric(clientId, metricId)
  if (!metric) {
    return {
      metric: null,
      problems: [{ field, message: `names no billable metric (${metricId})` }],
    }
  }
  if (metric.archivedAt) {
    return { metric: null, problems: [{ field, message: 'names an archived billable metric' }] }
  }
  return { metric, problems: [] }
}

/**
 * The compound group keys a metric offers, as `checkProductCreate`/`checkProductUpdate` take
 * them. A streaming metric declares its own. A SQL metric declares none: every column it returns
 * besides the quantity is usable as a group key, and rows are summed over the columns a product
 * does not use (semantics §2.6), so any set of those columns is a compound key. Rather than list
 * every subset, this offers the one set the product asks for when its columns all exist, and
 * otherwise the set of all columns, which then fails the fit check with the usual message.
 */
export function offeredGroupKeys(
  metric: BillableMetric,
  pricingKeys: readonly string[] | null,
  presentationKeys: readonly string[] | null,
): readonly (readonly string[])[] {
  if (metric.definition) return metric.definition.groupKeys
  const columns = metric.sqlQuery ? sqlGroupKeys(metric.sqlQuery) : []
  const asked = [...new Set([...(pricingKeys ?? []), ...(presentationKeys ?? [])])]
  return asked.every((key) => columns.includes(key)) ? [asked] : [columns]
}

/**
 * A composite is made of products of the same client; each id must name one (archived ones
 * included: archiving stops new rates, and a composite is not a rate). A composite cannot
 * include itself.
 */
export async function checkCompositeProductIds(
  session: StoreSession,
  clientId: string,
  productIds: readonly string[],
  field: string,
  selfId: string | null,
): Promise<Problem[]> {
  const found = new Set(
    (await session.findProducts(clientId, productIds)).map((product) => product.id),
  )
  const problems: Problem[] = []
  // PostgreSQL answers uuids in lower case, whatever case the caller wrote them in.
  productIds.forEach((id, index) => {
    if (id.toLowerCase() === selfId?.toLowerCase()) {
      problems.push({ field: `${field}[${index}]`, message: 'cannot name the product itself' })
    } else if (!found.has(id.toLowerCase())) {
      problems.push({ field: `${field}[${index}]`, message: `names no product (${id})` })
    }
  })
  return problems
}
