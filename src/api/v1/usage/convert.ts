/** Usage values on the wire: exact decimals become JSON numbers only here, at the edge. */
import type { Dec } from '../../../domain/money/decimal.js'

export function toApiNumber(value: Dec | null): number | null {
  return value === null ? null : Number(value.toString())
}
