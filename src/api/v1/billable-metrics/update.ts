/** PUT /v1/billable-metrics/{billable_metric_id} (not in the TypeScript SDK): rename only. */
import { renameBillableMetric } from '../../../app/billable-metrics/rename-billable-metric.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation(
  'updateBillableMetric-v1',
  async ({ params, body, audit }, { app }) => {
    const renamed = await renameBillableMetric(app, {
      metricId: params.billable_metric_id,
      name: body.name,
      audit,
    })
    return renamed.ok ? ok({ data: { id: renamed.value.id } }) : renamed
  },
)
