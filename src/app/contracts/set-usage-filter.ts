import type { ContractTerms } from '../../domain/contracts/contract.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { contractArchived } from './contract-edit-checks.js'
import { recordContractEdit } from './record-contract-edit.js'

/**
 * setUsageFilter: from `startingAt` on, only events whose `groupKey` property is one of
 * `groupValues` count toward the contract (semantics §4.14). The new entry replaces the
 * entries starting at or after it (the reducer), so re-planning a future filter is one call.
 */
export async function setUsageFilter(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly groupKey: string
    readonly groupValues: readonly string[]
    readonly startingAt: Date
    readonly audit: AuditContext
  },
): Promise<Result<ContractTerms, DomainError>> {
  const problems: Problem[] = []
  if (input.groupKey === '')
    problems.push({ field: 'body.group_key', message: 'must not be empty' })
  // An empty list would route no event to the contract, which nobody means by a filter.
  if (input.groupValues.length === 0) {
    problems.push({ field: 'body.group_values', message: 'must name at least one value' })
  }
  if (problems.length > 0) return err(invalidRequest(problems))
  const target = { ...input, action: 'contract.set_usage_filter' }
  return recordContractEdit(deps, target, (terms) => {
    if (terms.archivedAt !== null) return err(contractArchived(terms.id))
    if (terms.endingBefore !== null && input.startingAt.getTime() >= terms.endingBefore.getTime()) {
      return err(
        domainError(
          'invalid_argument',
          `body.starting_at must be before the contract's ending_before (${terms.endingBefore.toISOString()})`,
        ),
      )
    }
    return ok({
      kind: 'setUsageFilter',
      filter: {
        groupKey: input.groupKey,
        groupValues: [...new Set(input.groupValues)],
        startingAt: input.startingAt,
      },
    })
  })
}
