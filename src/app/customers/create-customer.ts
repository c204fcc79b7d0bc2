import { customerName, distinctAliases, type Customer } from '../../domain/customers/customer.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'

export interface CreateCustomerInput {
  readonly name: string
  readonly externalId: string | null
  readonly ingestAliases: readonly string[]
  readonly customFields: Readonly<Record<string, string>>
  readonly providerSettings: unknown
  readonly audit: AuditContext
}

/**
 * Creates a customer. The deprecated `external_id` is also an ingest alias, as in Metronome.
 * An alias held by any other customer of the client (archived ones too) is a conflict.
 */
export async function createCustomer(
  deps: AppDeps,
  input: CreateCustomerInput,
): Promise<Result<Customer, DomainError>> {
  return deps.store.transaction((session) => createCustomerIn(deps, session, input))
}

/** The create inside the caller's transaction (the composite customer and contract create). */
export async function createCustomerIn(
  deps: AppDeps,
  session: StoreSession,
  input: CreateCustomerInput,
): Promise<Result<Customer, DomainError>> {
  const clientId = input.audit.caller.clientId
  const aliases = distinctAliases(
    input.externalId === null ? input.ingestAliases : [...input.ingestAliases, input.externalId],
  )
  const now = deps.clock.now()
  const customer: Customer = {
    id: deps.ids.newId(),
    name: customerName(input.name),
    externalId: input.externalId,
    ingestAliases: aliases,
    customFields: input.customFields,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
    salesforceAccountId: null,
    leaveStripeInvoicesInDraft: null,
    billableStatusChanges: [],
    providerSettings: input.providerSettings,
  }
  {
    const held = await session.aliasOwners(clientId, aliases)
    if (held.size > 0) return err(aliasConflict([...held.keys()]))
    await session.insertCustomer(clientId, customer)
    await session.replaceAliases(clientId, customer.id, aliases)
    const change = { action: 'customer.create', resourceType: 'customer', resourceId: customer.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok(customer)
  }
}

export function aliasConflict(aliases: readonly string[]): DomainError {
  const list = aliases.map((alias) => `'${alias}'`).join(', ')
  return domainError(
    'ingest_alias_conflict',
    `Ingest alias ${list} is already in use by another customer`,
  )
}
