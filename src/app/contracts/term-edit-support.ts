/**
 * The term edits' (amend, edit, commit/credit edit/archive/retire) use of the one contract write
 * path (`appendDecidedEdit`): the decision may load more (products) inside the transaction, and
 * the caller gets the recorded edit back (v2 `edit` answers with its id).
 */
import {
  currentContract,
  type ContractEdit,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import type { Product } from '../../domain/pricing/product.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import { domainError } from '../../domain/errors.js'
import { customerNotFound } from './contract-support.js'
import { contractBalancesAt } from './contract-balances.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import {
  appendDecidedEdit,
  type ContractEditTarget,
  type EditDecision,
  type EditPayload,
} from './record-contract-edit.js'

export type TermEditTarget = ContractEditTarget
export type TermEditDecision = EditDecision

export interface RecordedTermEdit {
  readonly edit: ContractEdit
  readonly terms: ContractTerms
}

/** `appendDecidedEdit` for decisions that always record an edit; answers it with the terms. */
export async function recordTermEdit(
  deps: AppDeps,
  target: TermEditTarget,
  decide: (decision: TermEditDecision) => Promise<Result<EditPayload, DomainError>>,
): Promise<Result<RecordedTermEdit, DomainError>> {
  const recorded = await appendDecidedEdit(deps, target, decide)
  if (!recorded.ok) return recorded
  const { edit, terms } = recorded.value
  if (edit === null) throw new Error('a term edit decision always records an edit')
  return ok({ edit, terms })
}

/** The products a request names, by id (unknown ids are simply absent). */
export async function productsById(
  session: StoreSession,
  clientId: string,
  ids: readonly string[],
): Promise<ReadonlyMap<string, Product>> {
  const unique = [...new Set(ids)]
  const products = unique.length > 0 ? await session.findProducts(clientId, unique) : []
  return new Map(products.map((product) => [product.id, product]))
}

/**
 * The contract of a customer holding this commit or credit (commits/edit and credits/edit name
 * only the customer and the balance) as one of `kinds`: one of its own, or a recurring instance
 * started by `at` (decision 0014). Null when none of the customer's contracts has it.
 */
export async function findContractWithBalance(
  session: StoreSession,
  clientId: string,
  customerId: string,
  kinds: readonly ('COMMIT' | 'CREDIT')[],
  balanceId: string,
  at: Date,
): Promise<{ readonly contractId: string; readonly kind: 'COMMIT' | 'CREDIT' } | null> {
  const histories = await session.listContractHistories({
    clientId,
    customerId,
    includeArchived: true,
    covering: null,
    startingAtOrAfter: null,
  })
  for (const history of histories) {
    // Derive the contract's balances (instances included) once for every kind asked about.
    const balances = contractBalancesAt(currentContract(history), at)
    const kind = kinds.find((each) =>
      (each === 'COMMIT' ? balances.commits : balances.credits).some(
        (balance) => balance.id === balanceId,
      ),
    )
    if (kind !== undefined) return { contractId: history.contractId, kind }
  }
  return null
}

/**
 * The contract holding a commit or credit named by commits/credits edit and archive, which
 * name only the customer and the balance (its own, or a started recurring instance): not found
 * customer, or a 400 naming the id field when none of the customer's contracts has it (the
 * callers have looked for a customer-level balance first).
 */
export async function contractOfBalance(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly kind: 'COMMIT' | 'CREDIT'
    readonly balanceId: string
  },
): Promise<Result<string, DomainError>> {
  if (!(await deps.store.findCustomer(input.clientId, input.customerId))) {
    return err(customerNotFound(input.customerId))
  }
  const found = await findContractWithBalance(
    deps.store,
    input.clientId,
    input.customerId,
    [input.kind],
    input.balanceId,
    deps.clock.now(),
  )
  if (found !== null) return ok(found.contractId)
  const idField = input.kind === 'COMMIT' ? 'commit_id' : 'credit_id'
  const what = input.kind === 'COMMIT' ? 'commit' : 'credit'
  return err(
    domainError(
      'invalid_argument',
      `body.${idField} names no ${what} of this customer or its contracts (${input.balanceId}; a recurring instance exists once its access has started)`,
    ),
  )
}
