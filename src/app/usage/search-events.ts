/**
 * Event search by transaction id (`POST /v1/events/search`): each stored event with the
 * customer it resolves to now and the billable metrics it matches.
 */
import type { Customer } from '../../domain/customers/customer.js'
import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { matchesMetric } from '../../domain/usage/event.js'
import type { AppDeps } from '../deps.js'
import { listAll } from '../list-all.js'
import type { StoredEvent } from '../ports.js'

export interface FoundEvent {
  readonly event: StoredEvent
  readonly customer: Customer | null
  readonly metrics: readonly BillableMetric[]
}

export async function searchEvents(
  deps: AppDeps,
  input: { clientId: string; transactionIds: readonly string[] },
): Promise<FoundEvent[]> {
  const events = await deps.store.findEvents(input.clientId, input.transactionIds)
  const metrics = await listAll((after, limit) =>
    deps.store.listMetrics({
      clientId: input.clientId,
      limit,
      after,
      includeArchived: false,
      ids: null,
    }),
  )
  const found: FoundEvent[] = []
  const resolved = new Map<string, Customer | null>()
  for (const event of events) {
    // Many events name the same customer; resolve each reference once.
    const customer = resolved.has(event.customerRef)
      ? resolved.get(event.customerRef)!
      : await deps.store.resolveCustomerRef(input.clientId, event.customerRef)
    resolved.set(event.customerRef, customer)
    // SQL metrics are matched by running their query over a period, not per event.
    const matched = metrics.filter(
      (metric) => metric.definition !== null && matchesMetric(metric.definition, event),
    )
    found.push({ event, customer, metrics: matched })
  }
  return found
}
