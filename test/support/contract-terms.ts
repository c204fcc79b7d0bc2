/** Contract request bodies that API tests (through `inject`) and SDK tests both start from. */
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'

/**
 * A contract from `startingAt` with monthly usage statements, one recurring commit and one
 * recurring credit of 100 USD cents a period on `productId`: one instance of each a month.
 */
export function monthlyRecurringContract(terms: {
  customerId: string
  productId: string
  startingAt: string
}) {
  const recurring = {
    product_id: terms.productId,
    priority: 1,
    starting_at: terms.startingAt,
    access_amount: { unit_price: 100, quantity: 1, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
    commit_duration: { value: 1, unit: 'PERIODS' as const },
  }
  return {
    customer_id: terms.customerId,
    starting_at: terms.startingAt,
    usage_statement_schedule: { frequency: 'MONTHLY' as const, day: 'FIRST_OF_MONTH' as const },
    recurring_commits: [recurring],
    recurring_credits: [recurring],
  }
}

/**
 * WE-36's team plan: a monthly SEAT_BASED subscription of 4 seats (u1 to u4), prorated, that
 * other terms of the same request name by its temporary id `team`.
 */
export function teamPlanSubscription(planId: string) {
  return {
    temporary_id: 'team',
    subscription_rate: { product_id: planId, billing_frequency: 'MONTHLY' as const },
    collection_schedule: 'ADVANCE' as const,
    proration: { is_prorated: true },
    quantity_management_mode: 'SEAT_BASED' as const,
    seat_config: { seat_group_key: 'user_id', initial_seat_ids: ['u1', 'u2', 'u3', 'u4'] },
  }
}

/**
 * A recurring credit of 100 USD cents a seat a period on `productId`, POOLED over the
 * subscription `team`; a seat increase is prorated when told.
 */
export function pooledSeatCredit(
  productId: string,
  options: { isProrated: boolean; startingAt: string },
) {
  return {
    product_id: productId,
    priority: 1,
    starting_at: options.startingAt,
    access_amount: { unit_price: 100, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
    commit_duration: { value: 1, unit: 'PERIODS' as const },
    subscription_config: {
      subscription_id: 'team',
      allocation: 'POOLED' as const,
      apply_seat_increase_config: { is_prorated: options.isProrated },
    },
  }
}
