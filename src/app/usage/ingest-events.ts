/**
 * Ingest: 1) check the whole batch (shape was checked at the edge; here timestamps and the
 * acceptance window), 2) store the events whose transaction_id is new, in one statement, and
 * answer only once that is committed. Customers are not resolved here: an event naming an
 * alias nobody holds yet is kept and counts for whoever takes the alias later.
 */
import { checkBatch, type IncomingEvent } from '../../domain/ingest/incoming-event.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { describeProblems } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'

export interface IngestOutcome {
  readonly accepted: number
  readonly duplicates: number
}

export async function ingestEvents(
  deps: AppDeps,
  input: { clientId: string; events: readonly IncomingEvent[] },
): Promise<Result<IngestOutcome, DomainError>> {
  const now = deps.clock.now()
  const { problems } = checkBatch(input.events, now)
  if (problems.length > 0) return err(domainError('invalid_argument', describeProblems(problems)))
  const accepted = await deps.store.insertEvents(
    input.clientId,
    input.events.map((event) => ({
      transactionId: event.transactionId,
      customerRef: event.customerRef,
      eventType: event.eventType,
      timestamp: event.timestamp,
      propertiesJson: JSON.stringify(event.properties),
    })),
    now,
  )
  return ok({ accepted, duplicates: input.events.length - accepted })
}
