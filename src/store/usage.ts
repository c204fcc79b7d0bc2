/**
 * Usage aggregation in SQL: the metric's filters become WHERE clauses, its aggregation a SQL
 * aggregate, windows are UTC `date_trunc` buckets, and events are attributed to customers by
 * joining their customer reference (id or alias) to the customers' current reference sets.
 * `domain/usage/aggregate.ts` is the reference semantics; a property test holds the two equal.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { UsageQuery, UsageRow } from '../app/ports.js'
import type { StreamingMetricDefinition } from '../domain/usage/billable-metric.js'
import {
  canRollUp,
  edges,
  rollupKeys,
  wholeHours,
  type HalfOpenRange,
} from '../domain/usage/rollup.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

const NUMBER_PATTERN = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'

function text(name: string): RawBuilder<string | null> {
  return sql`(e.properties ->> ${name}::text)`
}

export function numeric(name: string): RawBuilder<string | null> {
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
 *
 * Reads the metric's hourly rollup for the whole hours of the range when it can (see
 * usage-rollups.ts); raw events otherwise. Both paths give the same answer, to the digit.
 */
export async function aggregateUsage(db: Executor, query: UsageQuery): Promise<UsageRow[]> {
  if (query.customers.length === 0) return []
  const hours = wholeHours(query)
  const keys = rollupKeys(query.definition)
  const covered = (query.groupKeys ?? []).every((key) => keys.includes(key))
  // Inside a caller's transaction the snapshot is not ours to choose: read raw events.
  if (!hours || !covered || !canRollUp(query.definition) || db.isTransaction) {
    return rawAggregate(db, query)
  }
  // One snapshot for the watermark and both reads: a roller committing in between must not
  // move events from the raw side to the rollup side under us.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const progress = await sql<{ rolled: string | null; latest: string | null }>`
        SELECT (SELECT rolled_up_through::text FROM billable_metrics
                WHERE client_id = ${query.clientId}::uuid AND id = ${query.metricId}::uuid) AS rolled,
               (SELECT max(seq)::text FROM events WHERE client_id = ${query.clientId}::uuid) AS latest`.execute(
        trx,
      )
      const rolled = BigInt(progress.rows[0]?.rolled ?? '0')
      const latest = BigInt(progress.rows[0]?.latest ?? '0')
      // A rollup far behind saves little and its tail would be a large scan: read raw.
      if (rolled === 0n || latest - rolled > MAX_TAIL_EVENTS) return rawAggregate(trx, query)
      return rolledUpAggregate(trx, query, hours, rolled)
    })
}

/** Beyond this many events past a rollup's watermark, the raw path is the cheaper read. */
const MAX_TAIL_EVENTS = 200_000n

/** A usage row as both aggregation queries return it. */
interface DbUsageRow {
  customer_id: string
  w: Date
  g: Array<string | null> | null
  is_total: boolean
  value: string | null
}

/** Each reference with the customer it belongs to, as two parallel arrays for `unnest`. */
function referenceOwners(query: UsageQuery) {
  return {
    refs: query.customers.flatMap((customer) => customer.refs),
    owners: query.customers.flatMap((customer) => customer.refs.map(() => customer.customerId)),
  }
}

/** The group of a row: the JSON array of the key values (null where a key is missing). */
function groupExpression(
  keys: readonly string[] | null,
  value: (key: string) => RawBuilder<unknown>,
) {
  return keys === null ? sql`NULL::jsonb` : sql`jsonb_build_array(${sql.join(keys.map(value))})`
}

function rowsOf(rows: DbUsageRow[]): UsageRow[] {
  return rows.map((row) => ({
    customerId: row.customer_id,
    bucketStart: row.w,
    group: row.g,
    isTotal: row.is_total,
    value: row.value,
  }))
}

function grouping(keys: readonly string[] | null) {
  return keys === null
    ? sql`GROUP BY p.customer_id, p.w`
    : sql`GROUP BY GROUPING SETS ((p.customer_id, p.w), (p.customer_id, p.w, p.g))`
}

/** Combines per-hour partials and per-event partials into the metric's value. */
function combinedExpression(definition: StreamingMetricDefinition): RawBuilder<string | null> {
  switch (definition.aggregationType) {
    case 'COUNT':
      return sql`coalesce(sum(p.n), 0)::text`
    case 'SUM':
      return sql`coalesce(sum(p.s), 0)::text`
    case 'MAX':
      return sql`max(p.mx)::text`
    case 'LATEST':
      return sql`((array_agg(p.lv ORDER BY p.lts DESC, p.ltx COLLATE "C" DESC)
        FILTER (WHERE p.lv IS NOT NULL))[1])::text`
    case 'UNIQUE':
      throw new Error('UNIQUE usage is never read from rollups')
  }
}

/**
 * Whole hours from the rollup (events up to the watermark), everything else from raw events:
 * the partial hours at the range's edges, and events past the watermark inside the whole hours.
 * The three parts are disjoint and together are exactly the range's events.
 */
async function rolledUpAggregate(
  db: Executor,
  query: UsageQuery,
  hours: HalfOpenRange,
  rolledThrough: bigint,
): Promise<UsageRow[]> {
  const { refs, owners } = referenceOwners(query)
  const keys = query.groupKeys
  const value = query.definition.aggregationKey
    ? numeric(query.definition.aggregationKey)
    : sql`NULL::numeric`
  const rawGroup = groupExpression(keys, text)
  const rollupGroup = groupExpression(keys, (key) => sql`(r.group_values ->> ${key}::text)`)
  const rollupWindow =
    query.windowSize === 'NONE'
      ? sql`${query.startingAt}::timestamptz`
      : query.windowSize === 'HOUR'
        ? sql`r.hour`
        : sql`date_trunc('day', r.hour, 'UTC')`
  const rawPart = (events: RawBuilder<unknown>, where: RawBuilder<unknown>) => sql`
    SELECT m.customer_id, x.w, x.g, 1::bigint AS n, ${value} AS s, ${value} AS mx, e.ts AS lts,
      e.transaction_id AS ltx, ${value} AS lv
    FROM ${events} e
    JOIN m ON e.customer_ref = m.ref
    CROSS JOIN LATERAL (SELECT ${windowExpression(query)} AS w, ${rawGroup} AS g) AS x
    WHERE ${where} AND ${metricCondition(query.definition)}`
  const edgeParts = edges(query, hours).map((edge) =>
    rawPart(
      sql`events`,
      sql`e.client_id = ${query.clientId}::uuid AND e.ts >= ${edge.startingAt} AND e.ts < ${edge.endingBefore}`,
    ),
  )
  const tailPart = rawPart(
    sql`tail`,
    sql`e.ts >= ${hours.startingAt} AND e.ts < ${hours.endingBefore}`,
  )
  const result = await sql<DbUsageRow>`
    WITH m(ref, customer_id) AS (SELECT * FROM unnest(${refs}::text[], ${owners}::uuid[])),
    -- Planned on its own so that it walks the (client_id, seq) index: the tail is short.
    tail AS MATERIALIZED (
      SELECT * FROM events
      WHERE client_id = ${query.clientId}::uuid AND seq > ${rolledThrough.toString()}::bigint
    ),
    p AS (
      SELECT m.customer_id, ${rollupWindow} AS w, ${rollupGroup} AS g, r.event_count AS n,
        r.value_sum AS s, r.value_max AS mx, r.latest_ts AS lts, r.latest_transaction_id AS ltx,
        r.latest_value AS lv
      FROM usage_rollups r
      JOIN m ON r.customer_ref = m.ref
      WHERE r.client_id = ${query.clientId}::uuid AND r.metric_id = ${query.metricId}::uuid
        AND r.hour >= ${hours.startingAt} AND r.hour < ${hours.endingBefore}
      UNION ALL ${tailPart}
      ${
        edgeParts.length === 0
          ? sql``
          : sql.join(
              edgeParts.map((part) => sql`UNION ALL ${part}`),
              sql` `,
            )
      }
    )
    SELECT p.customer_id, p.w, ${keys === null ? sql`NULL::jsonb` : sql`p.g`} AS g,
      ${keys === null ? sql`TRUE` : sql`GROUPING(p.g) = 1`} AS is_total,
      ${combinedExpression(query.definition)} AS value
    FROM p
    ${grouping(keys)}`.execute(db)
  return rowsOf(result.rows)
}

/** The aggregate straight from raw events. */
async function rawAggregate(db: Executor, query: UsageQuery): Promise<UsageRow[]> {
  const { refs, owners } = referenceOwners(query)
  const keys = query.groupKeys
  // Window and group are computed once in a lateral subquery, so GROUP BY and GROUPING() name
  // plain columns (a repeated parameterized expression would not count as the same one).
  const result = await sql<DbUsageRow>`
    SELECT p.customer_id, p.w, ${keys === null ? sql`NULL::jsonb` : sql`p.g`} AS g,
      ${keys === null ? sql`TRUE` : sql`GROUPING(p.g) = 1`} AS is_total,
      ${aggregateExpression(query.definition)} AS value
    FROM events e
    JOIN unnest(${refs}::text[], ${owners}::uuid[]) AS m(ref, customer_id) ON e.customer_ref = m.ref
    CROSS JOIN LATERAL (
      SELECT m.customer_id, ${windowExpression(query)} AS w, ${groupExpression(keys, text)} AS g
    ) AS p
    WHERE e.client_id = ${query.clientId}::uuid
      AND e.ts >= ${query.startingAt} AND e.ts < ${query.endingBefore}
      AND ${metricCondition(query.definition)}
    ${grouping(keys)}`.execute(db)
  return rowsOf(result.rows)
}
