/** Customers and their ingest aliases, always scoped by client. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { BillableStatus, Customer } from '../domain/customers/customer.js'
import type { CustomerListQuery, Positioned } from '../app/ports.js'
import type { CustomersTable, Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export async function insertCustomer(db: Executor, clientId: string, customer: Customer) {
  await db
    .insertInto('customers')
    .values({ client_id: clientId, id: customer.id, ...toDbCustomer(customer) })
    .execute()
}

export async function updateCustomer(db: Executor, clientId: string, customer: Customer) {
  await db
    .updateTable('customers')
    .set(toDbCustomer(customer))
    .where('client_id', '=', clientId)
    .where('id', '=', customer.id)
    .execute()
}

/** Replaces a customer's aliases; returns the aliases already held by other customers. */
export async function replaceAliases(
  db: Executor,
  clientId: string,
  customerId: string,
  aliases: readonly string[],
): Promise<string[]> {
  const taken = await aliasOwners(db, clientId, aliases)
  const conflicts = aliases.filter((alias) => {
    const owner = taken.get(alias)
    return owner !== undefined && owner !== customerId
  })
  if (conflicts.length > 0) return conflicts
  await db
    .deleteFrom('customer_aliases')
    .where('client_id', '=', clientId)
    .where('customer_id', '=', customerId)
    .execute()
  if (aliases.length > 0) {
    await db
      .insertInto('customer_aliases')
      .values(
        aliases.map((alias, position) => ({
          client_id: clientId,
          alias,
          customer_id: customerId,
          position,
        })),
      )
      .execute()
  }
  return []
}

export async function aliasOwners(
  db: Executor,
  clientId: string,
  aliases: readonly string[],
): Promise<Map<string, string>> {
  if (aliases.length === 0) return new Map()
  const rows = await db
    .selectFrom('customer_aliases')
    .select(['alias', 'customer_id'])
    .where('client_id', '=', clientId)
    .where('alias', 'in', [...aliases])
    .execute()
  return new Map(rows.map((row) => [row.alias, row.customer_id]))
}

export async function findCustomer(
  db: Executor,
  clientId: string,
  id: string,
): Promise<Customer | null> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const aliases = await aliasesOf(db, clientId, [row.id])
  return fromDbCustomer(row, aliases.get(row.id) ?? [])
}

export async function listCustomers(
  db: Executor,
  query: CustomerListQuery,
): Promise<Positioned<Customer>[]> {
  let select = db
    .selectFrom('customers')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .where('archived_at', query.onlyArchived ? 'is not' : 'is', null)
    .orderBy('seq')
    .limit(query.limit)
  if (query.after) select = select.where('seq', '>', query.after.key)
  if (query.customerIds)
    select = select.where(
      'id',
      'in',
      query.customerIds.length ? [...query.customerIds] : [null as never],
    )
  if (query.salesforceAccountIds) {
    const ids = query.salesforceAccountIds.length ? [...query.salesforceAccountIds] : ['']
    select = select.where('salesforce_account_id', 'in', ids)
  }
  if (query.ingestAlias !== null) {
    const alias = query.ingestAlias
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_aliases as a')
          .select(sql`1`.as('one'))
          .whereRef('a.client_id', '=', 'customers.client_id')
          .whereRef('a.customer_id', '=', 'customers.id')
          .where('a.alias', '=', alias),
      ),
    )
  }
  const rows = await select.execute()
  const aliases = await aliasesOf(
    db,
    query.clientId,
    rows.map((row) => row.id),
  )
  return rows.map((row) => ({
    item: fromDbCustomer(row, aliases.get(row.id) ?? []),
    position: { timestamp: row.created_at, key: row.seq },
  }))
}

async function aliasesOf(db: Executor, clientId: string, customerIds: readonly string[]) {
  const byCustomer = new Map<string, string[]>()
  if (customerIds.length === 0) return byCustomer
  const rows = await db
    .selectFrom('customer_aliases')
    .select(['customer_id', 'alias'])
    .where('client_id', '=', clientId)
    .where('customer_id', 'in', [...customerIds])
    .orderBy('position')
    .execute()
  for (const row of rows)
    byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), row.alias])
  return byCustomer
}

function toDbCustomer(customer: Customer) {
  return {
    name: customer.name,
    external_id: customer.externalId,
    custom_fields: JSON.stringify(customer.customFields) as unknown as Record<string, string>,
    salesforce_account_id: customer.salesforceAccountId,
    leave_stripe_invoices_in_draft: customer.leaveStripeInvoicesInDraft,
    billable_status_changes: JSON.stringify(
      customer.billableStatusChanges.map((change) => ({
        status: change.status,
        effective_at: change.effectiveAt.toISOString(),
      })),
    ) as unknown as CustomersTable['billable_status_changes'],
    provider_settings:
      customer.providerSettings === null ? null : JSON.stringify(customer.providerSettings),
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    archived_at: customer.archivedAt,
  }
}

function fromDbCustomer(row: Omit<CustomersTable, 'seq'>, aliases: string[]): Customer {
  return {
    id: row.id,
    name: row.name,
    externalId: row.external_id,
    ingestAliases: aliases,
    customFields: row.custom_fields,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    salesforceAccountId: row.salesforce_account_id,
    leaveStripeInvoicesInDraft: row.leave_stripe_invoices_in_draft,
    billableStatusChanges: row.billable_status_changes.map((change) => ({
      status: change.status as BillableStatus,
      effectiveAt: new Date(change.effective_at),
    })),
    providerSettings: row.provider_settings ?? null,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function resolveCustomerRef(
  db: Executor,
  clientId: string,
  customerRef: string,
): Promise<Customer | null> {
  if (UUID.test(customerRef)) {
    const byId = await findCustomer(db, clientId, customerRef)
    if (byId) return byId
  }
  const owner = (await aliasOwners(db, clientId, [customerRef])).get(customerRef)
  return owner ? findCustomer(db, clientId, owner) : null
}
