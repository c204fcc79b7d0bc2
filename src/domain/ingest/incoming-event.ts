/**
 * Acceptance rules for incoming usage events, checked before anything is stored: a batch is
 * accepted whole or not at all. Timestamps must be RFC 3339 with a 4-digit year, no more than
 * 24 hours ahead of `now` and no more than 34 days behind it (the de-duplication window, so a
 * stored event's transaction_id is always still remembered).
 */
import type { Problem } from '../problem.js'

export interface IncomingEvent {
  readonly transactionId: string
  readonly customerRef: string
  readonly eventType: string
  /** As sent; parsed by `checkBatch`. */
  readonly timestamp: string
  readonly properties: Readonly<Record<string, unknown>>
}

export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000
export const MAX_BACKDATE_MS = 34 * 24 * 60 * 60 * 1000
export const MAX_PROPERTIES = 2000

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/

/** The instant of an RFC 3339 timestamp, or null when the text is not one. */
export function parseRfc3339(text: string): Date | null {
  const match = RFC3339.exec(text)
  if (!match) return null
  const [, year, month, day, hour, minute, second] = match.map((part) => part ?? '')
  const parsed = new Date(text)
  if (Number.isNaN(parsed.getTime())) return null
  // Date accepts some impossible dates (2026-02-30 rolls over); the calendar fields must agree.
  const utc = new Date(Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!))
  const valid =
    utc.getUTCFullYear() === +year! &&
    utc.getUTCMonth() === +month! - 1 &&
    utc.getUTCDate() === +day! &&
    +hour! < 24 &&
    +minute! < 60 &&
    +second! < 60
  return valid ? parsed : null
}

/** Checks every event; returns the parsed timestamps, or every problem found (by index). */
export function checkBatch(
  events: readonly IncomingEvent[],
  now: Date,
): { readonly timestamps: Date[]; readonly problems: Problem[] } {
  const problems: Problem[] = []
  const timestamps: Date[] = []
  events.forEach((event, index) => {
    const field = `body[${index}]`
    const timestamp = parseRfc3339(event.timestamp)
    if (!timestamp) {
      problems.push({ field: `${field}.timestamp`, message: 'must be an RFC 3339 timestamp' })
    } else if (timestamp.getTime() - now.getTime() > MAX_FUTURE_MS) {
      problems.push({ field: `${field}.timestamp`, message: 'is more than 24 hours in the future' })
    } else if (now.getTime() - timestamp.getTime() > MAX_BACKDATE_MS) {
      problems.push({ field: `${field}.timestamp`, message: 'is more than 34 days in the past' })
    } else {
      timestamps.push(timestamp)
    }
    if (Object.keys(event.properties).length > MAX_PROPERTIES) {
      problems.push({
        field: `${field}.properties`,
        message: `has more than ${MAX_PROPERTIES} properties`,
      })
    }
  })
  return { timestamps, problems }
}

/**
 * Reads one event of unknown shape (a line of an NDJSON file) into an `IncomingEvent`, with the
 * same field rules as the API schema, or the problems that stop it.
 */
export function readIncomingEvent(
  value: unknown,
  field: string,
): { readonly event: IncomingEvent } | { readonly problems: Problem[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: [{ field, message: 'must be an object' }] }
  }
  const record = value as Record<string, unknown>
  const problems: Problem[] = []
  const text = (name: string, maxLength: number): string => {
    const raw = record[name]
    if (typeof raw !== 'string')
      problems.push({ field: `${field}.${name}`, message: 'must be a string' })
    else if (raw.length < 1 || raw.length > maxLength) {
      problems.push({ field: `${field}.${name}`, message: `must be 1 to ${maxLength} characters` })
    }
    return typeof raw === 'string' ? raw : ''
  }
  const transactionId = text('transaction_id', 128)
  const customerRef = text('customer_id', Number.MAX_SAFE_INTEGER)
  const eventType = text('event_type', Number.MAX_SAFE_INTEGER)
  const timestamp = text('timestamp', 64)
  const properties = record['properties'] ?? {}
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    problems.push({ field: `${field}.properties`, message: 'must be an object' })
  }
  if (problems.length > 0) return { problems }
  return {
    event: {
      transactionId,
      customerRef,
      eventType,
      timestamp,
      properties: properties as Record<string, unknown>,
    },
  }
}
