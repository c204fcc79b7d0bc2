/**
 * The `Store` port over Kysely. The same code serves PostgreSQL and the embedded PGlite.
 * Every query filters on client_id: tenancy is enforced here, not by callers' care.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditEntry } from '../domain/audit/audit-entry.js'
import type { CreditType } from '../domain/pricing/credit-type.js'
import type {
  ApiToken,
  AuditQuery,
  Caller,
  Client,
  Position,
  Positioned,
  Store,
  StoreSession,
} from '../app/ports.js'
import * as contracts from './contracts.js'
import * as packages from './packages.js'
import * as customerBalances from './customer-balances.js'
import * as customers from './customers.js'
import * as events from './events.js'
import * as metrics from './billable-metrics.js'
import * as products from './products.js'
import * as namedSchedules from './named-schedules.js'
import * as rateCards from './rate-cards.js'
import * as sqlMetrics from './sql-metric.js'
import * as usage from './usage.js'
import * as rollups from './usage-rollups.js'
import type { AuditLogsTable, Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export function createPostgresStore(db: Kysely<Database>): Store {
  return {
    ...sessionOn(db),
    transaction: (work) => db.transaction().execute((trx) => work(sessionOn(trx))),
    rollUpUsage: (options) => rollups.rollUpUsage(db, options),
  }
}

function sessionOn(db: Executor): StoreSession {
  return {
    async findClientByName(name) {
      const row = await db
        .selectFrom('clients')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst()
      return row ? fromDbClient(row) : null
    },

    async insertClient(client) {
      await db
        .insertInto('clients')
        .values({ id: client.id, name: client.name, created_at: client.createdAt })
        .execute()
    },

    async countTokens(clientId) {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('client_id', '=', clientId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
      return Number(row.count)
    },

    async insertToken(token: ApiToken, tokenHash: string) {
      const result = await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          client_id: token.clientId,
          name: token.name,
          token_hash: tokenHash,
          created_at: token.createdAt,
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
    },

    async findTokenByHash(tokenHash): Promise<Caller | null> {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'client_id', 'name'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return row ? { clientId: row.client_id, tokenId: row.id, tokenName: row.name } : null
    },

    async insertCreditTypes(clientId, creditTypes, at) {
      if (creditTypes.length === 0) return
      await db
        .insertInto('credit_types')
        .values(
          creditTypes.map((creditType) => ({
            client_id: clientId,
            id: creditType.id,
            name: creditType.name,
            is_currency: creditType.isCurrency,
            created_at: at,
          })),
        )
        .execute()
    },

    async listCreditTypes(clientId, limit, after): Promise<Positioned<CreditType>[]> {
      let query = db
        .selectFrom('credit_types')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
      if (after) {
        query = query.where((eb) =>
          eb(sql`(created_at, id)`, '>', sql`(${after.timestamp}, ${after.key}::uuid)`),
        )
      }
      const rows = await query.execute()
      return rows.map((row) => ({
        item: { id: row.id, name: row.name, isCurrency: row.is_currency },
        position: { timestamp: row.created_at, key: row.id },
      }))
    },

    async appendAudit(clientId, entry) {
      await db
        .insertInto('audit_logs')
        .values({
          client_id: clientId,
          id: entry.id,
          timestamp: entry.timestamp,
          actor_id: entry.actor.id,
          actor_name: entry.actor.name,
          request_id: entry.request.id,
          request_ip: entry.request.ip,
          request_user_agent: entry.request.userAgent,
          action: entry.action,
          resource_type: entry.resourceType,
          resource_id: entry.resourceId,
          status: entry.status,
        })
        .execute()
    },

    async listAudit(auditQuery: AuditQuery): Promise<Positioned<AuditEntry>[]> {
      const ascending = auditQuery.sort === 'date_asc'
      const direction = ascending ? 'asc' : 'desc'
      let query = db
        .selectFrom('audit_logs')
        .selectAll()
        .where('client_id', '=', auditQuery.clientId)
        .orderBy('timestamp', direction)
        .orderBy('seq', direction)
        .limit(auditQuery.limit)
      if (auditQuery.resource) {
        query = query
          .where('resource_type', '=', auditQuery.resource.type)
          .where('resource_id', '=', auditQuery.resource.id)
      }
      if (auditQuery.startingOn) query = query.where('timestamp', '>=', auditQuery.startingOn)
      if (auditQuery.endingBefore) query = query.where('timestamp', '<', auditQuery.endingBefore)
      const after: Position | null = auditQuery.after
      if (after) {
        const position = sql`(${after.timestamp}::timestamptz, ${after.key}::bigint)`
        query = query.where((eb) => eb(sql`(timestamp, seq)`, ascending ? '>' : '<', position))
      }
      const rows = await query.execute()
      return rows.map((row) => ({
        item: fromDbAuditLog(row),
        position: { timestamp: row.timestamp, key: row.seq },
      }))
    },

    insertCustomer: (clientId, customer) => customers.insertCustomer(db, clientId, customer),
    updateCustomer: (clientId, customer) => customers.updateCustomer(db, clientId, customer),
    findCustomer: (clientId, id) => customers.findCustomer(db, clientId, id),
    listCustomers: (query) => customers.listCustomers(db, query),
    aliasOwners: (clientId, aliases) => customers.aliasOwners(db, clientId, aliases),
    replaceAliases: (clientId, customerId, aliases) =>
      customers.replaceAliases(db, clientId, customerId, aliases),

    insertMetric: (clientId, metric) => metrics.insertMetric(db, clientId, metric),
    updateMetric: (clientId, metric) => metrics.updateMetric(db, clientId, metric),
    findMetric: (clientId, id) => metrics.findMetric(db, clientId, id),
    listMetrics: (query) => metrics.listMetrics(db, query),
    insertProduct: (clientId, product) => products.insertProduct(db, clientId, product),
    updateProduct: (clientId, product) => products.updateProduct(db, clientId, product),
    findProduct: async (clientId, id) =>
      (await products.findProducts(db, clientId, [id]))[0] ?? null,
    findProducts: (clientId, ids) => products.findProducts(db, clientId, ids),
    listProducts: (query) => products.listProducts(db, query),
    insertRateCard: (clientId, card) => rateCards.insertRateCard(db, clientId, card),
    updateRateCard: (clientId, card) => rateCards.updateRateCard(db, clientId, card),
    findRateCard: (clientId, id, options) =>
      rateCards.findRateCard(db, clientId, id, options?.forUpdate ?? false),
    listRateCards: (query) => rateCards.listRateCards(db, query),
    findRateCardAliasAssignments: (clientId, name) =>
      rateCards.findRateCardAliasAssignments(db, clientId, name),
    insertRates: (clientId, rateCardId, rates) =>
      rateCards.insertRates(db, clientId, rateCardId, rates),
    findRates: (clientId, rateCardId) => rateCards.findRates(db, clientId, rateCardId),
    insertContract: (clientId, history) => contracts.insertContract(db, clientId, history),
    isContractUniquenessKeyUsed: (clientId, key) =>
      contracts.isUniquenessKeyUsed(db, clientId, key),
    findContractHistory: (clientId, contractId) =>
      contracts.findContractHistory(db, clientId, contractId),
    listContractHistories: (query) => contracts.listContractHistories(db, query),
    lockContract: (clientId, contractId) => contracts.lockContract(db, clientId, contractId),
    insertPackage: (clientId, pkg) => packages.insertPackage(db, clientId, pkg),
    isPackageUniquenessKeyUsed: (clientId, key) => packages.isUniquenessKeyUsed(db, clientId, key),
    findPackage: (clientId, packageId) => packages.findPackage(db, clientId, packageId),
    findPackagesWithAlias: (clientId, aliasName) =>
      packages.findPackagesWithAlias(db, clientId, aliasName),
    listPackages: (query) => packages.listPackages(db, query),
    archivePackage: (clientId, packageId, at) =>
      packages.archivePackage(db, clientId, packageId, at),
    linkContractToPackage: (clientId, packageId, contractId) =>
      packages.linkContract(db, clientId, packageId, contractId),
    listPackageContracts: (query) => packages.listPackageContracts(db, query),
    insertCustomerBalance: (clientId, balance) =>
      customerBalances.insertCustomerBalance(db, clientId, balance),
    updateCustomerBalance: (clientId, balance) =>
      customerBalances.updateCustomerBalance(db, clientId, balance),
    isBalanceUniquenessKeyUsed: (clientId, key) =>
      customerBalances.isBalanceUniquenessKeyUsed(db, clientId, key),
    findCustomerBalances: (query) => customerBalances.findCustomerBalances(db, query),
    appendContractEdits: (clientId, history, storedCount) =>
      contracts.appendContractEdits(db, clientId, history, storedCount),
    findContractRenewals: (clientId, contractIds) =>
      contracts.findRenewalsOf(db, clientId, contractIds),
    findNamedSchedule: (clientId, owner, scheduleName) =>
      namedSchedules.findNamedSchedule(db, clientId, owner, scheduleName),
    saveNamedSchedule: (clientId, owner, scheduleName, segments, at) =>
      namedSchedules.saveNamedSchedule(db, clientId, owner, scheduleName, segments, at),
    lockNamedSchedule: (clientId, owner, scheduleName) =>
      namedSchedules.lockNamedSchedule(db, clientId, owner, scheduleName),
    listNamedSchedules: (query) => namedSchedules.listNamedSchedules(db, query),
    insertEvents: (clientId, newEvents, receivedAt) =>
      events.insertEvents(db, clientId, newEvents, receivedAt),
    findEvents: (clientId, transactionIds) => events.findEvents(db, clientId, transactionIds),
    aggregateUsage: (query) => usage.aggregateUsage(db, query),
    runSqlMetric: (query, scope) => sqlMetrics.runSqlMetric(db, query, scope),
    resolveCustomerRef: (clientId, customerRef) =>
      customers.resolveCustomerRef(db, clientId, customerRef),

    async ping() {
      await sql`SELECT 1`.execute(db)
    },
  }
}

function fromDbClient(row: { id: string; name: string; created_at: Date }): Client {
  return { id: row.id, name: row.name, createdAt: row.created_at }
}

function fromDbAuditLog(row: Omit<AuditLogsTable, 'seq'>): AuditEntry {
  return {
    id: row.id,
    timestamp: row.timestamp,
    actor: { id: row.actor_id, name: row.actor_name },
    request: { id: row.request_id, ip: row.request_ip, userAgent: row.request_user_agent },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    status: row.status as AuditEntry['status'],
  }
}
