/** An in-process server on a fresh database, for API tests through `fastify.inject()`. */
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
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
  /** The id of the default client, the one `token` belongs to. */
  readonly clientId: string
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
    clientId: outcome.client.id,
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

/**
 * Registers hooks in the calling `describe` that start a test app on `kind` before its tests
 * and close it after them. The answer stands for that app: read its fields inside hooks and
 * tests, once the `before` hook has run.
 */
export function useTestApp(kind: TestDatabase['kind'] = 'pglite'): TestApp {
  let started: TestApp | null = null
  before(async () => {
    started = await startTestApp(kind)
  })
  after(() => started?.close())
  const app = (): TestApp => {
    if (started === null) throw new Error('the test app is not started yet (use it in a test)')
    return started
  }
  return {
    get fastify() {
      return app().fastify
    },
    get app() {
      return app().app
    },
    get token() {
      return app().token
    },
    get clientId() {
      return app().clientId
    },
    tokenForClient: (clientName) => app().tokenForClient(clientName),
    close: () => app().close(),
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

/** The audit actions recorded on one resource of the default client, oldest first (at most 100). */
export async function auditActions(
  t: TestApp,
  resource: { readonly type: string; readonly id: string },
): Promise<string[]> {
  const rows = await t.app.store.listAudit({
    clientId: t.clientId,
    sort: 'date_asc',
    limit: 100,
    after: null,
    startingOn: null,
    endingBefore: null,
    resource,
  })
  return rows.map((row) => row.item.action)
}

/** Requests to one test app, as the default client unless a token is given. */
export interface JsonCalls {
  /** The answer, whatever its status. */
  call(path: string, payload?: unknown, token?: string): Promise<JsonAnswer>
  /** Asserts a 200 and answers the body. */
  ok(path: string, payload?: unknown, token?: string): Promise<JsonAnswer['body']>
  /** Asserts a 400 whose message matches, and answers the body. */
  refused(path: string, payload: unknown, message: RegExp): Promise<JsonAnswer['body']>
}

export function jsonCalls(t: TestApp): JsonCalls {
  const call = (path: string, payload?: unknown, token = t.token) =>
    requestJson(t, path, payload, { token })
  return {
    call,
    async ok(path, payload, token) {
      const answer = await call(path, payload, token)
      assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`)
      return answer.body
    },
    async refused(path, payload, message) {
      const answer = await call(path, payload)
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`)
      assert.match(answer.body.message, message)
      return answer.body
    },
  }
}
