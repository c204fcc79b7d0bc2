/**
 * The roller: folds newly ingested events into each streaming metric's hourly rollup, behind
 * ingest, in bounded chunks. Ingest never waits for it and usage never depends on it being
 * current (see usage.ts): a metric's watermark `rolled_up_through` says exactly which events
 * its rollup holds.
 *
 * Exactness rests on two facts. (1) Sequence numbers are taken under the events table's ROW
 * EXCLUSIVE lock, so after a brief SHARE lock every event at or below the highest visible seq
 * is committed (or rolled back, leaving a gap) — no later commit can appear below the
 * watermark. (2) A chunk's rollup rows and its watermark move in one transaction, with the
 * metric's row locked, so two rollers (two servers on one database) never fold a chunk twice.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { RollUpOutcome } from '../app/ports.js'
import type { StreamingMetricDefinition } from '../domain/usage/billable-metric.js'
import { canRollUp, rollupKeys } from '../domain/usage/rollup.js'
import { fromDbMetric } from './billable-metrics.js'
import type { Database } from './tables.js'
import { metricCondition, numeric } from './usage.js'

/**
 * The highest seq below which every event is committed. Read from the sequence itself (O(1)):
 * `max(seq)` over all clients would scan the table while the SHARE lock holds ingest back.
 */
async function committedThrough(db: Kysely<Database>): Promise<bigint> {
  return db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE events IN SHARE MODE`.execute(trx)
    const row = await sql<{ seq: string | null }>`
      SELECT pg_sequence_last_value(pg_get_serial_sequence('events', 'seq')::regclass)::text AS seq`.execute(
      trx,
    )
    return BigInt(row.rows[0]?.seq ?? '0')
  })
}

/**
 * One pass: every rollable metric behind the log advances by at most `chunkEvents` of its
 * client's sequence range. Call until `caughtUp`.
 */
export async function rollUpUsage(
  db: Kysely<Database>,
  options: { readonly chunkEvents?: number } = {},
): Promise<RollUpOutcome> {
  const chunk = BigInt(options.chunkEvents ?? 100_000)
  const target = await committedThrough(db)
  const behind = await db
    .selectFrom('billable_metrics')
    .select(['client_id', 'id'])
    .where('sql', 'is', null)
    .where('aggregation_type', '<>', 'UNIQUE')
    .where('rolled_up_through', '<', target.toString())
    .orderBy('seq')
    .execute()
  let eventsRolled = 0
  let caughtUp = true
  for (const { client_id: clientId, id } of behind) {
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('billable_metrics')
        .selectAll()
        .where('client_id', '=', clientId)
        .where('id', '=', id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      // Another roller holds this metric; it will move the watermark.
      if (!row) return { rolled: 0, done: false }
      const metric = fromDbMetric(row)
      if (!metric.definition || !canRollUp(metric.definition)) return { rolled: 0, done: true }
      const from = BigInt(row.rolled_up_through)
      if (from >= target) return { rolled: 0, done: true }
      const to = from + chunk < target ? from + chunk : target
      const rolled = await foldEvents(trx, clientId, id, metric.definition, from, to)
      await trx
        .updateTable('billable_metrics')
        .set({ rolled_up_through: to.toString() })
        .where('client_id', '=', clientId)
        .where('id', '=', id)
        .execute()
      return { rolled, done: to === target }
    })
    eventsRolled += outcome.rolled
    caughtUp &&= outcome.done
  }
  return { eventsRolled, caughtUp }
}

/** Adds the metric's matching events with seq in (from, to] to its hourly rollup rows. */
async function foldEvents(
  db: Kysely<Database>,
  clientId: string,
  metricId: string,
  definition: StreamingMetricDefinition,
  from: bigint,
  to: bigint,
): Promise<number> {
  const keys = rollupKeys(definition)
  const groupValues =
    keys.length === 0
      ? sql`'{}'::jsonb`
      : sql`jsonb_build_object(${sql.join(
          keys.map((key) => sql`${key}::text, (e.properties ->> ${key}::text)`),
        )})`
  const value = definition.aggregationKey ? numeric(definition.aggregationKey) : null
  const nothing = sql`NULL`
  const type = definition.aggregationType
  const sumOf = type === 'SUM' && value ? sql`sum(${value})` : nothing
  const maxOf = type === 'MAX' && value ? sql`max(${value})` : nothing
  const latest = (column: RawBuilder<unknown>) =>
    type === 'LATEST' && value
      ? sql`(array_agg(${column} ORDER BY e.ts DESC, e.transaction_id COLLATE "C" DESC)
          FILTER (WHERE ${value} IS NOT NULL))[1]`
      : nothing
  // The incoming hour's latest replaces the stored one only if it is later by (ts, id).
  const newer = sql`(excluded.latest_ts IS NOT NULL AND (usage_rollups.latest_ts IS NULL
    OR excluded.latest_ts > usage_rollups.latest_ts
    OR (excluded.latest_ts = usage_rollups.latest_ts
      AND excluded.latest_transaction_id COLLATE "C" > usage_rollups.latest_transaction_id COLLATE "C")))`
  const result = await sql<{ events: string }>`
    WITH folded AS MATERIALIZED (
      SELECT e.customer_ref, date_trunc('hour', e.ts, 'UTC') AS hour, ${groupValues} AS group_values,
        count(*) AS event_count, ${sumOf} AS value_sum, ${maxOf} AS value_max,
        ${latest(sql`e.ts`)} AS latest_ts, ${latest(sql`e.transaction_id`)} AS latest_transaction_id,
        ${latest(value ?? nothing)} AS latest_value
      FROM events e
      WHERE e.client_id = ${clientId}::uuid AND e.seq > ${from.toString()}::bigint
        AND e.seq <= ${to.toString()}::bigint AND ${metricCondition(definition)}
      GROUP BY 1, 2, 3
    ), written AS (
      INSERT INTO usage_rollups (client_id, metric_id, customer_ref, hour, group_values, event_count,
        value_sum, value_max, latest_ts, latest_transaction_id, latest_value)
      SELECT ${clientId}::uuid, ${metricId}::uuid, f.customer_ref, f.hour, f.group_values,
        f.event_count, f.value_sum::numeric, f.value_max::numeric, f.latest_ts::timestamptz,
        f.latest_transaction_id::text, f.latest_value::numeric
      FROM folded f
      ON CONFLICT (client_id, metric_id, customer_ref, hour, group_values) DO UPDATE SET
        event_count = usage_rollups.event_count + excluded.event_count,
        value_sum = CASE WHEN usage_rollups.value_sum IS NULL THEN excluded.value_sum
          WHEN excluded.value_sum IS NULL THEN usage_rollups.value_sum
          ELSE usage_rollups.value_sum + excluded.value_sum END,
        value_max = greatest(usage_rollups.value_max, excluded.value_max),
        latest_ts = CASE WHEN ${newer} THEN excluded.latest_ts ELSE usage_rollups.latest_ts END,
        latest_transaction_id = CASE WHEN ${newer} THEN excluded.latest_transaction_id
          ELSE usage_rollups.latest_transaction_id END,
        latest_value = CASE WHEN ${newer} THEN excluded.latest_value
          ELSE usage_rollups.latest_value END
      RETURNING 1
    )
    SELECT coalesce(sum(event_count), 0)::text AS events, (SELECT count(*) FROM written) AS rows
    FROM folded`.execute(db)
  return Number(result.rows[0]?.events ?? 0)
}
