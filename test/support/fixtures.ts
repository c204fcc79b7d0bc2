/** Store-level fixtures for tests that work below the API: a customer with one alias, a metric. */
import { randomUUID } from 'node:crypto'
import type { Store } from '../../src/app/ports.js'
import type { StreamingMetricDefinition } from '../../src/domain/usage/billable-metric.js'

/** Inserts a customer that also answers to `alias-<id>`; returns its id and alias. */
export async function insertCustomerWithAlias(store: Store, clientId: string) {
  const customerId = randomUUID()
  const alias = `alias-${customerId}`
  const createdAt = new Date()
  await store.insertCustomer(clientId, {
    id: customerId,
    name: customerId,
    externalId: null,
    ingestAliases: [alias],
    customFields: {},
    createdAt,
    updatedAt: createdAt,
    archivedAt: null,
    salesforceAccountId: null,
    leaveStripeInvoicesInDraft: null,
    billableStatusChanges: [],
    providerSettings: null,
  })
  await store.replaceAliases(clientId, customerId, [alias])
  return { customerId, alias }
}

/** Inserts a streaming metric with this definition; returns its id. */
export async function insertMetric(
  store: Store,
  clientId: string,
  definition: StreamingMetricDefinition,
): Promise<string> {
  const metricId = randomUUID()
  await store.insertMetric(clientId, {
    id: metricId,
    name: metricId,
    definition,
    sqlQuery: null,
    customFields: {},
    createdAt: new Date(),
    archivedAt: null,
  })
  return metricId
}
