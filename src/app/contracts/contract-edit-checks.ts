/** Refusals the contract edit operations share. */
import { domainError, type DomainError } from '../../domain/errors.js'

/** An archived contract is kept for history only (the archive operation's description). */
export function contractArchived(contractId: string): DomainError {
  return domainError(
    'invalid_argument',
    `body.contract_id names an archived contract (${contractId}); it cannot be changed`,
  )
}
