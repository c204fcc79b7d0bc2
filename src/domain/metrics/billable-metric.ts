/**
 * A billable metric as stored: a name, its streaming definition (filters, aggregation, group
 * keys), and lifecycle. Definitions never change after creation; only the name may.
 */
import type { StreamingMetricDefinition } from '../usage/billable-metric.js'
import type { SqlMetricQuery } from '../usage/sql-metric.js'

export interface BillableMetric {
  readonly id: string
  readonly name: string
  /** Exactly one of `definition` (a streaming metric) and `sqlQuery` (a SQL metric) is set. */
  readonly definition: StreamingMetricDefinition | null
  readonly sqlQuery: SqlMetricQuery | null
  readonly customFields: Readonly<Record<string, string>>
  readonly createdAt: Date
  readonly archivedAt: Date | null
}
