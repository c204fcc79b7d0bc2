/**
 * Applies the numbered SQL files in `migrations/` in order, each in its own transaction.
 * Forward only: an applied file whose checksum changed is an error, never silently re-run.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.js'

export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
  readonly checksum: string
}

const migrationsDir = new URL('./migrations/', import.meta.url)

export function loadMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(new URL(file, migrationsDir), 'utf8')
      return {
        version: Number.parseInt(file.slice(0, 4), 10),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      }
    })
}

export interface MigrationReport {
  readonly applied: readonly string[]
}

export async function migrate(
  db: Kysely<Database>,
  migrations = loadMigrations(),
): Promise<MigrationReport> {
  await sql`CREATE TABLE IF NOT EXISTS metrum_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  const applied: string[] = []
  for (const migration of migrations) {
    const didApply = await db.transaction().execute(async (trx) => {
      // Two servers starting on one database must not apply the same file twice.
      await sql`SELECT pg_advisory_xact_lock(7236105)`.execute(trx)
      const row = await trx
        .selectFrom('metrum_migrations')
        .select(['checksum'])
        .where('version', '=', migration.version)
        .executeTakeFirst()
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name} was changed after it was applied`,
          )
        }
        return false
      }
      await sql.raw(migration.sql).execute(trx)
      await trx
        .insertInto('metrum_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute()
      return true
    })
    if (didApply) applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`)
  }
  return { applied }
}
