import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { metricNotFound } from './update-billable-metric.js'

export async function getBillableMetric(
  deps: AppDeps,
  input: { clientId: string; metricId: string },
): Promise<Result<BillableMetric, DomainError>> {
  const metric = await deps.store.findMetric(input.clientId, input.metricId)
  return metric ? ok(metric) : err(metricNotFound(input.metricId))
}
