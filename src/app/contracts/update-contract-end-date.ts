import { domainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { DomainError } from '../../domain/errors.js'
import type { ContractTerms } from '../../domain/contracts/contract.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { contractArchived } from './contract-edit-checks.js'
import { recordContractEdit } from './record-contract-edit.js'

/**
 * updateEndDate: sets the contract's end (null: open-ended). Ending earlier truncates the
 * terms (`withEndDate`, domain/contracts/lifecycle.ts); ending later moves only the end.
 * `allow_ending_before_finalized_invoice` is accepted and has no effect: no invoice is
 * finalized yet, so no end can fall before one.
 */
export async function updateContractEndDate(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly endingBefore: Date | null
    readonly audit: AuditContext
  },
): Promise<Result<ContractTerms, DomainError>> {
  const target = { ...input, action: 'contract.update_end_date' }
  return recordContractEdit(deps, target, (terms) => {
    if (terms.archivedAt !== null) return err(contractArchived(terms.id))
    const end = input.endingBefore
    if (end !== null && end.getTime() <= terms.startingAt.getTime()) {
      return err(
        domainError(
          'invalid_argument',
          `body.ending_before must be after the contract's starting_at (${terms.startingAt.toISOString()})`,
        ),
      )
    }
    return ok({ kind: 'updateEndDate', endingBefore: end })
  })
}
