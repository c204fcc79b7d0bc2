import { checkDisableTrueup, isTrueupDisabled } from '../../domain/contracts/balance-edits.js'
import type { ContractTerms } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { recordContractEdit } from './record-contract-edit.js'

/**
 * commits/disableTrueup: no true-up invoice will be generated for the postpaid commit. The
 * commit is looked up among the contract's current commits, which hold amended ones too, so
 * `amendment_id` only documents where the commit came from. Disabling twice records once.
 */
export async function disableCommitTrueup(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly commitId: string
    readonly audit: AuditContext
  },
): Promise<Result<ContractTerms, DomainError>> {
  const target = { ...input, action: 'contract.disable_commit_trueup' }
  return recordContractEdit(deps, target, (terms, history) => {
    const problems = checkDisableTrueup(terms, input.commitId)
    if (problems.length > 0) return err(invalidRequest(problems))
    if (isTrueupDisabled(history, input.commitId)) return ok(null)
    return ok({ kind: 'disableTrueup', commitId: input.commitId })
  })
}
