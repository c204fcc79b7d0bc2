import type { ContractEdit, ContractTerms } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { namesFor, type ContractNames } from './contract-support.js'
import { findCustomerContract } from './find-customer-contract.js'

/** The term edits shown by getEditHistory (v2 `edit`, v1 `amend`, commit/credit edits). */
export const historyKinds: ReadonlySet<ContractEdit['kind']> = new Set([
  'edit',
  'amend',
  'editCommit',
  'editCredit',
  'archiveCommit',
  'archiveCredit',
])

export interface EditHistory {
  /** In the order recorded. */
  readonly edits: readonly ContractEdit[]
  /** The current contract (what names the terms the edits refer to). */
  readonly terms: ContractTerms
  readonly names: ContractNames
}

/** Every edit of a contract after its create, oldest first, with what naming them needs. */
export async function getEditHistory(
  deps: AppDeps,
  input: { readonly clientId: string; readonly customerId: string; readonly contractId: string },
): Promise<Result<EditHistory, DomainError>> {
  const found = await findCustomerContract(deps.store, input)
  if (!found.ok) return found
  const { history, terms } = found.value
  const edits = history.edits.filter((edit) => historyKinds.has(edit.kind))
  const added = edits.flatMap((edit) =>
    edit.kind === 'edit'
      ? [edit.changes.added]
      : edit.kind === 'amend'
        ? [edit.amendment.added]
        : [],
  )
  // Product names of terms added then removed come from the added terms themselves.
  const named = [terms, ...added.map((list) => ({ ...terms, ...list }) as ContractTerms)]
  const names = await namesFor(deps.store, input.clientId, named, deps.clock.now())
  return ok({ edits, terms, names })
}
