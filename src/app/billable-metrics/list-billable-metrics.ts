import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import type { AppDeps } from '../deps.js'
import type { MetricListQuery, Positioned } from '../ports.js'

/** Metrics in creation order; archived ones only with `includeArchived`. */
export function listBillableMetrics(
  deps: AppDeps,
  query: MetricListQuery,
): Promise<Positioned<BillableMetric>[]> {
  return deps.store.listMetrics(query)
}
