/** What the contract use cases share: errors, and what a contract's wire view needs loaded. */
import {
  productIdsOfTerms,
  type ContractHistory,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { Product } from '../../domain/pricing/product.js'
import { creditTypesOf } from '../rate-cards/rate-card-support.js'
import type { ContractRenewal, StoreSession } from '../ports.js'

export const CONTRACT_RESOURCE = 'contract'

export function contractNotFound(id: string): DomainError {
  return domainError('contract_not_found', `Contract ${id} not found`)
}

export function customerNotFound(id: string): DomainError {
  return domainError('customer_not_found', `Customer ${id} not found`)
}

/** The spec's sentence for a reused key (semantics §4.1). */
export const uniquenessKeyConflict = domainError(
  'uniqueness_key_conflict',
  'This uniqueness key has already been used.',
)

/** A contract ready to be shown: the replayed terms and what naming them needs. */
export interface ContractView {
  readonly history: ContractHistory
  /** As of the instant asked for (the current contract without one). */
  readonly terms: ContractTerms
  /** The contract as created (v1 `initial`). */
  readonly initial: ContractTerms
  /** Contracts whose transition names this one. */
  readonly renewals: readonly ContractRenewal[]
}

/** What names the products and credit types of a set of views. */
export interface ContractNames {
  readonly products: ReadonlyMap<string, Product>
  readonly creditTypes: ReadonlyMap<string, CreditType>
  /** The instant ledgers and balances are computed at, and product names read at. */
  readonly now: Date
}

export async function namesFor(
  session: StoreSession,
  clientId: string,
  terms: readonly ContractTerms[],
  now: Date,
): Promise<ContractNames> {
  return namesForProducts(session, clientId, terms.flatMap(productIdsOfTerms), now)
}

/** The names of these products and of every credit type of the client, read as of `now`. */
export async function namesForProducts(
  session: StoreSession,
  clientId: string,
  productIds: readonly string[],
  now: Date,
): Promise<ContractNames> {
  const ids = [...new Set(productIds)]
  const products = ids.length > 0 ? await session.findProducts(clientId, ids) : []
  return {
    products: new Map(products.map((product) => [product.id, product])),
    creditTypes: await creditTypesOf(session, clientId),
    now,
  }
}
