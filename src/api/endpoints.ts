/**
 * The operation inventory: every operation of the Metronome OpenAPI document, implemented or
 * missing. A handler is listed here by importing it; the server registers exactly these, a
 * test checks the registered routes match, and the README's coverage table is made from it.
 */
import { operations, type OperationId, type OperationSchema } from './generated/index.js'
import type { AnyOperationHandler } from './operation.js'
import getAuditLogs from './v1/audit-logs/list.js'
import listCreditTypes from './v1/pricing-units/list.js'
import getServices from './v1/services/list.js'

export const handlers: readonly AnyOperationHandler[] = [getAuditLogs, listCreditTypes, getServices]

export interface Endpoint {
  readonly operation: OperationSchema
  readonly status: 'implemented' | 'missing'
}

const implementedIds = new Set<OperationId>(handlers.map((handler) => handler.operationId))

export const endpoints: readonly Endpoint[] = operations.map((operation) => ({
  operation,
  status: implementedIds.has(operation.operationId) ? 'implemented' : 'missing',
}))
