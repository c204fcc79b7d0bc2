/**
 * The operation inventory: every operation of the Metronome OpenAPI document, implemented or
 * missing. A handler is listed here by importing it; the server registers exactly these, a
 * test checks the registered routes match, and the README's coverage table is made from it.
 */
import { operations, type OperationId, type OperationSchema } from './generated/index.js'
import type { AnyOperationHandler } from './operation.js'
import getAuditLogs from './v1/audit-logs/list.js'
import archiveBillableMetric from './v1/billable-metrics/archive.js'
import createBillableMetric from './v1/billable-metrics/create.js'
import createLegacyBillableMetric from './v1/billable-metrics/create-legacy.js'
import listAllBillableMetrics from './v1/billable-metrics/list.js'
import getBillableMetric from './v1/billable-metrics/retrieve.js'
import updateBillableMetric from './v1/billable-metrics/update.js'
import listCustomerBillableMetrics from './v1/customers/list-billable-metrics.js'
import archiveCustomer from './v1/customers/archive.js'
import createCustomer from './v1/customers/create.js'
import listCustomers from './v1/customers/list.js'
import getCustomer from './v1/customers/retrieve.js'
import setCustomerBillableStatus from './v1/customers/set-billable-status.js'
import setIngestAliases from './v1/customers/set-ingest-aliases.js'
import setCustomerName from './v1/customers/set-name.js'
import updateCustomerConfig from './v1/customers/update-config.js'
import listCreditTypes from './v1/pricing-units/list.js'
import getServices from './v1/services/list.js'
import ingest from './v1/usage/ingest.js'
import getUsageBatch from './v1/usage/list.js'
import getPagedUsage from './v1/usage/list-with-groups.js'
import searchEvents from './v1/usage/search.js'

export const handlers: readonly AnyOperationHandler[] = [
  archiveBillableMetric,
  createBillableMetric,
  createLegacyBillableMetric,
  getBillableMetric,
  listAllBillableMetrics,
  listCustomerBillableMetrics,
  updateBillableMetric,
  archiveCustomer,
  createCustomer,
  getCustomer,
  listCustomers,
  setCustomerBillableStatus,
  setCustomerName,
  setIngestAliases,
  updateCustomerConfig,
  getAuditLogs,
  listCreditTypes,
  getServices,
  ingest,
  getUsageBatch,
  getPagedUsage,
  searchEvents,
]

export interface Endpoint {
  readonly operation: OperationSchema
  readonly status: 'implemented' | 'missing'
}

const implementedIds = new Set<OperationId>(handlers.map((handler) => handler.operationId))

export const endpoints: readonly Endpoint[] = operations.map((operation) => ({
  operation,
  status: implementedIds.has(operation.operationId) ? 'implemented' : 'missing',
}))
