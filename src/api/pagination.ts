/**
 * Opaque `next_page` cursors. A cursor is base64url JSON of a keyset position plus whatever
 * the list needs to continue consistently (the sort it was made with). Anything else a client
 * sends as a cursor is a 400, never a 500.
 */
import { domainError, type DomainError } from '../domain/errors.js'
import { err, ok, type Result } from '../lib/result.js'
import type { Position, Positioned } from '../app/ports.js'

export interface Cursor {
  readonly position: Position
  readonly sort?: string
}

export function encodeCursor(cursor: Cursor): string {
  const wire = {
    t: cursor.position.timestamp.toISOString(),
    k: cursor.position.key,
    s: cursor.sort,
  }
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url')
}

export const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const SEQUENCE_KEY = /^\d{1,18}$/

/** Decodes a cursor whose key must match `keyPattern` (it reaches SQL as a typed value). */
export function decodeCursor(
  text: string | undefined,
  keyPattern: RegExp,
): Result<Cursor | null, DomainError> {
  if (text === undefined || text === '') return ok(null)
  const invalid = err(domainError('invalid_cursor', 'next_page is not a valid cursor'))
  let wire: unknown
  try {
    wire = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    return invalid
  }
  if (typeof wire !== 'object' || wire === null) return invalid
  const { t, k, s } = wire as Record<string, unknown>
  if (typeof t !== 'string' || typeof k !== 'string' || !keyPattern.test(k)) return invalid
  if (s !== undefined && typeof s !== 'string') {
    return invalid
  }
  const timestamp = new Date(t)
  if (Number.isNaN(timestamp.getTime())) return invalid
  return ok({ position: { timestamp, key: k }, ...(s === undefined ? {} : { sort: s }) })
}

/** The spec's default page size where `limit` is optional. */
export const DEFAULT_PAGE_LIMIT = 100

/**
 * A page from rows fetched with `limit + 1`: the extra row only says another page exists, and
 * the cursor points after the last row shown.
 */
export function keysetPage<T, W>(
  rows: readonly Positioned<T>[],
  limit: number,
  toWire: (item: T) => W,
): { data: W[]; next_page: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    data: page.map(({ item }) => toWire(item)),
    next_page: rows.length > limit && last ? encodeCursor({ position: last.position }) : null,
  }
}

/**
 * A page of a list computed in memory (rates in force, schedules): the cursor holds the offset
 * of the next row. A rate added between two pages can shift the rows, as it would change the
 * answer of the whole query; nothing is lost for good, since re-asking gives the new answer.
 */
export function offsetPage<T, W>(
  items: readonly T[],
  cursorText: string | undefined,
  limit: number,
  toWire: (item: T) => W,
): Result<{ data: W[]; next_page: string | null }, DomainError> {
  const cursor = decodeCursor(cursorText, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const offset = cursor.value ? Number(cursor.value.position.key) : 0
  if (cursor.value && offset > items.length) {
    return err(domainError('invalid_cursor', 'next_page is not a valid cursor'))
  }
  const end = offset + limit
  return ok({
    data: items.slice(offset, end).map(toWire),
    next_page:
      end < items.length
        ? encodeCursor({ position: { timestamp: new Date(0), key: String(end) } })
        : null,
  })
}
