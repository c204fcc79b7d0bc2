import type { DomainError } from '../../domain/errors.js'
import { rateSchedule, type RateSelector, type TimeRange } from '../../domain/pricing/rate-card.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from './rate-card-support.js'
import { loadCardWithRates, toRateRows, type RateRows } from './rate-rows.js'

/**
 * getRateSchedule: every rate segment overlapping the range that any selector picks, each with
 * its own effective bounds. A row's product is shown as of the later of the segment's start and
 * the range's start: what the product is called when that price applies.
 */
export async function getRateSchedule(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly rateCardId: string
    readonly range: TimeRange
    readonly selectors: readonly RateSelector[]
  },
): Promise<Result<RateRows, DomainError>> {
  const { startingAt, endingBefore } = input.range
  if (endingBefore !== null && endingBefore.getTime() <= startingAt.getTime()) {
    return err(
      invalidRequest([{ field: 'body.ending_before', message: 'must be after starting_at' }]),
    )
  }
  const loaded = await loadCardWithRates(deps, input.clientId, input.rateCardId)
  if (!loaded.ok) return loaded
  const segments = rateSchedule({ rates: loaded.value.rates }, input.range, input.selectors)
  const viewAt = (segment: { readonly startingAt: Date }) =>
    segment.startingAt.getTime() > startingAt.getTime() ? segment.startingAt : startingAt
  return ok(toRateRows(loaded.value, segments, viewAt))
}
