/** Billable metrics, scoped by client. Definitions are stored as JSON in domain (camelCase) form. */
import type { Kysely, Transaction } from 'kysely'
import type { BillableMetric } from '../domain/metrics/billable-metric.js'
import type {
  AggregationType,
  EventTypeFilter,
  PropertyFilter,
} from '../domain/usage/billable-metric.js'
import { readSqlMetric } from '../domain/usage/sql-metric.js'
import type { MetricListQuery, Positioned } from '../app/ports.js'
import type { BillableMetricsTable, Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export async function insertMetric(db: Executor, clientId: string, metric: BillableMetric) {
  const definition = metric.definition
  await db
    .insertInto('billable_metrics')
    .values({
      client_id: clientId,
      id: metric.id,
      name: metric.name,
      aggregation_type: definition?.aggregationType ?? null,
      aggregation_key: definition?.aggregationKey ?? null,
      event_type_filter: definition?.eventTypeFilter
        ? JSON.stringify(definition.eventTypeFilter)
        : null,
      property_filters: JSON.stringify(definition?.propertyFilters ?? []),
      group_keys: JSON.stringify(definition?.groupKeys ?? []),
      sql: metric.sqlQuery?.text ?? null,
      custom_fields: JSON.stringify(metric.customFields) as unknown as Record<string, string>,
      created_at: metric.createdAt,
      archived_at: metric.archivedAt,
    })
    .execute()
}

export async function updateMetric(db: Executor, clientId: string, metric: BillableMetric) {
  await db
    .updateTable('billable_metrics')
    .set({ name: metric.name, archived_at: metric.archivedAt })
    .where('client_id', '=', clientId)
    .where('id', '=', metric.id)
    .execute()
}

export async function findMetric(db: Executor, clientId: string, id: string) {
  const row = await db
    .selectFrom('billable_metrics')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? fromDbMetric(row) : null
}

export async function listMetrics(
  db: Executor,
  query: MetricListQuery,
): Promise<Positioned<BillableMetric>[]> {
  let select = db
    .selectFrom('billable_metrics')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .orderBy('seq')
    .limit(query.limit)
  if (!query.includeArchived) select = select.where('archived_at', 'is', null)
  if (query.after) select = select.where('seq', '>', query.after.key)
  if (query.ids)
    select = select.where('id', 'in', query.ids.length ? [...query.ids] : [null as never])
  const rows = await select.execute()
  return rows.map((row) => ({
    item: fromDbMetric(row),
    position: { timestamp: row.created_at, key: row.seq },
  }))
}

export function fromDbMetric(
  row: Omit<BillableMetricsTable, 'seq' | 'rolled_up_through'>,
): BillableMetric {
  const common = {
    id: row.id,
    name: row.name,
    customFields: row.custom_fields,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  }
  if (row.sql !== null) {
    const read = readSqlMetric(row.sql)
    // The text was checked when the metric was created; failing now is a bug, not bad input.
    if (!('query' in read)) throw new Error(`stored SQL metric ${row.id} no longer parses`)
    return { ...common, definition: null, sqlQuery: read.query }
  }
  return {
    ...common,
    sqlQuery: null,
    definition: {
      aggregationType: row.aggregation_type as AggregationType,
      aggregationKey: row.aggregation_key,
      eventTypeFilter: (row.event_type_filter ?? null) as EventTypeFilter | null,
      propertyFilters: row.property_filters as PropertyFilter[],
      groupKeys: row.group_keys as string[][],
    },
  }
}
