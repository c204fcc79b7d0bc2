import { adjustmentsFor, manualAdjustmentsOf } from '../../domain/contracts/balance-edits.js'
import { retirementBlocker } from '../../domain/contracts/contract-edits.js'
import type { ContractHistory, ContractTerms } from '../../domain/contracts/contract.js'
import { balanceAsOf } from '../../domain/contracts/ledger.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { findCustomerContract } from './find-customer-contract.js'
import { recordTermEdit } from './term-edit-support.js'

export interface RetireCommitsInput {
  readonly customerId: string
  readonly contractId: string
  readonly commitIds: readonly string[]
  readonly dryRun: boolean
  readonly audit: AuditContext
}

export interface RetirementOutcome {
  readonly retiredCommitIds: readonly string[]
  readonly skipped: readonly { readonly commitId: string; readonly reason: string }[]
}

/**
 * commits/retire: a fully depleted commit whose segments and invoice items are all in the past
 * can no longer change, so it leaves the contract's active terms (one `retireCommits` edit);
 * the others are skipped with the reason. `dry_run` answers the same without recording.
 */
export async function retireCommits(
  deps: AppDeps,
  input: RetireCommitsInput,
): Promise<Result<RetirementOutcome, DomainError>> {
  const now = deps.clock.now()
  if (input.commitIds.length === 0) {
    return err(domainError('invalid_argument', 'body.commit_ids must not be empty'))
  }
  const decide = (terms: ContractTerms, history: ContractHistory): RetirementOutcome => {
    const adjustments = manualAdjustmentsOf(history)
    const retired: string[] = []
    const skipped: { commitId: string; reason: string }[] = []
    for (const id of new Set(input.commitIds)) {
      const commit = terms.commits.find((item) => item.id === id)
      const remaining = commit
        ? balanceAsOf(commit, adjustmentsFor(commit, adjustments), { asOf: now })
        : null
      const reason = retirementBlocker(commit, remaining, now)
      if (reason === null) retired.push(id)
      else skipped.push({ commitId: id, reason })
    }
    return { retiredCommitIds: retired, skipped }
  }
  const found = await findCustomerContract(deps.store, {
    clientId: input.audit.caller.clientId,
    customerId: input.customerId,
    contractId: input.contractId,
  })
  if (!found.ok) return found
  const preview = decide(found.value.terms, found.value.history)
  // A dry run, or nothing eligible: answered without recording an edit.
  if (input.dryRun || preview.retiredCommitIds.length === 0) return ok(preview)
  let outcome = preview
  const recorded = await recordTermEdit(
    deps,
    { ...input, action: 'contract.commit.retire' },
    async ({ terms, history }) => {
      // Decided again under the lock: an edit may have come in since the preview.
      outcome = decide(terms, history)
      return ok({ kind: 'retireCommits', commitIds: outcome.retiredCommitIds })
    },
  )
  return recorded.ok ? ok(outcome) : recorded
}
