/**
 * The write path the small contract operations share (updateEndDate, setUsageFilter, archive,
 * addManualBalanceLedgerEntry, commits/disableTrueup): load → decide → persist in one
 * transaction (decision 0010). The contract is locked before its history is read, so the
 * decision sees every earlier edit, and the edit and its audit entry are stored together.
 */
import {
  applyEdit,
  currentContract,
  type ContractEdit,
  type ContractHistory,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { CONTRACT_RESOURCE, contractNotFound, customerNotFound } from './contract-support.js'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** An edit as a decision gives it: the id, time and author are the use case's to add. */
export type EditPayload = DistributiveOmit<
  Exclude<ContractEdit, { kind: 'create' }>,
  'id' | 'recordedAt' | 'recordedBy'
>

export interface ContractEditTarget {
  readonly customerId: string
  readonly contractId: string
  /** The audit log's action, e.g. `contract.archive`. */
  readonly action: string
  readonly audit: AuditContext
}

/** What a decision sees: the locked contract, and the session to load more with. */
export interface EditDecision {
  readonly session: StoreSession
  readonly terms: ContractTerms
  readonly history: ContractHistory
  /** When the edit is recorded (added terms are created then). */
  readonly now: Date
}

/**
 * The one contract write path: lock the contract, read its history, run `decide`, and append
 * the edit it returns with its audit entry. `decide` answers `ok(null)` when there is nothing to
 * record (the request is already in force); an error leaves everything as it was.
 */
export async function appendDecidedEdit(
  deps: AppDeps,
  target: ContractEditTarget,
  decide: (decision: EditDecision) => Promise<Result<EditPayload | null, DomainError>>,
): Promise<Result<{ edit: ContractEdit | null; terms: ContractTerms }, DomainError>> {
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
    if (decided.value === null) return ok({ edit: null, terms })
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

/** `appendDecidedEdit` for decisions that need only the terms; answers the terms after. */
export async function recordContractEdit(
  deps: AppDeps,
  target: ContractEditTarget,
  decide: (
    terms: ContractTerms,
    history: ContractHistory,
  ) => Result<EditPayload | null, DomainError>,
): Promise<Result<ContractTerms, DomainError>> {
  const recorded = await appendDecidedEdit(deps, target, async ({ terms, history }) =>
    decide(terms, history),
  )
  return recorded.ok ? ok(recorded.value.terms) : recorded
}
