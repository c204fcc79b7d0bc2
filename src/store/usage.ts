/**
 * Usage aggregation in SQL: the metric's filters become WHERE clauses, its aggregation a SQL
 * aggregate, windows are UTC `date_trunc` buckets, and events are attributed to customers by
 * joining their customer reference (id or alias) to the customers' current reference sets.
 * `domain/usage/aggregate.ts` is the reference semantics; a property test holds the two equal.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { UsageQuery, UsageRow } from '../app/ports.js'
import type { StreamingMetricDefinition } from '../domain/usage/billable-metric.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

const NUMBER_PATTERN = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'

function text(name: string): RawBuilder<string | null> {
  return sql`(e.properties ->> ${name}::text)`
}

function numeric(name: string): RawBuilder<string | null> {
  return sql`CASE WHEN ${text(name)} ~ ${NUMBER_PATTERN} THEN ${text(name)}::numeric END`
}

/** The metric's matching rules as one SQL condition (ANDed). */
export function metricCondition(definition: StreamingMetricDefinition): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [sql`TRUE`]
  const eventTypes = definition.eventTypeFilter
  if (eventTypes?.inValues)
    conditions.push(sql`e.event_type = ANY(${[...eventTypes.inValues]}::text[])`)
  if (eventTypes?.notInValues) {
    conditions.push(sql`NOT (e.event_type = ANY(${[...eventTypes.notInValues]}::text[]))`)
  }
  for (const filter of definition.propertyFilters) {
    if (filter.exists === true)
      conditions.push(sql`jsonb_exists(e.properties, ${filter.name}::text)`)
    if (filter.exists === false)
      conditions.push(sql`NOT jsonb_exists(e.properties, ${filter.name}::text)`)
    if (filter.inValues)
      conditions.push(sql`${text(filter.name)} = ANY(${[...filter.inValues]}::text[])`)
    if (filter.notInValues) {
      const values = [...filter.notInValues]
      conditions.push(
        sql`(${text(filter.name)} IS NULL OR NOT (${text(filter.name)} = ANY(${values}::text[])))`,
      )
    }
  }
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`
}

/** The aggregate of the matching events, as numeric text (NULL where there is no value). */
function aggregateExpression(definition: StreamingMetricDefinition): RawBuilder<string | null> {
  const key = definition.aggregationKey ?? ''
  switch (definition.aggregationType) {
    case 'COUNT':
      return sql`count(*)::text`
    case 'SUM':
      return sql`coalesce(sum(${numeric(key)}), 0)::text`
    case 'MAX':
      return sql`max(${numeric(key)})::text`
    case 'UNIQUE':
      return sql`count(DISTINCT ${text(key)})::text`
    case 'LATEST':
      // The value of the latest event carrying a number; equal timestamps: the greatest
      // transaction_id in byte order (COLLATE "C"), as the reference implementation does.
      return sql`((array_agg(${numeric(key)} ORDER BY e.ts DESC, e.transaction_id COLLATE "C" DESC)
        FILTER (WHERE ${numeric(key)} IS NOT NULL))[1])::text`
  }
}

function windowExpression(query: UsageQuery): RawBuilder<Date> {
  if (query.windowSize === 'NONE') return sql`${query.startingAt}::timestamptz`
  const unit = query.windowSize === 'HOUR' ? 'hour' : 'day'
  return sql`date_trunc(${unit}, e.ts, 'UTC')`
}

/**
 * One row per (customer, window bucket) with events, plus one per group when grouped (`group`
 * is then the values of the group keys, null where an event lacks a key; `isTotal` marks the
 * row over all groups).
 */
export async function aggregateUsage(db: Executor, query: UsageQuery): Promise<UsageRow[]> {
  if (query.customers.length === 0) return []
  const refs = query.customers.flatMap((customer) => customer.refs)
  const owners = query.customers.flatMap((customer) => customer.refs.map(() => customer.customerId))
  const keys = query.groupKeys
  // A group is the JSON array of the key values (null where an event lacks a key).
  const group =
    keys === null
      ? sql`NULL::jsonb`
      : sql`jsonb_build_array(${sql.join(keys.map((key) => text(key)))})`
  // Window and group are computed once in a lateral subquery, so GROUP BY and GROUPING() name
  // plain columns (a repeated parameterized expression would not count as the same one).
  const grouping =
    keys === null
      ? sql`GROUP BY m.customer_id, x.w`
      : sql`GROUP BY GROUPING SETS ((m.customer_id, x.w), (m.customer_id, x.w, x.g))`
  const result = await sql<{
    customer_id: string
    w: Date
    g: Array<string | null> | null
    is_total: boolean
    value: string | null
  }>`
    SELECT m.customer_id, x.w, ${keys === null ? sql`NULL::jsonb` : sql`x.g`} AS g,
      ${keys === null ? sql`TRUE` : sql`GROUPING(x.g) = 1`} AS is_total,
      ${aggregateExpression(query.definition)} AS value
    FROM events e
    JOIN unnest(${refs}::text[], ${owners}::uuid[]) AS m(ref, customer_id) ON e.customer_ref = m.ref
    CROSS JOIN LATERAL (SELECT ${windowExpression(query)} AS w, ${group} AS g) AS x
    WHERE e.client_id = ${query.clientId}::uuid
      AND e.ts >= ${query.startingAt} AND e.ts < ${query.endingBefore}
      AND ${metricCondition(query.definition)}
    ${grouping}`.execute(db)
  return result.rows.map((row) => ({
    customerId: row.customer_id,
    bucketStart: row.w,
    group: row.g,
    isTotal: row.is_total,
    value: row.value,
  }))
}
