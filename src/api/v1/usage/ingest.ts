/** POST /v1/ingest — `v1.usage.ingest`. Answers an empty 200 once the batch is durable. */
import { ingestEvents } from '../../../app/usage/ingest-events.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('ingest-v1', async ({ body, caller }, { app }) => {
  const result = await ingestEvents(app, {
    clientId: caller.clientId,
    events: body.map((event) => ({
      transactionId: event.transaction_id,
      customerRef: event.customer_id,
      eventType: event.event_type,
      timestamp: event.timestamp,
      properties: event.properties ?? {},
    })),
  })
  return result.ok ? ok(undefined) : result
})
