/**
 * The databases store tests run on: always the embedded PGlite, and PostgreSQL when one is
 * reachable. CI sets METRUM_TEST_POSTGRES=required so that a missing server fails the run
 * instead of silently skipping half the suite. Each PostgreSQL test gets its own database.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  readonly kind: 'pglite' | 'postgres'
  /** PostgreSQL connection string, or null for an in-memory embedded database. */
  readonly databaseUrl: string | null
  drop(): Promise<void>
}

const adminUrl =
  process.env['METRUM_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
let postgresReachable: Promise<boolean> | null = null

async function checkPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch (error) {
    if (process.env['METRUM_TEST_POSTGRES'] === 'required') {
      throw new Error(
        `PostgreSQL is required for tests but unreachable at ${adminUrl}: ${String(error)}`,
        { cause: error },
      )
    }
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** The kinds of database available to this run. */
export async function databaseKinds(): Promise<Array<TestDatabase['kind']>> {
  postgresReachable ??= checkPostgres()
  return (await postgresReachable) ? ['pglite', 'postgres'] : ['pglite']
}

export async function createTestDatabase(kind: TestDatabase['kind']): Promise<TestDatabase> {
  if (kind === 'pglite') return { kind, databaseUrl: null, drop: async () => {} }
  const name = `metrum_test_${randomUUID().replaceAll('-', '')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind,
    databaseUrl: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => {},
      ),
  }
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
