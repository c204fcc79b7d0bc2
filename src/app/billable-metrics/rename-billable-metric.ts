import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateBillableMetricWith } from './update-billable-metric.js'

/** Only a metric's display name can change; its definition is fixed at creation. */
export function renameBillableMetric(
  deps: AppDeps,
  input: { metricId: string; name: string; audit: AuditContext },
) {
  return updateBillableMetricWith(
    deps,
    { metricId: input.metricId, audit: input.audit, action: 'billable_metric.update' },
    (metric) => ({ ...metric, name: input.name }),
  )
}
