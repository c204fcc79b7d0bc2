/** POST /v1/billable-metrics/create — `v1.billableMetrics.create`. */
import { createBillableMetric } from '../../../app/billable-metrics/create-billable-metric.js'
import { domainError } from '../../../domain/errors.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiDefinition } from './convert.js'

export default defineOperation('createBillableMetricV1-v1', async ({ body, audit }, { app }) => {
  if (body.sql !== undefined) {
    const streamingFields = [
      'aggregation_type',
      'aggregation_key',
      'event_type_filter',
      'property_filters',
      'group_keys',
    ] as const
    const mixed = streamingFields.find((field) => body[field] !== undefined)
    if (mixed)
      return err(domainError('invalid_argument', `body.sql cannot be combined with body.${mixed}`))
  }
  const created = await createBillableMetric(app, {
    name: body.name,
    definition: body.sql !== undefined ? { sql: body.sql } : fromApiDefinition(body),
    customFields: body.custom_fields ?? {},
    audit,
  })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
