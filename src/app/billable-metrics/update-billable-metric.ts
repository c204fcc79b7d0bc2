import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'

export function metricNotFound(id: string): DomainError {
  return domainError('not_found', `Billable metric ${id} not found`)
}

/** Load a metric, decide its new state (only its name and archival can change), persist. */
export async function updateBillableMetricWith(
  deps: AppDeps,
  input: { metricId: string; audit: AuditContext; action: string },
  change: (metric: BillableMetric, now: Date) => BillableMetric,
): Promise<Result<BillableMetric, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const metric = await session.findMetric(clientId, input.metricId)
    if (!metric) return err(metricNotFound(input.metricId))
    const updated = change(metric, now)
    await session.updateMetric(clientId, updated)
    const audited = { action: input.action, resourceType: 'billable_metric', resourceId: metric.id }
    await recordChange(deps, session, input.audit, audited, now)
    return ok(updated)
  })
}
