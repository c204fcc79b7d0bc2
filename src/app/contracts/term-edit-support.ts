/**
 * The write path of the term edits (amend, edit, commit/credit edit/archive/retire): like
 * `recordContractEdit`, load → decide → persist in one transaction with the contract locked
 * before its history is read, but the decision may load more (products) inside the
 * transaction, and the caller gets the recorded edit back (v2 `edit` answers with its id).
 */
import {
  applyEdit,
  currentContract,
  type ContractEdit,
  type ContractHistory,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import type { Product } from '../../domain/pricing/product.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { CONTRACT_RESOURCE, contractNotFound, customerNotFound } from './contract-support.js'
import type { EditPayload } from './record-contract-edit.js'

export interface TermEditTarget {
  readonly customerId: string
  readonly contractId: string
  readonly action: string
  readonly audit: AuditContext
}

export interface TermEditDecision {
  readonly session: StoreSession
  readonly terms: ContractTerms
  readonly history: ContractHistory
  /** When the edit is recorded (added terms are created then). */
  readonly now: Date
}

export interface RecordedTermEdit {
  readonly edit: ContractEdit
  readonly terms: ContractTerms
}

export async function recordTermEdit(
  deps: AppDeps,
  target: TermEditTarget,
  decide: (decision: TermEditDecision) => Promise<Result<EditPayload, DomainError>>,
): Promise<Result<RecordedTermEdit, DomainError>> {
  const clientId = target.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    if (!(await session.findCustomer(clientId, target.customerId))) {
      return err(customerNotFound(target.customerId))
    }
    await session.lockContract(clientId, target.contractId)
    const history = await session.findContractHistory(clientId, target.contractId)
    if (!history || history.customerId !== target.customerId) {
      return err(contractNotFound(target.contractId))
    }
    const terms = currentContract(history)
    const decided = await decide({ session, terms, history, now })
    if (!decided.ok) return decided
    const edit = {
      ...decided.value,
      id: deps.ids.newId(),
      recordedAt: now,
      recordedBy: target.audit.caller.tokenName,
    } as ContractEdit
    const edited: ContractHistory = { ...history, edits: [...history.edits, edit] }
    await session.appendContractEdits(clientId, edited, history.edits.length)
    const change = {
      action: target.action,
      resourceType: CONTRACT_RESOURCE,
      resourceId: history.contractId,
    }
    await recordChange(deps, session, target.audit, change, now)
    return ok({ edit, terms: applyEdit(terms, edit) })
  })
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
 * only the customer and the balance). Null when none of the customer's contracts has it.
 */
export async function findContractWithBalance(
  session: StoreSession,
  clientId: string,
  customerId: string,
  kind: 'COMMIT' | 'CREDIT',
  balanceId: string,
): Promise<string | null> {
  const histories = await session.listContractHistories({
    clientId,
    customerId,
    includeArchived: true,
    covering: null,
    startingAtOrAfter: null,
  })
  const found = histories.find((history) => {
    const terms = currentContract(history)
    const list = kind === 'COMMIT' ? terms.commits : terms.credits
    return list.some((balance) => balance.id === balanceId)
  })
  return found?.contractId ?? null
}
