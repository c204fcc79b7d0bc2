/**
 * The reference semantics of usage aggregation: plain, obviously-correct code that the SQL
 * aggregation (`store/usage.ts`) is property-tested against. Windows are half-open UTC hour or
 * day buckets clipped to the range; NONE is the range itself. Every window is answered.
 */
import { Dec } from '../money/decimal.js'
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
  readonly groups: ReadonlyMap<string | null, Dec | null> | null
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

export function usageWindows(range: UsageRange, windowSize: WindowSize): UsageWindow[] {
  const start = range.startingAt.getTime()
  const end = range.endingBefore.getTime()
  if (start >= end) return []
  if (windowSize === 'NONE')
    return [{ startingAt: range.startingAt, endingBefore: range.endingBefore }]
  const step = windowSize === 'HOUR' ? HOUR_MS : DAY_MS
  const windows: UsageWindow[] = []
  // Epoch milliseconds are UTC, and UTC has no leap seconds here, so buckets are multiples.
  for (let bucket = Math.floor(start / step) * step; bucket < end; bucket += step) {
    const from = Math.max(bucket, start)
    const to = Math.min(bucket + step, end)
    windows.push({ startingAt: new Date(from), endingBefore: new Date(to) })
  }
  return windows
}

function latestFirst(a: UsageEvent, b: UsageEvent): number {
  const byTime = b.timestamp.getTime() - a.timestamp.getTime()
  if (byTime !== 0) return byTime
  // Ties: the greatest transaction id in code-unit order, like COLLATE "C" in SQL.
  return a.transactionId < b.transactionId ? 1 : a.transactionId > b.transactionId ? -1 : 0
}

export function aggregateValue(
  type: AggregationType,
  events: readonly UsageEvent[],
  aggregationKey: string | null,
): Dec | null {
  const key = aggregationKey ?? ''
  const numbers = events.map((event) => propertyNumber(event.properties, key))
  const present = numbers.filter((value): value is Dec => value !== null)
  switch (type) {
    case 'COUNT':
      return new Dec(events.length)
    case 'SUM':
      return present.reduce((total, value) => total.plus(value), new Dec(0))
    case 'MAX':
      return present.length === 0 ? null : Dec.max(...present)
    case 'UNIQUE': {
      const texts = events
        .map((event) => propertyText(event.properties, key))
        .filter((t) => t !== null)
      return new Dec(new Set(texts).size)
    }
    case 'LATEST': {
      const withNumber = events.filter((event) => propertyNumber(event.properties, key) !== null)
      const latest = [...withNumber].sort(latestFirst)[0]
      return latest ? propertyNumber(latest.properties, key) : null
    }
  }
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
    const inWindow = matching.filter(
      (event) =>
        event.timestamp.getTime() >= window.startingAt.getTime() &&
        event.timestamp.getTime() < window.endingBefore.getTime(),
    )
    const value = aggregateValue(definition.aggregationType, inWindow, definition.aggregationKey)
    if (groupKey === null) return { window, value, groups: null }
    const byGroup = new Map<string | null, UsageEvent[]>()
    for (const event of inWindow) {
      const group = propertyText(event.properties, groupKey)
      byGroup.set(group, [...(byGroup.get(group) ?? []), event])
    }
    const groups = new Map<string | null, Dec | null>()
    for (const [group, members] of byGroup) {
      groups.set(
        group,
        aggregateValue(definition.aggregationType, members, definition.aggregationKey),
      )
    }
    return { window, value, groups }
  })
}
