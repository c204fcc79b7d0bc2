/**
 * A USAGE product's quantity conversion and rounding (semantics §3.2): the metered quantity is
 * first converted (MB → GB: DIVIDE by 1024), then rounded to the product's decimal places. Both
 * steps work on `Dec`, never on a JS number.
 */
import { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'

export type ConversionOperation = 'MULTIPLY' | 'DIVIDE'

export interface QuantityConversion {
  readonly conversionFactor: Dec
  readonly operation: ConversionOperation
  readonly name: string | null
}

/** The OpenAPI document accepts the lower-case spellings too; `roundingMethod` reads both. */
export type RoundingMethod =
  'ROUND_UP' | 'ROUND_DOWN' | 'ROUND_HALF_UP' | 'round_up' | 'round_down' | 'round_half_up'

export interface QuantityRounding {
  readonly roundingMethod: RoundingMethod
  readonly decimalPlaces: number
}

/**
 * Rounding to more places than the engine carries significant digits changes nothing a rate
 * could see, and an unbounded count would let one request build numbers of any length.
 */
export const MAX_DECIMAL_PLACES = 50

/**
 * The rounding methods are named like java.math.RoundingMode and decimal.js, and mean what they
 * mean there: ROUND_UP rounds away from zero, ROUND_DOWN towards zero (truncation), and
 * ROUND_HALF_UP to the nearest with ties away from zero. Metronome documents only the
 * non-negative case ("round up ... to the nearest integer"), where ROUND_UP is the ceiling and
 * ROUND_DOWN the floor; the names decide the negative case, and a negative quantity (a SUM of
 * refunds) then rounds symmetrically to its positive twin.
 */
const decimalJsMode = {
  ROUND_UP: Dec.ROUND_UP,
  ROUND_DOWN: Dec.ROUND_DOWN,
  ROUND_HALF_UP: Dec.ROUND_HALF_UP,
} as const

type CanonicalRoundingMethod = keyof typeof decimalJsMode

export function canonicalRoundingMethod(method: RoundingMethod): CanonicalRoundingMethod {
  return method.toUpperCase() as CanonicalRoundingMethod
}

/**
 * Exact arithmetic for the steps that must not round: products, shifts by powers of ten and
 * integer quotients. decimal.js rounds a result only when it has more digits than `precision`,
 * so the largest precision it allows makes these operations exact. Never used for `div`, which
 * would expand a non-terminating quotient to that many digits.
 */
const Exact = Dec.clone({ precision: 1e9 })

/** MULTIPLY is exact; DIVIDE keeps the engine's 50 significant digits (1/3 does not terminate). */
export function convertQuantity(quantity: Dec, conversion: QuantityConversion | null): Dec {
  if (!conversion) return quantity
  if (conversion.operation === 'MULTIPLY') {
    return new Dec(new Exact(quantity).times(conversion.conversionFactor))
  }
  return quantity.div(conversion.conversionFactor)
}

export function roundQuantity(quantity: Dec, rounding: QuantityRounding | null): Dec {
  if (!rounding) return quantity
  const mode = decimalJsMode[canonicalRoundingMethod(rounding.roundingMethod)]
  return quantity.toDecimalPlaces(rounding.decimalPlaces, mode)
}

/**
 * The quantity a rate prices: converted, then rounded. With rounding, a DIVIDE is rounded from
 * the exact quotient (integer quotient and remainder), not from a 50-digit approximation, so
 * ROUND_UP of 1/3 is 0.34 however the digits fall.
 */
export function pricedQuantity(
  quantity: Dec,
  conversion: QuantityConversion | null,
  rounding: QuantityRounding | null,
): Dec {
  if (!rounding || !conversion || conversion.operation === 'MULTIPLY') {
    return roundQuantity(convertQuantity(quantity, conversion), rounding)
  }
  return roundedQuotient(quantity, conversion.conversionFactor, rounding)
}

function roundedQuotient(dividend: Dec, divisor: Dec, rounding: QuantityRounding): Dec {
  const method = canonicalRoundingMethod(rounding.roundingMethod)
  // Counts units of the last kept place: 1.23 at two places is 123 units.
  const scaled = new Exact(dividend).times(`1e${rounding.decimalPlaces}`)
  const whole = scaled.divToInt(divisor)
  const remainder = scaled.minus(whole.times(divisor))
  const awayFromZero = new Exact(scaled.isNegative() !== divisor.isNegative() ? -1 : 1)
  const roundsAway =
    !remainder.isZero() &&
    (method === 'ROUND_UP' ||
      (method === 'ROUND_HALF_UP' && remainder.abs().times(2).gte(divisor.abs())))
  const units = roundsAway ? whole.plus(awayFromZero) : whole
  return new Dec(units.times(`1e-${rounding.decimalPlaces}`))
}

/** Semantic checks beyond the schema, named by wire path under `root`. */
export function checkQuantityConversion(
  conversion: QuantityConversion,
  root: string,
): readonly Problem[] {
  return conversion.conversionFactor.gt(0)
    ? []
    : [{ field: `${root}.conversion_factor`, message: 'must be greater than 0' }]
}

export function checkQuantityRounding(
  rounding: QuantityRounding,
  root: string,
): readonly Problem[] {
  const places = rounding.decimalPlaces
  const field = `${root}.decimal_places`
  if (!Number.isInteger(places) || places < 0) {
    return [{ field, message: 'must be a whole number of at least 0' }]
  }
  if (places > MAX_DECIMAL_PLACES) {
    return [{ field, message: `must be at most ${MAX_DECIMAL_PLACES}` }]
  }
  return []
}
