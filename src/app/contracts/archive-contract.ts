import type { ContractTerms } from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { recordContractEdit } from './record-contract-edit.js'

/**
 * archive: ends the contract for good and archives its commits, credits, scheduled charges and
 * discounts (`archived`, domain/contracts/lifecycle.ts), so active prepaid segments expire then.
 * Its recurring instances started by then show archived then too, and no later one starts
 * (`contractInstancesAt` reads the contract's `archived_at`, decision 0014): nothing more is
 * recorded for them. `void_invoices` is accepted and has no effect yet: there are no invoices to
 * void. Archiving an archived contract records nothing and answers as the first archive did.
 */
export async function archiveContract(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly voidInvoices: boolean
    readonly audit: AuditContext
  },
): Promise<Result<ContractTerms, DomainError>> {
  const target = { ...input, action: 'contract.archive' }
  return recordContractEdit(deps, target, (terms) =>
    ok(terms.archivedAt === null ? { kind: 'archive' } : null),
  )
}
