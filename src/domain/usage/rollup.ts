/**
 * Hourly rollups: which metrics can be answered from per-hour partial aggregates, which keys a
 * rollup row keeps, and which part of a range whole hours cover.
 *
 * COUNT, SUM, MAX and LATEST combine exactly from per-hour partials (a sum of sums, a max of
 * maxima, the latest of the hours' latest values by (timestamp, transaction id)); UNIQUE does
 * not (distinct counts do not add), so it is always read from raw events.
 */
import type { StreamingMetricDefinition } from './billable-metric.js'

const HOUR_MS = 3_600_000

export function canRollUp(definition: StreamingMetricDefinition): boolean {
  return definition.aggregationType !== 'UNIQUE'
}

/**
 * The group keys a rollup row keeps the values of: every key of every compound group key, in
 * code-point order, so any group-by the metric allows can be re-aggregated from the rollup.
 */
export function rollupKeys(definition: StreamingMetricDefinition): string[] {
  const keys = new Set(definition.groupKeys.flat())
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

export interface HalfOpenRange {
  readonly startingAt: Date
  readonly endingBefore: Date
}

/**
 * The whole UTC hours inside `[startingAt, endingBefore)`: from the first hour boundary at or
 * after the start to the last at or before the end; null when no whole hour fits. The partial
 * hours at either edge must be read from raw events.
 */
export function wholeHours(range: HalfOpenRange): HalfOpenRange | null {
  const start = Math.ceil(range.startingAt.getTime() / HOUR_MS) * HOUR_MS
  const end = Math.floor(range.endingBefore.getTime() / HOUR_MS) * HOUR_MS
  if (!(start < end)) return null
  return { startingAt: new Date(start), endingBefore: new Date(end) }
}

/** The parts of `range` outside `inner` (at most one before and one after), half-open. */
export function edges(range: HalfOpenRange, inner: HalfOpenRange): HalfOpenRange[] {
  const parts: HalfOpenRange[] = []
  if (range.startingAt.getTime() < inner.startingAt.getTime()) {
    parts.push({ startingAt: range.startingAt, endingBefore: inner.startingAt })
  }
  if (inner.endingBefore.getTime() < range.endingBefore.getTime()) {
    parts.push({ startingAt: inner.endingBefore, endingBefore: range.endingBefore })
  }
  return parts
}
