/**
 * Opens the configured database, migrated: PostgreSQL when a URL is given, otherwise the
 * embedded PGlite (persisted in `dataDir`, or in memory when that is null).
 */
import { openDatabase, type DatabaseHandle } from './database.js'
import { migrate, type MigrationReport } from './migrate.js'
import { startEmbeddedDatabase } from './pglite/embedded.js'

export interface OpenStorage {
  readonly kind: 'postgres' | 'embedded'
  readonly connectionString: string
  readonly database: DatabaseHandle
  readonly migrations: MigrationReport
  close(): Promise<void>
}

export interface StorageOptions {
  readonly databaseUrl: string | null
  readonly dataDir: string | null
}

export async function openStorage(options: StorageOptions): Promise<OpenStorage> {
  const embedded = options.databaseUrl ? null : await startEmbeddedDatabase(options.dataDir)
  const connectionString = options.databaseUrl ?? embedded?.connectionString
  if (!connectionString) throw new Error('no database connection string')
  // PGlite runs one statement at a time, so more connections only queue in its multiplexer.
  const database = openDatabase(connectionString, embedded ? 4 : 16)
  try {
    const migrations = await migrate(database.db)
    return {
      kind: embedded ? 'embedded' : 'postgres',
      connectionString,
      database,
      migrations,
      close: async () => {
        await database.close()
        await embedded?.stop()
      },
    }
  } catch (error) {
    await database.close()
    await embedded?.stop()
    throw error
  }
}
