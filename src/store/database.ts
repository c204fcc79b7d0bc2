/**
 * One connection path for both modes: a `pg` pool (to PostgreSQL, or to the embedded PGlite
 * socket) under Kysely.
 */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './tables.js'

export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly pool: pg.Pool
  close(): Promise<void>
}

export function openDatabase(connectionString: string, maxConnections: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: maxConnections })
  // An idle client can lose its server (a restart); the pool replaces it on the next checkout.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, pool, close: () => db.destroy() }
}
