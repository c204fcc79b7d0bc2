/** GET /v1/billable-metrics/{billable_metric_id} — `v1.billableMetrics.retrieve`. */
import { getBillableMetric } from '../../../app/billable-metrics/get-billable-metric.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiBillableMetric } from './convert.js'

export default defineOperation('getBillableMetric-v1', async ({ params, caller }, { app }) => {
  const found = await getBillableMetric(app, {
    clientId: caller.clientId,
    metricId: params.billable_metric_id,
  })
  return found.ok ? ok({ data: toApiBillableMetric(found.value) }) : found
})
