/**
 * The only place where failures become HTTP. v1 answers `{ message }`, v2 answers
 * `{ code, message }` with the spec's v2 codes. A few v1 operations document a 400 with a
 * `code` enum of their own (the subscription histories, `listContractsOnPackage`): those answer
 * a failure whose code is in their enum as that 400, read from the OpenAPI document so the rule
 * follows the spec rather than a list kept here. Every 4xx tells the SDK not to retry.
 */
import type { DomainErrorCode } from '../domain/errors.js'
import { operations } from './generated/operations.js'

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
  subscription_not_found: { status: 404, v2Code: 'SubscriptionNotFound' },
  package_not_found: { status: 404, v2Code: 'PackageNotFound' },
  uniqueness_key_conflict: { status: 409, v2Code: 'BadRequest' },
  ingest_alias_conflict: { status: 409, v2Code: 'BadRequest' },
}

export interface ErrorBody {
  readonly message: string
  readonly code?: string
}

/** Path → the codes its documented 400 response enumerates, for operations that have one. */
const documentedCodes: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  operations.flatMap((operation) => {
    const codes = codeEnumOf(operation.responses['400']?.schema ?? null)
    return codes ? [[operation.path, codes] as const] : []
  }),
)

function codeEnumOf(schema: Readonly<Record<string, unknown>> | null): ReadonlySet<string> | null {
  const properties = schema?.['properties'] as Record<string, { enum?: unknown }> | undefined
  const codes = properties?.['code']?.enum
  return Array.isArray(codes) ? new Set(codes.map(String)) : null
}

/** True when the operation at `url` documents `code` in its 400 response. */
function documents(url: string, code: string): boolean {
  return documentedCodes.get(url.split('?')[0] ?? url)?.has(code) ?? false
}

/** The status a failure answers on this request URL (v2 may differ, see `v2Status`). */
export function statusFor(url: string, failure: HttpFailure): number {
  if (documents(url, failure.v2Code)) return 400
  return url.startsWith('/v2/') && failure.v2Status !== undefined
    ? failure.v2Status
    : failure.status
}

/**
 * The error body for a request URL: v2 endpoints carry a code, v1 endpoints only a message,
 * unless the v1 operation documents the code in its 400 response.
 */
export function errorBody(url: string, message: string, v2Code: string): ErrorBody {
  return url.startsWith('/v2/') || documents(url, v2Code) ? { code: v2Code, message } : { message }
}

/** The v2 code for a status that did not come from a domain error (auth, parsing, routing). */
export function v2CodeForStatus(status: number): string {
  return status === 400 ? 'InvalidArgument' : 'BadRequest'
}
