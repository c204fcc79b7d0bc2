/**
 * How one Metronome operation is implemented: a handler file calls `defineOperation` with the
 * spec's operationId. The route, its validation schemas and its types all come from the
 * generated contract, so a handler cannot drift from the spec's path or shapes.
 */
import type { AuditContext } from '../app/audit/audit-context.js'
import type { AppDeps } from '../app/deps.js'
import type { Caller } from '../app/ports.js'
import type { DomainError } from '../domain/errors.js'
import type { Result } from '../lib/result.js'
import type { OperationId, Operations } from './generated/index.js'

/** Facts about this server that some operations report (e.g. the services registry). */
export interface ServerInfo {
  /** Addresses clients reach the API at. */
  readonly listenAddresses: readonly string[]
}

export interface ApiDeps {
  readonly app: AppDeps
  readonly server: ServerInfo
}

export interface OperationInput<Id extends OperationId> {
  readonly params: Operations[Id]['params']
  readonly query: Operations[Id]['query']
  readonly body: Operations[Id]['body']
  readonly caller: Caller
  /** Passed to every write so it appends its audit entry in its own transaction. */
  readonly audit: AuditContext
}

export type OperationResult<Id extends OperationId> = Result<
  Operations[Id]['response'],
  DomainError
>

export interface OperationHandler<Id extends OperationId = OperationId> {
  readonly operationId: Id
  handle(input: OperationInput<Id>, deps: ApiDeps): Promise<OperationResult<Id>>
}

export function defineOperation<Id extends OperationId>(
  operationId: Id,
  handle: (input: OperationInput<Id>, deps: ApiDeps) => Promise<OperationResult<Id>>,
): OperationHandler<Id> {
  return { operationId, handle }
}

/** A handler for some operation: the union keeps each handler's types tied to its own id. */
export type AnyOperationHandler = { [Id in OperationId]: OperationHandler<Id> }[OperationId]
