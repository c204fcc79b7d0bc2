/**
 * The one place that reads the environment. Everything else receives a `Config`.
 */
import { resolve } from 'node:path'

export interface Config {
  readonly host: string
  readonly port: number
  /** PostgreSQL connection string; null runs the embedded PGlite store. */
  readonly databaseUrl: string | null
  /** Where the embedded store keeps its files; null keeps it in memory. */
  readonly dataDir: string | null
  readonly apiToken: string | null
  readonly logLevel: string
}

export interface ConfigFlags {
  readonly host?: string | undefined
  readonly port?: string | undefined
  readonly dataDir?: string | undefined
  readonly databaseUrl?: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const port = Number.parseInt(flags.port ?? env['PORT'] ?? '8080', 10)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${flags.port ?? env['PORT']}`)
  }
  const apiToken = nonEmpty(env['METRUM_API_TOKEN'])
  if (apiToken !== null && apiToken.length < 1) throw new Error('METRUM_API_TOKEN is empty')
  const dataDir = flags.dataDir ?? nonEmpty(env['METRUM_DATA_DIR']) ?? './.metrum'
  return {
    host: flags.host ?? nonEmpty(env['HOST']) ?? '127.0.0.1',
    port,
    databaseUrl: flags.databaseUrl ?? nonEmpty(env['DATABASE_URL']),
    dataDir: dataDir === ':memory:' ? null : resolve(dataDir),
    apiToken,
    logLevel: nonEmpty(env['LOG_LEVEL']) ?? 'info',
  }
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}

/** The configuration of this process: its environment, overridden by command-line flags. */
export function loadProcessConfig(flags: ConfigFlags = {}): Config {
  return loadConfig(process.env, flags)
}
