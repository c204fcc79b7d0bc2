/**
 * A billable metric as stored: a name, its streaming definition (filters, aggregation, group
 * keys), and lifecycle. Definitions never change after creation; only the name may.
 */
import type { StreamingMetricDefinition } from '../usage/billable-metric.js'

export interface BillableMetric {
  readonly id: string
  readonly name: string
  readonly definition: StreamingMetricDefinition
  readonly customFields: Readonly<Record<string, string>>
  readonly createdAt: Date
  readonly archivedAt: Date | null
}
