import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateBillableMetricWith } from './update-billable-metric.js'

/**
 * Archives a metric: it stays readable (with archived_at) and keeps metering for what already
 * uses it (semantics §2.7), but cannot be attached to new products. Re-archiving is a no-op.
 */
export function archiveBillableMetric(
  deps: AppDeps,
  input: { metricId: string; audit: AuditContext },
) {
  return updateBillableMetricWith(
    deps,
    { metricId: input.metricId, audit: input.audit, action: 'billable_metric.archive' },
    (metric, now) => ({ ...metric, archivedAt: metric.archivedAt ?? now }),
  )
}
