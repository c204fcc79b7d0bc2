/**
 * Usage events. Ingest is one statement per batch: `unnest` arrays (five parameters whatever the
 * batch size, the same SQL on PGlite and PostgreSQL) with ON CONFLICT DO NOTHING, so a repeated
 * transaction_id (across batches or inside one) is a no-op and the first write wins.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { NewEvent, StoredEvent } from '../app/ports.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

/** Inserts the events not seen before; returns how many were new. */
export async function insertEvents(
  db: Executor,
  clientId: string,
  events: readonly NewEvent[],
  receivedAt: Date,
): Promise<number> {
  if (events.length === 0) return 0
  const result = await sql`
    INSERT INTO events (client_id, transaction_id, customer_ref, event_type, ts, properties, received_at)
    SELECT ${clientId}::uuid, t.transaction_id, t.customer_ref, t.event_type, t.ts, t.properties, ${receivedAt}
    FROM unnest(
      ${events.map((e) => e.transactionId)}::text[],
      ${events.map((e) => e.customerRef)}::text[],
      ${events.map((e) => e.eventType)}::text[],
      ${events.map((e) => e.timestamp)}::timestamptz[],
      ${events.map((e) => e.propertiesJson)}::jsonb[]
    ) WITH ORDINALITY AS t(transaction_id, customer_ref, event_type, ts, properties, n)
    ORDER BY t.n
    ON CONFLICT (client_id, transaction_id) DO NOTHING`.execute(db)
  return Number(result.numAffectedRows ?? 0n)
}

export async function findEvents(
  db: Executor,
  clientId: string,
  transactionIds: readonly string[],
): Promise<StoredEvent[]> {
  if (transactionIds.length === 0) return []
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('transaction_id', 'in', [...transactionIds])
    .execute()
  return rows.map((row) => ({
    transactionId: row.transaction_id,
    customerRef: row.customer_ref,
    eventType: row.event_type,
    timestamp: row.ts,
    properties: row.properties as Record<string, unknown>,
    receivedAt: row.received_at,
  }))
}
