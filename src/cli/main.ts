/**
 * `metrum serve | migrate | token create | pricing-unit create | ingest`. Parses arguments, reads the environment through
 * `config.ts`, and prints what a person needs to call the server.
 */
import { parseArgs } from 'node:util'
import { createPricingUnit } from '../app/pricing/create-pricing-unit.js'
import { createApiToken } from '../app/tenancy/create-api-token.js'
import { DEFAULT_CLIENT_NAME } from '../app/tenancy/bootstrap.js'
import { ensureClient } from '../app/tenancy/ensure-client.js'
import { loadProcessConfig, type Config } from '../config.js'
import { openRuntime, startServer, type RunningServer } from '../main.js'
import { printBanner } from './banner.js'
import { ingestFile } from './ingest-file.js'

const usage = `Usage:
  metrum serve [--port N] [--host H] [--data-dir DIR] [--database-url URL]
  metrum migrate [--data-dir DIR] [--database-url URL]
  metrum token create [--client NAME] [--name NAME] [--data-dir DIR] [--database-url URL]
  metrum pricing-unit create NAME [--client NAME] [--data-dir DIR] [--database-url URL]
  metrum ingest FILE.ndjson [--batch 100] [--client NAME] [--data-dir DIR] [--database-url URL]

Environment: PORT (8080), HOST (127.0.0.1), METRUM_DATA_DIR (./.metrum), DATABASE_URL
(PostgreSQL; unset = embedded PGlite), METRUM_API_TOKEN, LOG_LEVEL (info).`

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  client: { type: 'string' },
  name: { type: 'string' },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true })
  if (values.help || positionals.length === 0) {
    console.log(usage)
    return values.help ? 0 : 2
  }
  const config = loadProcessConfig({
    port: values.port,
    host: values.host,
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'],
  })
  const command = positionals.join(' ')
  if (command === 'serve') return serve(config)
  if (command === 'migrate') return migrateCommand(config)
  if (command === 'token create') return tokenCreate(config, values.client, values.name)
  if (
    positionals[0] === 'pricing-unit' &&
    positionals[1] === 'create' &&
    positionals.length === 3
  ) {
    return pricingUnitCreate(config, positionals[2]!, values.client)
  }
  if (positionals[0] === 'ingest' && positionals.length === 2) {
    return ingestCommand(config, positionals[1]!, values.batch, values.client)
  }
  console.error(`Unknown command: ${command}\n\n${usage}`)
  return 2
}

async function serve(config: Config): Promise<number> {
  const started = Date.now()
  const server = await startServer(config)
  printBanner(server, config, Date.now() - started)
  await waitForShutdown(server)
  return 0
}

function waitForShutdown(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    let closing = false
    const stop = (signal: string) => {
      if (closing) return
      closing = true
      console.log(`\n${signal}: finishing in-flight requests and closing the database…`)
      server.close().then(resolve, (error: unknown) => {
        console.error(error)
        process.exitCode = 1
        resolve()
      })
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
}

async function migrateCommand(config: Config): Promise<number> {
  const runtime = await openRuntime(config)
  const applied = runtime.storage.migrations.applied
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
  await runtime.close()
  return 0
}

async function tokenCreate(
  config: Config,
  clientName: string | undefined,
  name: string | undefined,
) {
  const runtime = await openRuntime(config)
  try {
    const client = await ensureClient(runtime.app, clientName ?? DEFAULT_CLIENT_NAME)
    const created = await createApiToken(runtime.app, {
      clientId: client.id,
      name: name ?? 'cli',
      audit: null,
    })
    console.log(
      `Token for client "${client.name}" (shown once, stored only hashed):\n${created.secret}`,
    )
    return 0
  } finally {
    await runtime.close()
  }
}

async function pricingUnitCreate(
  config: Config,
  name: string,
  clientName: string | undefined,
): Promise<number> {
  const runtime = await openRuntime(config)
  try {
    const client = await ensureClient(runtime.app, clientName ?? DEFAULT_CLIENT_NAME)
    const created = await createPricingUnit(runtime.app, { clientId: client.id, name, audit: null })
    if (!created.ok) {
      console.error(created.error.message.replace(/^body\.name/, 'NAME'))
      return 2
    }
    console.log(
      `Pricing unit "${created.value.name}" for client "${client.name}": ${created.value.id}`,
    )
    return 0
  } finally {
    await runtime.close()
  }
}

async function ingestCommand(
  config: Config,
  path: string,
  batch: string | undefined,
  clientName: string | undefined,
): Promise<number> {
  const batchSize = Number.parseInt(batch ?? '100', 10)
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) {
    console.error('--batch must be an integer from 1 to 100 (the API batch limit)')
    return 2
  }
  const runtime = await openRuntime(config)
  try {
    const summary = await ingestFile(runtime, {
      path,
      batchSize,
      clientName: clientName ?? DEFAULT_CLIENT_NAME,
      progress: (line) => process.stderr.write(`\r${line}`),
    })
    process.stderr.write('\n')
    const rate = Math.round(
      (summary.accepted + summary.duplicates) / Math.max(summary.seconds, 0.001),
    )
    console.log(
      `Ingested ${summary.accepted} new events (${summary.duplicates} duplicates, ${summary.rejected} rejected) ` +
        `from ${summary.lines} lines in ${summary.seconds.toFixed(1)} s (${rate} events/s).`,
    )
    if (summary.firstProblem) console.log(`First rejection: ${summary.firstProblem}`)
    return summary.rejected > 0 ? 1 : 0
  } finally {
    await runtime.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
