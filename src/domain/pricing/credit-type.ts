/**
 * Pricing units ("credit types"). Amounts in a fiat credit type are in its minor unit: the
 * well-known USD credit type counts cents, and SDK users hard-code its id.
 */
export const USD_CENTS_CREDIT_TYPE_ID = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

export interface CreditType {
  readonly id: string
  readonly name: string
  readonly isCurrency: boolean
}

/** Every client starts with these pricing units. */
export const initialCreditTypes: readonly CreditType[] = [
  { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)', isCurrency: true },
]
