import { currentContract, initialContract } from '../../domain/contracts/contract.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import {
  customerNotFound,
  namesFor,
  type ContractNames,
  type ContractView,
} from './contract-support.js'

export interface ListContractsInput {
  readonly clientId: string
  readonly customerId: string
  readonly includeArchived: boolean
  readonly coveringDate: Date | null
  readonly startingAt: Date | null
}

/** A customer's contracts in creation order (the list is not paged on the wire). */
export async function listContracts(
  deps: AppDeps,
  input: ListContractsInput,
): Promise<Result<{ views: ContractView[]; names: ContractNames }, DomainError>> {
  const { clientId } = input
  if (input.coveringDate && input.startingAt) {
    return err(
      domainError(
        'invalid_argument',
        'body.starting_at cannot be given together with covering_date',
      ),
    )
  }
  if (!(await deps.store.findCustomer(clientId, input.customerId))) {
    return err(customerNotFound(input.customerId))
  }
  const histories = await deps.store.listContractHistories({
    clientId,
    customerId: input.customerId,
    includeArchived: input.includeArchived,
    covering: input.coveringDate,
    startingAtOrAfter: input.startingAt,
  })
  const renewals = await deps.store.findContractRenewals(
    clientId,
    histories.map((history) => history.contractId),
  )
  const views = histories.map((history) => ({
    history,
    terms: currentContract(history),
    initial: initialContract(history),
    renewals: renewals.filter((renewal) => renewal.fromContractId === history.contractId),
  }))
  const terms = views.flatMap((view) => [view.terms, view.initial])
  return ok({ views, names: await namesFor(deps.store, clientId, terms, deps.clock.now()) })
}
