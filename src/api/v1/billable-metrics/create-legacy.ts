/**
 * POST /v1/billable-metrics — the legacy create (not in the TypeScript SDK): `aggregate`,
 * `aggregate_key`, a JSON-Schema `filter` (the subset in `legacy-filter.ts`) and single-key
 * `group_keys`. The aggregate key and group keys must exist on matching events, as they had to
 * for the legacy metric to produce values, so they are added as `exists` filters.
 */
import { createBillableMetric } from '../../../app/billable-metrics/create-billable-metric.js'
import { domainError } from '../../../domain/errors.js'
import type { PropertyFilter } from '../../../domain/usage/billable-metric.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { readLegacyFilter } from './legacy-filter.js'

export default defineOperation('createBillableMetric-v1', async ({ body, audit }, { app }) => {
  const filter = readLegacyFilter(body.filter)
  if (!filter.ok) return err(domainError('invalid_argument', filter.message))
  const groupKeys = body.group_keys ?? []
  const propertyFilters: PropertyFilter[] = [...filter.propertyFilters]
  for (const name of [body.aggregate_key, ...groupKeys]) {
    if (name === undefined) continue
    const index = propertyFilters.findIndex((candidate) => candidate.name === name)
    if (index < 0) propertyFilters.push({ name, exists: true })
    else if (!propertyFilters[index]!.inValues)
      propertyFilters[index] = { ...propertyFilters[index]!, exists: true }
  }
  const created = await createBillableMetric(app, {
    name: body.name,
    definition: {
      aggregationType: body.aggregate,
      aggregationKey: body.aggregate === 'COUNT' ? null : (body.aggregate_key ?? null),
      eventTypeFilter: filter.eventTypeFilter,
      propertyFilters,
      groupKeys: groupKeys.map((key) => [key]),
    },
    customFields: {},
    audit,
  })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
