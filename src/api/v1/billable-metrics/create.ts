/** POST /v1/billable-metrics/create — `v1.billableMetrics.create`. */
import { createBillableMetric } from '../../../app/billable-metrics/create-billable-metric.js'
import { domainError } from '../../../domain/errors.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiDefinition } from './convert.js'

export default defineOperation('createBillableMetricV1-v1', async ({ body, audit }, { app }) => {
  if (body.sql !== undefined) {
    // SQL metrics need a vetted SQL subset and executor; until then they are refused, not faked.
    return err(
      domainError('invalid_argument', 'body.sql: SQL billable metrics are not supported yet'),
    )
  }
  const created = await createBillableMetric(app, {
    name: body.name,
    definition: fromApiDefinition(body),
    customFields: body.custom_fields ?? {},
    audit,
  })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
