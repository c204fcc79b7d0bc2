/**
 * Event search by transaction id (`POST /v1/events/search`): each stored event with the
 * customer it resolves to now and the billable metrics it matches.
 */
import type { Customer } from '../../domain/customers/customer.js'
import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { matchesMetric } from '../../domain/usage/event.js'
import type { AppDeps } from '../deps.js'
import type { StoredEvent } from '../ports.js'

export interface FoundEvent {
  readonly event: StoredEvent
  readonly customer: Customer | null
  readonly metrics: readonly BillableMetric[]
}

const MAX_METRICS = 10_000

export async function searchEvents(
  deps: AppDeps,
  input: { clientId: string; transactionIds: readonly string[] },
): Promise<FoundEvent[]> {
  const events = await deps.store.findEvents(input.clientId, input.transactionIds)
  const metrics = (
    await deps.store.listMetrics({
      clientId: input.clientId,
      limit: MAX_METRICS,
      after: null,
      includeArchived: false,
      ids: null,
    })
  ).map((row) => row.item)
  const found: FoundEvent[] = []
  for (const event of events) {
    const customer = await deps.store.resolveCustomerRef(input.clientId, event.customerRef)
    // SQL metrics are matched by running their query over a period, not per event.
    const matched = metrics.filter(
      (metric) => metric.definition !== null && matchesMetric(metric.definition, event),
    )
    found.push({ event, customer, metrics: matched })
  }
  return found
}
