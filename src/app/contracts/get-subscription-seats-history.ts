import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { findContractSubscription } from './subscription-support.js'
import {
  seatScheduleOf,
  seatSegments,
  seatTotal,
} from '../../domain/contracts/subscription-schedule.js'

export interface SeatsSegment {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly totalQuantity: number
  readonly assignedSeatIds: readonly string[]
}

export interface SeatsHistoryRange {
  readonly coveringDate: Date | null
  readonly startingAt: Date | null
  readonly endingBefore: Date | null
}

/**
 * getSubscriptionSeatsHistory: the seat schedule of a SEAT_BASED subscription, in start order.
 * One segment per change date of its seat schedule (v2 `update_subscriptions` seat updates),
 * starting with the initial seats (assigned and unassigned). Segments
 * are picked as the spec describes: `covering_date` → the one in force then; `starting_at` /
 * `ending_before` → those active at or after / at or before them (a segment ending exactly
 * at `starting_at` is no longer active then).
 */
export async function getSubscriptionSeatsHistory(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string
    readonly subscriptionId: string
    readonly range: SeatsHistoryRange
  },
): Promise<Result<SeatsSegment[], DomainError>> {
  const { range } = input
  if (range.coveringDate && (range.startingAt || range.endingBefore)) {
    const field = range.startingAt ? 'starting_at' : 'ending_before'
    return err(domainError('invalid_argument', `body.${field} cannot be used with covering_date`))
  }
  const found = await findContractSubscription(deps.store, input)
  if (!found.ok) return found
  const { subscription } = found.value
  const seats = subscription.seatConfig
  if (subscription.quantityManagementMode !== 'SEAT_BASED' || seats === null) {
    return err(
      domainError(
        'invalid_argument',
        `body.subscription_id names a QUANTITY_ONLY subscription (${subscription.id}); only SEAT_BASED subscriptions have seats`,
      ),
    )
  }
  const segments: SeatsSegment[] = seatSegments(seatScheduleOf(subscription)).map((segment) => ({
    startingAt: segment.startingAt,
    endingBefore: segment.endingBefore,
    totalQuantity: seatTotal(segment),
    assignedSeatIds: segment.assignedSeatIds,
  }))
  const time = (date: Date) => date.getTime()
  const endsAfter = (segment: SeatsSegment, at: Date) =>
    segment.endingBefore === null || time(segment.endingBefore) > time(at)
  return ok(
    segments.filter((segment) => {
      if (range.coveringDate) {
        return (
          time(segment.startingAt) <= time(range.coveringDate) &&
          endsAfter(segment, range.coveringDate)
        )
      }
      if (range.startingAt && !endsAfter(segment, range.startingAt)) return false
      if (range.endingBefore && time(segment.startingAt) > time(range.endingBefore)) return false
      return true
    }),
  )
}
