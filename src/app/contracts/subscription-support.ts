/** What the subscription history reads share: the spec answers 400 for every unknown id. */
import type { ContractSubscription, ContractTerms } from '../../domain/contracts/contract.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { StoreSession } from '../ports.js'
import { findCustomerContract } from './find-customer-contract.js'

/**
 * The contract and its subscription. Unknown customer, contract or subscription keep their own
 * codes: the spec gives these operations only a 400 with `ContractNotFound`,
 * `CustomerNotFound` or `SubscriptionNotFound`, which `api/errors.ts` reads from it.
 */
export async function findContractSubscription(
  store: StoreSession,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string
    readonly subscriptionId: string
  },
): Promise<Result<{ terms: ContractTerms; subscription: ContractSubscription }, DomainError>> {
  const found = await findCustomerContract(store, input)
  if (!found.ok) return found
  const { terms } = found.value
  const subscription = terms.subscriptions.find((each) => each.id === input.subscriptionId)
  if (!subscription) {
    return err(
      domainError(
        'subscription_not_found',
        `body.subscription_id names no subscription of contract ${terms.id} (${input.subscriptionId})`,
      ),
    )
  }
  return ok({ terms, subscription })
}
