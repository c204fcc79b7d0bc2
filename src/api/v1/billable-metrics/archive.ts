/** POST /v1/billable-metrics/archive — `v1.billableMetrics.archive`. */
import { archiveBillableMetric } from '../../../app/billable-metrics/archive-billable-metric.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archiveBillableMetric-v1', async ({ body, audit }, { app }) => {
  const archived = await archiveBillableMetric(app, { metricId: body.id, audit })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
