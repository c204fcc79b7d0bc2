/**
 * Customer-level commits and credits, scoped by client. The balance itself is stored in the
 * same JSON form as a contract's (store/contracts.ts), so both read back identically.
 */
import type { Kysely, Transaction } from 'kysely'
import type { CustomerBalanceQuery } from '../app/ports.js'
import type {
  CustomerBalance,
  CustomerBalanceAdjustment,
} from '../domain/contracts/customer-balances.js'
import { decimal } from '../domain/money/decimal.js'
import { commitFromJson, commitToJson, creditFromJson, creditToJson } from './contracts.js'
import type { CustomerBalancesTable, Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>
type Json = Record<string, unknown>

/** A manual entry in the stored form of a contract's `addManualBalanceEntry` edit. */
function adjustmentToJson(adjustment: CustomerBalanceAdjustment): Json {
  return {
    segment_id: adjustment.segmentId,
    amount: adjustment.amount.toString(),
    reason: adjustment.reason,
    timestamp: adjustment.timestamp === null ? null : adjustment.timestamp.toISOString(),
    per_group_amounts:
      adjustment.perGroupAmounts &&
      Object.fromEntries(
        Object.entries(adjustment.perGroupAmounts).map(([key, value]) => [key, value.toString()]),
      ),
  }
}

function adjustmentFromJson(stored: Json): CustomerBalanceAdjustment {
  const perGroup = stored['per_group_amounts'] as Record<string, string> | null
  return {
    segmentId: stored['segment_id'] as string,
    amount: decimal(stored['amount'] as string),
    reason: stored['reason'] as string,
    timestamp: stored['timestamp'] === null ? null : new Date(stored['timestamp'] as string),
    perGroupAmounts:
      perGroup &&
      Object.fromEntries(Object.entries(perGroup).map(([key, value]) => [key, decimal(value)])),
  }
}

function columnsOf(balance: CustomerBalance) {
  return {
    document: JSON.stringify(
      balance.kind === 'COMMIT' ? commitToJson(balance) : creditToJson(balance),
    ),
    applicable_contract_ids:
      balance.applicableContractIds === null ? null : JSON.stringify(balance.applicableContractIds),
    invoice_contract_id: balance.invoiceContractId,
    manual_adjustments: JSON.stringify(balance.manualAdjustments.map(adjustmentToJson)),
  }
}

function fromRow(row: Omit<CustomerBalancesTable, 'seq'>): CustomerBalance {
  const scope = {
    customerId: row.customer_id,
    applicableContractIds: (row.applicable_contract_ids as string[] | null) ?? null,
    invoiceContractId: row.invoice_contract_id,
    uniquenessKey: row.uniqueness_key,
    salesforceOpportunityId: row.salesforce_opportunity_id,
    // Rows written before 0010 read '[]' (the column's default).
    manualAdjustments: ((row.manual_adjustments as Json[] | null) ?? []).map(adjustmentFromJson),
  }
  const document = row.document as Json
  return row.kind === 'COMMIT'
    ? { ...commitFromJson(document), ...scope }
    : { ...creditFromJson(document), ...scope }
}

/** Inserts a new balance; false (nothing written) when its uniqueness key is already used. */
export async function insertCustomerBalance(
  db: Executor,
  clientId: string,
  balance: CustomerBalance,
): Promise<boolean> {
  const inserted = await db
    .insertInto('customer_balances')
    .values({
      client_id: clientId,
      id: balance.id,
      customer_id: balance.customerId,
      kind: balance.kind,
      uniqueness_key: balance.uniquenessKey,
      salesforce_opportunity_id: balance.salesforceOpportunityId,
      created_at: balance.createdAt,
      ...columnsOf(balance),
    })
    .onConflict((oc) =>
      oc
        .columns(['client_id', 'uniqueness_key'])
        .where('uniqueness_key', 'is not', null)
        .doNothing(),
    )
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1
}

export async function updateCustomerBalance(
  db: Executor,
  clientId: string,
  balance: CustomerBalance,
) {
  await db
    .updateTable('customer_balances')
    .set(columnsOf(balance))
    .where('client_id', '=', clientId)
    .where('id', '=', balance.id)
    .execute()
}

export async function isBalanceUniquenessKeyUsed(db: Executor, clientId: string, key: string) {
  const row = await db
    .selectFrom('customer_balances')
    .select('id')
    .where('client_id', '=', clientId)
    .where('uniqueness_key', '=', key)
    .executeTakeFirst()
  return row !== undefined
}

/** A customer's commits or credits in creation order (`forUpdate` locks the rows found). */
export async function findCustomerBalances(
  db: Executor,
  query: CustomerBalanceQuery,
): Promise<CustomerBalance[]> {
  let select = db
    .selectFrom('customer_balances')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .where('customer_id', '=', query.customerId)
    .where('kind', '=', query.kind)
    .orderBy('seq')
  if (query.id !== null) select = select.where('id', '=', query.id)
  if (query.forUpdate) select = select.forUpdate()
  const rows = await select.execute()
  return rows.map(fromRow)
}
