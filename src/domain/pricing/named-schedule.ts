/**
 * Named schedules: a value that changes over time, kept under a name on an owner (a rate card
 * now; contracts and customers later). Custom pricing logic reads them ("Named schedules are used
 * for storing custom data that can change over time").
 *
 * A schedule is a list of segments, ordered by start, that never overlap; gaps are allowed (no
 * value there). Each segment is half-open, `[startingAt, endingBefore)`, and `endingBefore: null`
 * runs on forever. Values are opaque JSON: the engine stores them, it never interprets them.
 */
import type { Problem } from '../problem.js'

export interface NamedScheduleSegment<Value = unknown> {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly value: Value
}

/** One updateNamedSchedule request: `value` holds on exactly `[startingAt, endingBefore)`. */
export interface NamedScheduleUpdate<Value = unknown> {
  readonly startingAt: Date
  /** Omitted: from `startingAt` on, forever. */
  readonly endingBefore?: Date | null
  readonly value: Value
}

export interface ScheduleRange {
  readonly startingAt: Date
  readonly endingBefore: Date | null
}

const time = (date: Date) => date.getTime()
const endTime = (end: Date | null) => (end === null ? Infinity : time(end))

export function checkNamedScheduleUpdate(
  update: NamedScheduleUpdate,
  root = 'body',
): readonly Problem[] {
  const end = update.endingBefore ?? null
  return end !== null && time(end) <= time(update.startingAt)
    ? [{ field: `${root}.ending_before`, message: 'must be after starting_at' }]
    : []
}

/**
 * The schedule after `update`: the value is overwritten on exactly the update's range. A segment
 * straddling either end of the range is split, and its parts outside the range keep their value;
 * segments wholly inside the range are replaced. Nothing outside the range changes. Adjacent
 * segments with equal values are not merged: each update stays visible as its own segment.
 */
export function updateNamedSchedule<Value>(
  segments: readonly NamedScheduleSegment<Value>[],
  update: NamedScheduleUpdate<Value>,
): NamedScheduleSegment<Value>[] {
  const start = time(update.startingAt)
  const endingBefore = update.endingBefore ?? null
  const end = endTime(endingBefore)
  if (end <= start) throw new Error('an update must end after it starts (checked before)')
  const kept: NamedScheduleSegment<Value>[] = []
  for (const segment of segments) {
    const segmentStart = time(segment.startingAt)
    const segmentEnd = endTime(segment.endingBefore)
    if (segmentEnd <= start || segmentStart >= end) {
      kept.push(segment)
      continue
    }
    // The part before the update's range, if any.
    if (segmentStart < start) kept.push({ ...segment, endingBefore: update.startingAt })
    // The part after it, if any (only possible when the update ends).
    if (endingBefore !== null && segmentEnd > end)
      kept.push({ ...segment, startingAt: endingBefore })
  }
  kept.push({ startingAt: update.startingAt, endingBefore, value: update.value })
  return kept.sort((a, b) => time(a.startingAt) - time(b.startingAt))
}

/** The segments that overlap `range`, whole (not clipped), in order. */
export function namedScheduleIn<Value>(
  segments: readonly NamedScheduleSegment<Value>[],
  range: ScheduleRange,
): NamedScheduleSegment<Value>[] {
  const start = time(range.startingAt)
  const end = endTime(range.endingBefore)
  return segments.filter(
    (segment) => time(segment.startingAt) < end && endTime(segment.endingBefore) > start,
  )
}

/** getNamedSchedule's `covering_date`: at most one segment, the one in force at `at`. */
export function namedScheduleCovering<Value>(
  segments: readonly NamedScheduleSegment<Value>[],
  at: Date,
): NamedScheduleSegment<Value>[] {
  return namedScheduleIn(segments, { startingAt: at, endingBefore: new Date(time(at) + 1) })
}

/** The value in force at `at`, or undefined in a gap. */
export function namedScheduleValueAt<Value>(
  segments: readonly NamedScheduleSegment<Value>[],
  at: Date,
): Value | undefined {
  return namedScheduleCovering(segments, at)[0]?.value
}
