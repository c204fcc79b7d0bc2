/**
 * The HTTP edge. Builds a Fastify instance serving the implemented Metronome operations
 * (validated against the spec-generated schemas before any handler runs) and the `/_metrum/`
 * admin endpoints. Nothing here decides billing: handlers call use cases in `app/`.
 */
import { randomUUID } from 'node:crypto'
import { createGunzip, createInflate } from 'node:zlib'
import type { Transform } from 'node:stream'
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Caller } from '../app/ports.js'
import { registerAdminRoutes } from './admin/routes.js'
import { auditContextOf, createAuthenticator, type Authenticator } from './auth.js'
import { buildDocsDocument } from './docs.js'
import { handlers } from './endpoints.js'
import { errorBody, httpFor, statusFor, v2CodeForStatus } from './errors.js'
import { operations, type OperationSchema } from './generated/index.js'
import { createMetrics, type Metrics } from './metrics.js'
import type { AnyOperationHandler, ApiDeps } from './operation.js'
import {
  compileValidator,
  describeValidationError,
  findUnstorableText,
  type HttpPart,
} from './validation.js'

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
  }
}

export interface ServerOptions {
  readonly deps: ApiDeps
  readonly logger: FastifyServerOptions['logger']
}

export interface ApiServer {
  readonly fastify: FastifyInstance
  readonly metrics: Metrics
}

const operationsById = new Map(operations.map((operation) => [operation.operationId, operation]))

export async function buildServer(options: ServerOptions): Promise<ApiServer> {
  const fastify = Fastify({
    logger: options.logger ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024 * 1024,
    // Keep the raw path: Metronome ids never need decoding tricks, and 404s should echo it.
    routerOptions: { ignoreTrailingSlash: false },
  })
  const metrics = createMetrics()
  const authenticator = createAuthenticator(options.deps.app)

  fastify.setValidatorCompiler(({ schema, httpPart }) =>
    compileValidator(schema, (httpPart ?? 'body') as HttpPart),
  )
  // Responses are built by handlers from typed values; serializing with plain JSON.stringify
  // keeps every field the handler set (a response schema is documentation and a test oracle).
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data))
  installBodyParsing(fastify)
  installCommonHooks(fastify, metrics)
  installErrorHandling(fastify)

  await fastify.register(swagger, {
    openapi: { openapi: '3.0.3', info: { title: 'Metrum', version: '0.1.0' } },
    transformObject: (document) =>
      buildDocsDocument(
        ('openapiObject' in document ? document.openapiObject : {}) as Record<string, unknown>,
      ) as never,
  })
  await fastify.register(swaggerUi, { routePrefix: '/docs' })

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', authHook(authenticator))
    for (const handler of handlers) registerOperation(scope, handler, options.deps)
  })
  await fastify.register(async (scope) => {
    registerAdminRoutes(scope, { deps: options.deps, metrics, authHook: authHook(authenticator) })
  })
  return { fastify, metrics }
}

function authHook(authenticator: Authenticator) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = await authenticator(request.headers.authorization)
    if (!outcome.ok) {
      return reply.code(401).send(errorBody(request.url, outcome.message, 'BadRequest'))
    }
    request.caller = outcome.caller
    return undefined
  }
}

function registerOperation(scope: FastifyInstance, handler: AnyOperationHandler, deps: ApiDeps) {
  const operation = operationsById.get(handler.operationId)
  if (!operation) throw new Error(`no operation ${handler.operationId} in the generated contract`)
  const arrayQueryKeys = arrayKeysOf(operation.query)
  scope.route({
    method: operation.method,
    url: operation.path.replace(/\{([^}]+)\}/g, ':$1'),
    schema: routeSchema(operation),
    preValidation: async (request, reply) => {
      if (operation.body && request.body === undefined) {
        // The SDK sends some POSTs with no body at all (`v1.usage.ingest()` with no events):
        // for an array body that is an empty batch, nothing to do; otherwise "no fields".
        if (operation.body['type'] === 'array')
          return reply.code(200).removeHeader('content-type').send()
        request.body = {}
      }
      splitCommaArrays(request.query as Record<string, unknown>, arrayQueryKeys)
      return undefined
    },
    handler: async (request, reply) => {
      const audit = auditContextOf(request)
      const caller = audit.caller
      const input = {
        params: request.params,
        query: request.query,
        body: request.body,
        caller,
        audit,
      }
      const result = await (
        handler.handle as (i: unknown, d: ApiDeps) => ReturnType<AnyOperationHandler['handle']>
      )(input, deps)
      if (!result.ok) {
        const failure = httpFor[result.error.code]
        return reply
          .code(statusFor(request.url, failure))
          .send(errorBody(request.url, result.error.message, failure.v2Code))
      }
      if (result.value === undefined) {
        // Operations without a response body answer an empty 200 with no JSON content type:
        // the SDK fails on an empty body that claims to be JSON.
        return reply.code(200).removeHeader('content-type').send()
      }
      return reply.code(200).send(result.value)
    },
  })
}

function routeSchema(operation: OperationSchema) {
  const response: Record<string, unknown> = {}
  for (const [status, described] of Object.entries(operation.responses)) {
    if (described.schema) response[status] = described.schema
  }
  return {
    operationId: operation.operationId,
    tags: [...operation.tags],
    ...(operation.params ? { params: operation.params } : {}),
    ...(operation.query ? { querystring: operation.query } : {}),
    ...(operation.body ? { body: operation.body } : {}),
    response,
  }
}

function arrayKeysOf(schema: OperationSchema['query']): string[] {
  const properties = (schema?.['properties'] ?? {}) as Record<string, { type?: unknown }>
  return Object.entries(properties)
    .filter(
      ([, property]) =>
        property.type === 'array' ||
        (Array.isArray(property.type) && property.type.includes('array')),
    )
    .map(([key]) => key)
}

/** The SDK serializes query arrays comma-joined (`customer_ids=a,b`). */
function splitCommaArrays(query: Record<string, unknown>, keys: readonly string[]) {
  for (const key of keys) {
    const value = query[key]
    if (typeof value === 'string') query[key] = value === '' ? [] : value.split(',')
  }
}

function installBodyParsing(fastify: FastifyInstance) {
  const defaultJson = fastify.getDefaultJsonParser('error', 'error')
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined)
      return
    }
    defaultJson(request, body as string, done)
  })
  // Clients may gzip large ingest batches; the body limit applies to the inflated size.
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.toLowerCase()
    if (encoding === undefined || encoding === 'identity') return payload
    if (encoding !== 'gzip' && encoding !== 'deflate') {
      throw Object.assign(new Error(`Unsupported Content-Encoding: ${encoding}`), {
        statusCode: 415,
      })
    }
    // Fastify checks Content-Length against `receivedEncodedLength` of the stream it is given.
    const inflated: Transform & { receivedEncodedLength?: number } =
      encoding === 'gzip' ? createGunzip() : createInflate()
    inflated.receivedEncodedLength = 0
    payload.on('data', (chunk: Buffer) => {
      inflated.receivedEncodedLength = (inflated.receivedEncodedLength ?? 0) + chunk.length
    })
    payload.on('error', (error) => inflated.destroy(error))
    payload.pipe(inflated)
    return inflated
  })
}

function installCommonHooks(fastify: FastifyInstance, metrics: Metrics) {
  fastify.addHook('preValidation', async (request, reply) => {
    const parts: Array<[unknown, string]> = [
      [request.body, 'body'],
      [request.query, 'query'],
      [request.params, 'path'],
    ]
    for (const [value, name] of parts) {
      const found = findUnstorableText(value, name)
      if (found) {
        const message = `${found.path} ${found.message}`
        return reply.code(400).send(errorBody(request.url, message, 'InvalidArgument'))
      }
    }
    return undefined
  })
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id)
    if (reply.statusCode >= 400 && reply.statusCode < 500) reply.header('x-should-retry', 'false')
    return payload
  })
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
  })
}

function installErrorHandling(fastify: FastifyInstance) {
  fastify.setNotFoundHandler((request, reply) => {
    const message = `Route ${request.method} ${request.url.split('?')[0]} not found`
    return reply.code(404).send(errorBody(request.url, message, 'BadRequest'))
  })
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation && error.validation[0]) {
      const message = describeValidationError(
        error.validation[0],
        error.validationContext ?? 'body',
      )
      return reply.code(400).send(errorBody(request.url, message, 'InvalidArgument'))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? `Request body is not valid JSON: ${error.message}`
          : error.message
      return reply.code(status).send(errorBody(request.url, message, v2CodeForStatus(status)))
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send(errorBody(request.url, 'Internal server error', 'BadRequest'))
  })
}
