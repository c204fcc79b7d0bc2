/** An in-process server on a fresh database, for API tests through `fastify.inject()`. */
import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../src/app/deps.js'
import { bootstrap } from '../../src/app/tenancy/bootstrap.js'
import { createApiToken } from '../../src/app/tenancy/create-api-token.js'
import { ensureClient } from '../../src/app/tenancy/ensure-client.js'
import { buildServer } from '../../src/api/server.js'
import { openRuntime } from '../../src/main.js'
import { createTestDatabase, type TestDatabase } from './databases.js'
import { installResponseOracle } from './response-oracle.js'

export interface TestApp {
  readonly fastify: FastifyInstance
  readonly app: AppDeps
  /** A token of the default client. */
  readonly token: string
  /** A token of another, isolated client. */
  tokenForClient(clientName: string): Promise<string>
  close(): Promise<void>
}

export async function startTestApp(kind: TestDatabase['kind'] = 'pglite'): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const runtime = await openRuntime({ databaseUrl: database.databaseUrl, dataDir: null })
  const outcome = await bootstrap(runtime.app, { configuredToken: null })
  if (outcome.kind !== 'generated-token') throw new Error('a fresh database must generate a token')
  const api = await buildServer({
    deps: { app: runtime.app, server: { listenAddresses: ['127.0.0.1'] } },
    logger: process.env['TEST_LOG'] ? { level: 'error' } : false,
  })
  installResponseOracle(api.fastify)
  await api.fastify.ready()
  return {
    fastify: api.fastify,
    app: runtime.app,
    token: outcome.secret,
    async tokenForClient(clientName) {
      const client = await ensureClient(runtime.app, clientName)
      const created = await createApiToken(runtime.app, {
        clientId: client.id,
        name: 'test',
        audit: null,
      })
      return created.secret
    },
    async close() {
      await api.fastify.close()
      await runtime.close()
      await database.drop()
    },
  }
}

export interface JsonAnswer {
  readonly status: number
  /** The parsed JSON body; undefined for an empty one. */
  readonly body: any // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
  readonly headers: Record<string, string | string[] | number | undefined>
}

/** An authenticated JSON request through `inject()`; POST unless told (no payload: no body). */
export async function requestJson(
  t: TestApp,
  url: string,
  payload?: unknown,
  options: { readonly token?: string; readonly method?: 'GET' | 'POST' } = {},
): Promise<JsonAnswer> {
  const response = await t.fastify.inject({
    method: options.method ?? 'POST',
    url,
    headers: { authorization: `Bearer ${options.token ?? t.token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
  return {
    status: response.statusCode,
    body: response.body ? response.json() : undefined,
    headers: response.headers,
  }
}

/** The audit actions recorded on one resource, oldest first (at most 100). */
export async function auditActions(
  t: TestApp,
  clientId: string,
  resource: { readonly type: string; readonly id: string },
): Promise<string[]> {
  const rows = await t.app.store.listAudit({
    clientId,
    sort: 'date_asc',
    limit: 100,
    after: null,
    startingOn: null,
    endingBefore: null,
    resource,
  })
  return rows.map((row) => row.item.action)
}
