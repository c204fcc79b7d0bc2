/** Billable metrics on the wire (`BillableMetricV1`) and back. */
import type { BillableMetric } from '../../../domain/metrics/billable-metric.js'
import type {
  AggregationType,
  EventTypeFilter,
  PropertyFilter,
  StreamingMetricDefinition,
} from '../../../domain/usage/billable-metric.js'

interface WireFilterValues {
  in_values?: string[]
  not_in_values?: string[]
}
interface WirePropertyFilter extends WireFilterValues {
  name: string
  exists?: boolean
}
export interface WireDefinition {
  aggregation_type?: AggregationType
  aggregation_key?: string
  event_type_filter?: WireFilterValues
  property_filters?: WirePropertyFilter[]
  group_keys?: string[][]
}

export function fromApiDefinition(body: WireDefinition): StreamingMetricDefinition {
  const eventTypeFilter = body.event_type_filter
  return {
    aggregationType: body.aggregation_type ?? 'COUNT',
    aggregationKey: body.aggregation_key ?? null,
    eventTypeFilter: eventTypeFilter
      ? {
          ...(eventTypeFilter.in_values ? { inValues: eventTypeFilter.in_values } : {}),
          ...(eventTypeFilter.not_in_values ? { notInValues: eventTypeFilter.not_in_values } : {}),
        }
      : null,
    propertyFilters: (body.property_filters ?? []).map((filter) => ({
      name: filter.name,
      ...(filter.exists === undefined ? {} : { exists: filter.exists }),
      ...(filter.in_values ? { inValues: filter.in_values } : {}),
      ...(filter.not_in_values ? { notInValues: filter.not_in_values } : {}),
    })),
    groupKeys: body.group_keys ?? [],
  }
}

function toApiFilterValues(filter: EventTypeFilter | PropertyFilter): WireFilterValues {
  return {
    ...(filter.inValues ? { in_values: [...filter.inValues] } : {}),
    ...(filter.notInValues ? { not_in_values: [...filter.notInValues] } : {}),
  }
}

export function toApiBillableMetric(metric: BillableMetric) {
  const common = {
    id: metric.id,
    name: metric.name,
    custom_fields: { ...metric.customFields },
    ...(metric.archivedAt ? { archived_at: metric.archivedAt.toISOString() } : {}),
  }
  const definition = metric.definition
  if (!definition) return { ...common, sql: metric.sqlQuery?.text ?? '' }
  return {
    ...common,
    aggregation_type: definition.aggregationType,
    ...(definition.aggregationKey === null ? {} : { aggregation_key: definition.aggregationKey }),
    ...(definition.eventTypeFilter
      ? { event_type_filter: toApiFilterValues(definition.eventTypeFilter) }
      : {}),
    property_filters: definition.propertyFilters.map((filter) => ({
      name: filter.name,
      ...(filter.exists === undefined ? {} : { exists: filter.exists }),
      ...toApiFilterValues(filter),
    })),
    group_keys: definition.groupKeys.map((key) => [...key]),
  }
}

/** The customer-scoped listing also carries the deprecated field names, as the spec says. */
export function toApiBillableMetricWithDeprecatedFields(metric: BillableMetric) {
  const current = toApiBillableMetric(metric)
  const definition = metric.definition
  if (!definition) return current
  const key = definition.aggregationKey
  return {
    ...current,
    aggregate: definition.aggregationType,
    aggregate_keys: key === null ? [] : [key],
    group_by: [...new Set(definition.groupKeys.flat())],
  }
}
