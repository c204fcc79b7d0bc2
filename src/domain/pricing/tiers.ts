/**
 * Graduated (tiered) pricing (semantics §3.6): the quantity used so far in the billing period
 * fills the tiers in order, each tier's units at that tier's price. Band bounds are minimum
 * exclusive, maximum inclusive (0–5, 5–10, 10–∞): with sizes [5, 5, ∞], unit 5 is in the first
 * band and unit 6 in the second.
 */
import { Dec, sum } from '../money/decimal.js'
import type { Tier } from './rate-card.js'

/** One band's share of a quantity: what the invoice shows as a tier line item. */
export interface TierLine {
  /** 1-based, as the wire's `tier.level`. */
  readonly level: number
  /** The quantity before this band starts (the wire's `tier.starting_at`). */
  readonly startingAt: Dec
  readonly quantity: Dec
  readonly price: Dec
  readonly amount: Dec
}

/**
 * The tier lines for `quantity` units beyond the `alreadyUsed` units billed earlier in the same
 * period (the tier counter carries across rate segments of one period; §3.6). Bands the
 * quantity does not reach are left out. A negative quantity (a SUM of refunds) is billed at the
 * first tier's price, since there is no band to fill backwards.
 */
export function graduatedLines(
  tiers: readonly Tier[],
  quantity: Dec,
  alreadyUsed: Dec = new Dec(0),
): TierLine[] {
  const [first] = tiers
  if (!first) throw new Error('graduated pricing needs at least one tier (checked before)')
  if (quantity.isNegative()) {
    return [
      {
        level: 1,
        startingAt: new Dec(0),
        quantity,
        price: first.price,
        amount: quantity.times(first.price),
      },
    ]
  }
  const lines: TierLine[] = []
  const from = alreadyUsed
  const to = alreadyUsed.plus(quantity)
  let bandStart = new Dec(0)
  tiers.forEach((tier, index) => {
    const bandEnd = tier.size === null ? null : bandStart.plus(tier.size)
    const overlapStart = Dec.max(from, bandStart)
    const overlapEnd = bandEnd === null ? to : Dec.min(to, bandEnd)
    if (overlapEnd.gt(overlapStart)) {
      const inBand = overlapEnd.minus(overlapStart)
      lines.push({
        level: index + 1,
        startingAt: bandStart,
        quantity: inBand,
        price: tier.price,
        amount: inBand.times(tier.price),
      })
    }
    if (bandEnd !== null) bandStart = bandEnd
  })
  return lines
}

/** The charge for `quantity` units: the sum of its tier lines. */
export function graduatedCharge(
  tiers: readonly Tier[],
  quantity: Dec,
  alreadyUsed: Dec = new Dec(0),
): Dec {
  return sum(graduatedLines(tiers, quantity, alreadyUsed).map((line) => line.amount))
}
