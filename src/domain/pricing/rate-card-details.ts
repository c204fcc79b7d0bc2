/**
 * What a rate card is besides its rates (semantics §3.5): its name, its one fiat currency, the
 * custom pricing units it converts from, its aliases, and the order its products appear in. The
 * rates and their time rules are in `rate-card.ts`.
 */
import type { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { CreditType } from './credit-type.js'
import type { NewRate, RateCardAliasAssignment } from './rate-card.js'

/** How many fiat units one custom unit is worth on this card. */
export interface CreditTypeConversion {
  readonly customCreditTypeId: string
  readonly fiatPerCustomCredit: Dec
}

export type RateCardAlias = Omit<RateCardAliasAssignment, 'rateCardId'>

export interface RateCardDetails {
  readonly id: string
  readonly name: string
  readonly description: string | null
  readonly fiatCreditTypeId: string
  /** In the order they were added; never modified or removed. */
  readonly creditTypeConversions: readonly CreditTypeConversion[]
  /** In the order they were assigned (that order decides who holds a contested alias). */
  readonly aliases: readonly RateCardAlias[]
  readonly customFields: Readonly<Record<string, string>>
  /** The products placed explicitly by setRateCardProductsOrder/moveRateCardProducts. */
  readonly productOrder: readonly string[]
  readonly createdAt: Date
  readonly createdBy: string
  readonly archivedAt: Date | null
}

export function checkFiatCreditType(
  id: string,
  creditTypes: readonly CreditType[],
  field = 'body.fiat_credit_type_id',
): readonly Problem[] {
  const creditType = creditTypes.find((candidate) => candidate.id === id)
  if (!creditType) return [{ field, message: `names no credit type of this client (${id})` }]
  if (!creditType.isCurrency) {
    return [{ field, message: `must be a fiat currency, not the custom pricing unit ${id}` }]
  }
  return []
}

/**
 * Conversions to add to a card: each names an existing custom pricing unit (not a currency), at
 * a positive rate, at most once, and not one the card already converts ("Existing conversions
 * cannot be modified").
 */
export function checkCreditTypeConversions(
  existing: readonly CreditTypeConversion[],
  added: readonly CreditTypeConversion[],
  creditTypes: readonly CreditType[],
  root: string,
): readonly Problem[] {
  const problems: Problem[] = []
  const seen = new Set(existing.map((conversion) => conversion.customCreditTypeId))
  added.forEach((conversion, index) => {
    const at = `${root}[${index}]`
    const id = conversion.customCreditTypeId
    const creditType = creditTypes.find((candidate) => candidate.id === id)
    if (!creditType) {
      problems.push({
        field: `${at}.custom_credit_type_id`,
        message: `names no pricing unit of this client (${id})`,
      })
    } else if (creditType.isCurrency) {
      problems.push({
        field: `${at}.custom_credit_type_id`,
        message: `must be a custom pricing unit, not the currency ${creditType.name}`,
      })
    } else if (seen.has(id)) {
      problems.push({
        field: `${at}.custom_credit_type_id`,
        message: `already has a conversion on this rate card, which cannot be modified`,
      })
    }
    seen.add(id)
    if (!conversion.fiatPerCustomCredit.gt(0)) {
      problems.push({ field: `${at}.fiat_per_custom_credit`, message: 'must be greater than 0' })
    }
  })
  return problems
}

/**
 * A rate is priced in the card's fiat currency or in a custom unit the card converts from.
 * PERCENTAGE rates carry no credit type: they take that of the spend they are a share of.
 */
export function checkRateCreditType(
  card: Pick<RateCardDetails, 'fiatCreditTypeId' | 'creditTypeConversions'>,
  rate: NewRate,
  root = 'body',
): readonly Problem[] {
  const id = rate.rate.creditTypeId
  if (id === null || id === card.fiatCreditTypeId) return []
  const converted = card.creditTypeConversions.some(
    (conversion) => conversion.customCreditTypeId === id,
  )
  return converted
    ? []
    : [
        {
          field: `${root}.credit_type_id`,
          message:
            `must be the rate card's fiat credit type (${card.fiatCreditTypeId}) or a custom ` +
            `pricing unit with a conversion on the rate card (add one with credit_type_conversions)`,
        },
      ]
}
