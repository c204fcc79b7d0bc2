/**
 * Usage events. Ingest is one statement per batch: `unnest` arrays (five parameters whatever the
 * batch size, the same SQL on PGlite and PostgreSQL) with ON CONFLICT DO NOTHING, so a repeated
 * transaction_id (across batches or inside one) is a no-op and the first write wins.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { NewEvent, StoredEvent } from '../app/ports.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Inserts the events not seen before and records the rest as duplicates (never counted, shown
 * by event search); returns how many were new.
 */
export async function insertEvents(
  db: Executor,
  clientId: string,
  events: readonly NewEvent[],
  receivedAt: Date,
): Promise<number> {
  if (events.length === 0) return 0
  const inserted = await sql<{ transaction_id: string }>`
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
    ON CONFLICT (client_id, transaction_id) DO NOTHING
    RETURNING transaction_id`.execute(db)
  const newCount = inserted.rows.length
  if (newCount < events.length) {
    const storedNow = new Set(inserted.rows.map((row) => row.transaction_id))
    await recordDuplicates(db, clientId, events, storedNow, receivedAt)
  }
  return newCount
}

/**
 * Records the events of a batch that are not the stored original of their transaction id.
 * Runs only for batches that had duplicates, so the common path stays one statement.
 */
async function recordDuplicates(
  db: Executor,
  clientId: string,
  events: readonly NewEvent[],
  storedNow: Set<string>,
  receivedAt: Date,
) {
  // The first event of the batch with a transaction id this statement stored is the original.
  const duplicates = events.filter((event) => {
    if (storedNow.has(event.transactionId)) {
      storedNow.delete(event.transactionId)
      return false
    }
    return true
  })
  if (duplicates.length === 0) return
  await sql`
    INSERT INTO event_duplicates (client_id, transaction_id, customer_ref, event_type, ts, properties, received_at)
    SELECT ${clientId}::uuid, t.transaction_id, t.customer_ref, t.event_type, t.ts, t.properties, ${receivedAt}
    FROM unnest(
      ${duplicates.map((e) => e.transactionId)}::text[],
      ${duplicates.map((e) => e.customerRef)}::text[],
      ${duplicates.map((e) => e.eventType)}::text[],
      ${duplicates.map((e) => e.timestamp)}::timestamptz[],
      ${duplicates.map((e) => e.propertiesJson)}::jsonb[]
    ) AS t(transaction_id, customer_ref, event_type, ts, properties)`.execute(db)
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
  const duplicates = await db
    .selectFrom('event_duplicates')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('transaction_id', 'in', [...transactionIds])
    .orderBy('seq')
    .execute()
  const toStored = (
    row: (typeof rows)[number] | (typeof duplicates)[number],
    isDuplicate: boolean,
  ) => ({
    transactionId: row.transaction_id,
    customerRef: row.customer_ref,
    eventType: row.event_type,
    timestamp: row.ts,
    properties: row.properties as Record<string, unknown>,
    receivedAt: row.received_at,
    isDuplicate,
  })
  return [
    ...rows.map((row) => toStored(row, false)),
    ...duplicates.map((row) => toStored(row, true)),
  ]
}
