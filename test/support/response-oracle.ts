/**
 * A test oracle for the wire shapes: every 200 JSON answer an in-process test receives is
 * checked against the spec's response schema of its operation. A violation fails the request
 * with a 500 naming the operation and the schema error, so any API test that reads a body it
 * expects to be 200 fails too; nothing in production pays for it.
 */
import type { FastifyInstance } from 'fastify'
import type { ValidateFunction } from 'ajv'
import { operations, type OperationSchema } from '../../src/api/generated/index.js'
import { compileResponseValidator } from '../../src/api/validation.js'

const byRoute = new Map<string, OperationSchema>(
  operations.map((operation) => [
    `${operation.method} ${operation.path.replace(/\{([^}]+)\}/g, ':$1')}`,
    operation,
  ]),
)
const validators = new Map<string, ValidateFunction | null>()

function validatorFor(operation: OperationSchema): ValidateFunction | null {
  if (!validators.has(operation.operationId)) {
    const schema = operation.responses['200']?.schema ?? null
    validators.set(operation.operationId, schema === null ? null : compileResponseValidator(schema))
  }
  return validators.get(operation.operationId) ?? null
}

export function installResponseOracle(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || payload === '') return payload
    const operation = byRoute.get(`${request.method} ${request.routeOptions.url ?? ''}`)
    if (!operation) return payload
    const validate = validatorFor(operation)
    if (validate === null) return payload
    const body: unknown = JSON.parse(payload)
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map(
          (error) =>
            `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        )
      // Answered as a 500 whose message says what is wrong, so the failing assertion shows it.
      reply.code(500)
      return JSON.stringify({
        message: `response of ${operation.operationId} does not match the spec: ${errors.join('; ')}`,
      })
    }
    return payload
  })
}
