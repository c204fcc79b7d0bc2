/**
 * The reference semantics of usage aggregation: plain, obviously-correct code that the SQL
 * aggregation (`store/usage.ts`) is property-tested against. Performance is no concern here.
 *
 * Invariants: windows are half-open UTC hour or day buckets clipped to the half-open range, in
 * ascending order, and every one is answered even without events; NONE is the range itself; an
 * empty range has no windows. Only events that match the metric count. Group values are listed
 * in binary (code point) order with the null group last, whatever order the events came in.
 */
import { Dec, sum } from '../money/decimal.js'
import type { AggregationType, StreamingMetricDefinition } from './billable-metric.js'
import { matchesMetric, propertyNumber, propertyText, type UsageEvent } from './event.js'

export type WindowSize = 'HOUR' | 'DAY' | 'NONE'

export interface UsageRange {
  readonly startingAt: Date
  readonly endingBefore: Date
}

export type UsageWindow = UsageRange

export interface WindowValue {
  readonly window: UsageWindow
  readonly value: Dec | null
  /** Per group value, the aggregate of that group's events; null when no group key was asked. */
  readonly groups: ReadonlyMap<string | null, Dec | null> | null
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

export function usageWindows(range: UsageRange, windowSize: WindowSize): UsageWindow[] {
  const start = range.startingAt.getTime()
  const end = range.endingBefore.getTime()
  // The negated comparison also yields no windows for an invalid (NaN) date.
  if (!(start < end)) return []
  if (windowSize === 'NONE') {
    return [{ startingAt: range.startingAt, endingBefore: range.endingBefore }]
  }
  const step = windowSize === 'HOUR' ? HOUR_MS : DAY_MS
  const windows: UsageWindow[] = []
  // Epoch milliseconds count UTC without leap seconds, so every UTC hour and day boundary is an
  // exact multiple of the step, before 1970 as well (Math.floor rounds towards -infinity).
  for (let bucket = Math.floor(start / step) * step; bucket < end; bucket += step) {
    const from = Math.max(bucket, start)
    const to = Math.min(bucket + step, end)
    windows.push({ startingAt: new Date(from), endingBefore: new Date(to) })
  }
  return windows
}

/**
 * Binary string order, as PostgreSQL's COLLATE "C" compares UTF-8 bytes. UTF-8 byte order is
 * code point order, which differs from JavaScript's `<` (UTF-16 code units) once characters
 * outside the Basic Multilingual Plane meet characters from U+E000 to U+FFFF.
 */
export function compareBinary(a: string, b: string): number {
  const left = Array.from(a, (character) => character.codePointAt(0) ?? 0)
  const right = Array.from(b, (character) => character.codePointAt(0) ?? 0)
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (difference !== 0) return Math.sign(difference)
  }
  return Math.sign(left.length - right.length)
}

/** Latest first: the greatest timestamp, and among equal timestamps the greatest id. */
function latestFirst(a: UsageEvent, b: UsageEvent): number {
  const byTime = b.timestamp.getTime() - a.timestamp.getTime()
  return byTime !== 0 ? Math.sign(byTime) : compareBinary(b.transactionId, a.transactionId)
}

function numbersOf(events: readonly UsageEvent[], key: string): Dec[] {
  return events
    .map((event) => propertyNumber(event.properties, key))
    .filter((value): value is Dec => value !== null)
}

export function aggregateValue(
  type: AggregationType,
  events: readonly UsageEvent[],
  aggregationKey: string | null,
): Dec | null {
  // A valid metric has a key for every type but COUNT. Reading the property named '' otherwise
  // keeps this total over invalid input, the same way the SQL does.
  const key = aggregationKey ?? ''
  switch (type) {
    case 'COUNT':
      return new Dec(events.length)
    case 'SUM':
      return sum(numbersOf(events, key))
    case 'MAX': {
      const numbers = numbersOf(events, key)
      return numbers.length === 0 ? null : Dec.max(...numbers)
    }
    case 'UNIQUE': {
      const texts = events.map((event) => propertyText(event.properties, key))
      return new Dec(new Set(texts.filter((text) => text !== null)).size)
    }
    case 'LATEST': {
      const withNumber = events.filter((event) => propertyNumber(event.properties, key) !== null)
      const latest = [...withNumber].sort(latestFirst)[0]
      return latest ? propertyNumber(latest.properties, key) : null
    }
  }
}

function inWindow(event: UsageEvent, window: UsageWindow): boolean {
  const time = event.timestamp.getTime()
  return window.startingAt.getTime() <= time && time < window.endingBefore.getTime()
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  return compareBinary(a, b)
}

/** Each group value present among the events, mapped to the aggregate of its own events. */
function groupValues(
  definition: StreamingMetricDefinition,
  events: readonly UsageEvent[],
  groupKey: string,
): Map<string | null, Dec | null> {
  const members = new Map<string | null, UsageEvent[]>()
  for (const event of events) {
    const group = propertyText(event.properties, groupKey)
    members.set(group, [...(members.get(group) ?? []), event])
  }
  const groups = [...members.keys()].sort(compareGroups)
  return new Map(
    groups.map((group) => [
      group,
      aggregateValue(
        definition.aggregationType,
        members.get(group) ?? [],
        definition.aggregationKey,
      ),
    ]),
  )
}

export function aggregateUsage(
  definition: StreamingMetricDefinition,
  events: readonly UsageEvent[],
  range: UsageRange,
  windowSize: WindowSize,
  groupKey: string | null,
): WindowValue[] {
  const matching = events.filter((event) => matchesMetric(definition, event))
  return usageWindows(range, windowSize).map((window) => {
    const members = matching.filter((event) => inWindow(event, window))
    const value = aggregateValue(definition.aggregationType, members, definition.aggregationKey)
    const groups = groupKey === null ? null : groupValues(definition, members, groupKey)
    return { window, value, groups }
  })
}

/**
 * The index of the window holding `at` in ascending, contiguous windows: the first window
 * ending after it (so a UTC bucket that starts before a clipped first window maps to that
 * window), or -1 when `at` is past the last one. Binary search: hour windows over a long
 * range are many.
 */
export function windowIndexAt(windows: readonly UsageWindow[], at: Date): number {
  const time = at.getTime()
  let low = 0
  let high = windows.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (windows[middle]!.endingBefore.getTime() > time) high = middle
    else low = middle + 1
  }
  return low < windows.length ? low : -1
}
