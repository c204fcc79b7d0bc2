/**
 * The one decimal type of the domain. Money and quantities never touch a JS `number`.
 *
 * decimal.js defaults to 20 significant digits and would round silently, so this clone keeps
 * 50 digits. Rounding happens only at named steps, with the mode chosen there; the default
 * mode here is banker's rounding so that accidental intermediate rounding is unbiased.
 */
import { Decimal } from 'decimal.js'

export const Dec = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN })
export type Dec = InstanceType<typeof Dec>

/** Parses a decimal from its canonical string form or a finite wire number. */
export function decimal(value: string | Dec): Dec {
  return new Dec(value)
}

export function sum(values: readonly Dec[]): Dec {
  return values.reduce((total, value) => total.plus(value), new Dec(0))
}
