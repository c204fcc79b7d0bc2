/** Loads one contract of a customer for the read operations (404s as the get operation). */
import {
  currentContract,
  type ContractHistory,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { StoreSession } from '../ports.js'
import { contractNotFound, customerNotFound } from './contract-support.js'

export async function findCustomerContract(
  store: StoreSession,
  input: { readonly clientId: string; readonly customerId: string; readonly contractId: string },
): Promise<Result<{ history: ContractHistory; terms: ContractTerms }, DomainError>> {
  if (!(await store.findCustomer(input.clientId, input.customerId))) {
    return err(customerNotFound(input.customerId))
  }
  const history = await store.findContractHistory(input.clientId, input.contractId)
  if (!history || history.customerId !== input.customerId) {
    return err(contractNotFound(input.contractId))
  }
  return ok({ history, terms: currentContract(history) })
}
