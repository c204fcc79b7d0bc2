/**
 * The registry of expected failures. Codes are stable snake_case nouns; `api/errors.ts` is the
 * only place that turns them into HTTP statuses, and a test checks every code is mapped there.
 */
export const domainErrorCodes = [
  'invalid_argument',
  'invalid_cursor',
  'not_found',
  // Named apart from not_found because v2 answers them with their own codes (a 400, per spec).
  'customer_not_found',
  'contract_not_found',
  // The subscription histories and listContractsOnPackage document these codes (400s).
  'subscription_not_found',
  'package_not_found',
  'uniqueness_key_conflict',
  'ingest_alias_conflict',
] as const

export type DomainErrorCode = (typeof domainErrorCodes)[number]

export interface DomainError {
  readonly code: DomainErrorCode
  /** A sentence for the caller that names the offending field where there is one. */
  readonly message: string
}

export function domainError(code: DomainErrorCode, message: string): DomainError {
  return { code, message }
}
