/**
 * POST /v1/events/search — `v1.usage.search`. Answers a bare array: for each transaction id the
 * accepted original and any later duplicates (`is_duplicate: true`, never counted).
 */
import { searchEvents } from '../../../app/usage/search-events.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiBillableMetric } from '../billable-metrics/convert.js'

export default defineOperation('searchEvents-v1', async ({ body, caller }, { app }) => {
  const found = await searchEvents(app, {
    clientId: caller.clientId,
    transactionIds: body.transactionIds,
  })
  return ok(
    found.map(({ event, customer, metrics }) => ({
      id: event.transactionId,
      transaction_id: event.transactionId,
      customer_id: event.customerRef,
      event_type: event.eventType,
      timestamp: event.timestamp.toISOString(),
      properties: { ...event.properties },
      is_duplicate: event.isDuplicate,
      processed_at: event.receivedAt.toISOString(),
      ...(customer ? { matched_customer: { id: customer.id, name: customer.name } } : {}),
      matched_billable_metrics: metrics.map((metric) => toApiBillableMetric(metric)),
    })),
  )
})
