/**
 * Metrum's own endpoints, under `/_metrum/` so the Metronome surface stays exactly the spec's:
 * health (checks the database), Prometheus metrics, and API tokens.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createApiToken } from '../../app/tenancy/create-api-token.js'
import type { Metrics } from '../metrics.js'
import type { ApiDeps } from '../operation.js'

export interface AdminRouteOptions {
  readonly deps: ApiDeps
  readonly metrics: Metrics
  readonly authHook: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
}

export function registerAdminRoutes(scope: FastifyInstance, options: AdminRouteOptions) {
  const { deps, metrics } = options

  scope.get('/_metrum/health', async (request, reply) => {
    try {
      await deps.app.store.ping()
      return { status: 'ok', database: 'ok' }
    } catch (error) {
      request.log.warn({ err: error }, 'health check failed')
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })

  scope.get('/_metrum/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics()
    return reply.type(metrics.registry.contentType).send(text)
  })

  scope.post(
    '/_metrum/tokens',
    {
      onRequest: options.authHook,
      preValidation: async (request: FastifyRequest) => {
        if (request.body === undefined) request.body = {}
      },
      schema: {
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 128 } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const caller = request.caller
      if (!caller) throw new Error('authenticated route reached without a caller')
      const body = (request.body ?? {}) as { name?: string }
      const created = await createApiToken(deps.app, {
        clientId: caller.clientId,
        name: body.name ?? 'api',
        audit: {
          caller,
          requestId: request.id,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
      })
      return { data: { id: created.token.id, name: created.token.name, token: created.secret } }
    },
  )
}
