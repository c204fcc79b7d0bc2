/**
 * The only place where failures become HTTP. v1 answers `{ message }`, v2 answers
 * `{ code, message }` with the spec's v2 codes. Every 4xx tells the SDK not to retry.
 */
import type { DomainErrorCode } from '../domain/errors.js'

export interface HttpFailure {
  readonly status: number
  /** The code v2 endpoints put in `code` (one of the spec's v2 error codes). */
  readonly v2Code: string
  /** The status v2 endpoints answer instead, where the spec gives them another one. */
  readonly v2Status?: number
}

export const httpFor: Record<DomainErrorCode, HttpFailure> = {
  invalid_argument: { status: 400, v2Code: 'InvalidArgument' },
  invalid_cursor: { status: 400, v2Code: 'InvalidArgument' },
  not_found: { status: 404, v2Code: 'BadRequest' },
  // v2 contract operations document these as 400s with their own codes.
  customer_not_found: { status: 404, v2Code: 'CustomerNotFound', v2Status: 400 },
  contract_not_found: { status: 404, v2Code: 'ContractNotFound', v2Status: 400 },
  uniqueness_key_conflict: { status: 409, v2Code: 'BadRequest' },
  ingest_alias_conflict: { status: 409, v2Code: 'BadRequest' },
}

export interface ErrorBody {
  readonly message: string
  readonly code?: string
}

/** The status a failure answers on this request URL (v2 may differ, see `v2Status`). */
export function statusFor(url: string, failure: HttpFailure): number {
  return url.startsWith('/v2/') && failure.v2Status !== undefined
    ? failure.v2Status
    : failure.status
}

/** The error body for a request URL: v2 endpoints carry a code, v1 endpoints only a message. */
export function errorBody(url: string, message: string, v2Code: string): ErrorBody {
  return url.startsWith('/v2/') ? { code: v2Code, message } : { message }
}

/** The v2 code for a status that did not come from a domain error (auth, parsing, routing). */
export function v2CodeForStatus(status: number): string {
  return status === 400 ? 'InvalidArgument' : 'BadRequest'
}
