/**
 * Metrum's own endpoints, under `/_metrum/` so the Metronome surface stays exactly the spec's:
 * health (checks the database), Prometheus metrics, API tokens and custom pricing units (the
 * Metronome API can list pricing units but has no call to create one).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  createPricingUnit,
  MAX_PRICING_UNIT_NAME_LENGTH,
} from '../../app/pricing/create-pricing-unit.js'
import { createApiToken } from '../../app/tenancy/create-api-token.js'
import { auditContextOf } from '../auth.js'
import { errorBody, httpFor, statusFor } from '../errors.js'
import type { Metrics } from '../metrics.js'
import type { ApiDeps } from '../operation.js'

export interface AdminRouteOptions {
  readonly deps: ApiDeps
  readonly metrics: Metrics
  readonly authHook: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
}

export function registerAdminRoutes(scope: FastifyInstance, options: AdminRouteOptions) {
  const { deps, metrics } = options
  // An authenticated admin write with a JSON body checked against `body` (none counts as {}).
  const authenticatedJson = (body: Record<string, unknown>) => ({
    onRequest: options.authHook,
    preValidation: async (request: FastifyRequest) => {
      if (request.body === undefined) request.body = {}
    },
    schema: { body },
  })

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
    authenticatedJson({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, maxLength: 128 } },
      additionalProperties: false,
    }),
    async (request) => {
      const audit = auditContextOf(request)
      const body = (request.body ?? {}) as { name?: string }
      const created = await createApiToken(deps.app, {
        clientId: audit.caller.clientId,
        name: body.name ?? 'api',
        audit,
      })
      return { data: { id: created.token.id, name: created.token.name, token: created.secret } }
    },
  )

  scope.post(
    '/_metrum/pricing-units',
    authenticatedJson({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: MAX_PRICING_UNIT_NAME_LENGTH },
      },
      additionalProperties: false,
    }),
    async (request, reply) => {
      const audit = auditContextOf(request)
      const body = request.body as { name: string }
      const created = await createPricingUnit(deps.app, {
        clientId: audit.caller.clientId,
        name: body.name,
        audit,
      })
      if (!created.ok) {
        const failure = httpFor[created.error.code]
        return reply
          .code(statusFor(request.url, failure))
          .send(errorBody(request.url, created.error.message, failure.v2Code))
      }
      return { data: { id: created.value.id, name: created.value.name } }
    },
  )
}
