import { contractAsOf, currentContract, initialContract } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import {
  contractNotFound,
  customerNotFound,
  namesFor,
  type ContractNames,
  type ContractView,
} from './contract-support.js'

export interface GetContractInput {
  readonly clientId: string
  readonly customerId: string
  readonly contractId: string
  /** Replay only the edits recorded by then (v2 `as_of_date`); null: the current contract. */
  readonly asOf: Date | null
}

/** One contract of a customer, replayed from its history. */
export async function getContract(
  deps: AppDeps,
  input: GetContractInput,
): Promise<Result<{ view: ContractView; names: ContractNames }, DomainError>> {
  const { clientId } = input
  if (!(await deps.store.findCustomer(clientId, input.customerId))) {
    return err(customerNotFound(input.customerId))
  }
  const history = await deps.store.findContractHistory(clientId, input.contractId)
  if (!history || history.customerId !== input.customerId) {
    return err(contractNotFound(input.contractId))
  }
  // A contract created after `asOf` did not exist then.
  const terms = input.asOf ? contractAsOf(history, input.asOf) : currentContract(history)
  if (!terms) return err(contractNotFound(input.contractId))
  const renewals = await deps.store.findContractRenewals(clientId, [history.contractId])
  const view = { history, terms, initial: initialContract(history), renewals }
  const names = await namesFor(deps.store, clientId, [view.terms, view.initial], deps.clock.now())
  return ok({ view, names })
}
