/**
 * The composition root: the only place that creates pools, the clock, the id source and the
 * job queue, and wires them into the use cases and the HTTP edge.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import type { FastifyServerOptions } from 'fastify'
import type { AppDeps } from './app/deps.js'
import type { Clock, IdSource, JobQueue } from './app/ports.js'
import { bootstrap, type BootstrapOutcome } from './app/tenancy/bootstrap.js'
import { startUsageRoller, type UsageRoller } from './app/usage/usage-roller.js'
import type { Config } from './config.js'
import { openStorage, type OpenStorage } from './store/open.js'
import { createPostgresStore } from './store/postgres-store.js'

export const systemClock: Clock = { now: () => new Date() }

export const randomIds: IdSource = {
  newId: () => randomUUID(),
  newSecret: () => `mtr_${randomBytes(32).toString('base64url')}`,
}

export interface Runtime {
  readonly storage: OpenStorage
  readonly app: AppDeps
  close(): Promise<void>
}

/** Opens storage (migrated) and builds the use-case dependencies. */
export async function openRuntime(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
): Promise<Runtime> {
  const storage = await openStorage(config)
  const app: AppDeps = {
    store: createPostgresStore(storage.database.db),
    clock: systemClock,
    ids: randomIds,
  }
  return { storage, app, close: () => storage.close() }
}

export interface RunningServer {
  readonly url: string
  readonly bootstrap: BootstrapOutcome
  readonly runtime: Runtime
  close(): Promise<void>
}

export async function startServer(
  config: Config,
  logger: FastifyServerOptions['logger'] = { level: config.logLevel },
): Promise<RunningServer> {
  // The embedded database boots in its own thread; loading the HTTP edge and the job queue
  // (the bulk of start-up's module loading) meanwhile keeps a warm start under 3 s.
  const [runtime, { buildServer }, { startJobQueue }] = await Promise.all([
    openRuntime(config),
    import('./api/server.js'),
    import('./store/job-queue.js'),
  ])
  let jobs: JobQueue | null = null
  let roller: UsageRoller | null = null
  try {
    const outcome = await bootstrap(runtime.app, { configuredToken: config.apiToken })
    jobs = await startJobQueue({
      connectionString: runtime.storage.connectionString,
      pollingIntervalSeconds: runtime.storage.kind === 'embedded' ? 2 : 1,
    })
    const api = await buildServer({
      deps: { app: runtime.app, server: { listenAddresses: listenAddresses(config.host) } },
      logger,
    })
    await api.fastify.listen({ host: config.host, port: config.port })
    roller = startUsageRoller(runtime.app.store, {
      intervalMs: 250,
      // On the embedded store a roll-up transaction holds the one session: keep each short.
      chunkEvents: runtime.storage.kind === 'embedded' ? 10_000 : 100_000,
      onError: (error) => api.fastify.log.error({ err: error }, 'usage roll-up failed'),
    })
    const usageRoller = roller
    const address = api.fastify.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const queue = jobs
    return {
      url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
      bootstrap: outcome,
      runtime,
      close: async () => {
        await api.fastify.close()
        await usageRoller.stop()
        await queue.stop()
        await runtime.close()
      },
    }
  } catch (error) {
    await roller?.stop()
    await jobs?.stop()
    await runtime.close()
    throw error
  }
}

/** The addresses clients can reach a server bound to `host` at. */
function listenAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host]
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal && (host === '::' || address.family === 'IPv4'))
    .map((address) => address.address)
}
