/**
 * The ports the use cases depend on. `store/` implements them over PostgreSQL (or PGlite),
 * `main.ts` wires the real clock and id source, and tests pass fixed ones.
 */
import type { AuditEntry, AuditSort } from '../domain/audit/audit-entry.js'
import type { ContractHistory } from '../domain/contracts/contract.js'
import type { Package } from '../domain/contracts/packages.js'
import type { CustomerBalance } from '../domain/contracts/customer-balances.js'
import type { Customer } from '../domain/customers/customer.js'
import type { BillableMetric } from '../domain/metrics/billable-metric.js'
import type { Product } from '../domain/pricing/product.js'
import type { NamedScheduleSegment } from '../domain/pricing/named-schedule.js'
import type { RateCardAliasAssignment, RateCardEntry } from '../domain/pricing/rate-card.js'
import type { RateCardDetails } from '../domain/pricing/rate-card-details.js'
import type { CreditType } from '../domain/pricing/credit-type.js'
import type { StreamingMetricDefinition } from '../domain/usage/billable-metric.js'
import type { WindowSize } from '../domain/usage/aggregate.js'
import type { SqlMetricQuery } from '../domain/usage/sql-metric.js'

export interface Clock {
  now(): Date
}

export interface IdSource {
  /** A new UUID. */
  newId(): string
  /** A new unguessable secret for API tokens. */
  newSecret(): string
}

export interface Client {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
}

export interface ApiToken {
  readonly id: string
  readonly clientId: string
  readonly name: string
  readonly createdAt: Date
}

/** Who is calling: resolved from the bearer token on every request. */
export interface Caller {
  readonly clientId: string
  readonly tokenId: string
  readonly tokenName: string
}

/**
 * A keyset position in a list ordered by (timestamp, key). Lists page by position rather than
 * offset so that rows written while a client pages never shift or repeat what it sees.
 */
export interface Position {
  readonly timestamp: Date
  readonly key: string
}

export interface Positioned<T> {
  readonly item: T
  readonly position: Position
}

export interface AuditQuery {
  readonly clientId: string
  readonly sort: AuditSort
  readonly limit: number
  readonly after: Position | null
  readonly startingOn: Date | null
  readonly endingBefore: Date | null
  readonly resource: { readonly type: string; readonly id: string } | null
}

export interface CustomerListQuery {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
  readonly onlyArchived: boolean
  readonly customerIds: readonly string[] | null
  readonly ingestAlias: string | null
  readonly salesforceAccountIds: readonly string[] | null
}

export interface MetricListQuery {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
  readonly includeArchived: boolean
  readonly ids: readonly string[] | null
}

export interface ProductListQuery {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
  /** Which products by archive state; the wire's `archive_filter`. */
  readonly archived: 'ARCHIVED' | 'NOT_ARCHIVED' | 'ALL'
}

export interface RateCardListQuery {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
}

/** A customer's contracts, filtered on their current term and archive state. */
export interface ContractListQuery {
  readonly clientId: string
  readonly customerId: string
  readonly includeArchived: boolean
  /** Only contracts in force at this instant (`starting_at <= t < ending_before`). */
  readonly covering: Date | null
  /** Only contracts starting at or after this instant. */
  readonly startingAtOrAfter: Date | null
}

export interface PackageListQuery {
  readonly clientId: string
  readonly limit: number
  readonly after: Position | null
  readonly archived: 'ARCHIVED' | 'NOT_ARCHIVED' | 'ALL'
}

/** The contracts provisioned from one package, filtered like a customer's contracts. */
export interface PackageContractQuery {
  readonly clientId: string
  readonly packageId: string
  readonly limit: number
  readonly after: Position | null
  readonly includeArchived: boolean
  readonly covering: Date | null
  readonly startingAtOrAfter: Date | null
}

export interface PackageContractSummary {
  readonly contractId: string
  readonly customerId: string
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly archivedAt: Date | null
}

/** A renewal: `toContractId`'s transition names `fromContractId`. */
export interface ContractRenewal {
  readonly fromContractId: string
  readonly toContractId: string
}

/** Whose named schedule: rate cards now; contracts and customers will own them too. */
export interface NamedScheduleOwner {
  readonly kind: 'rate_card' | 'contract' | 'customer'
  readonly id: string
}

export interface CustomerBalanceQuery {
  readonly clientId: string
  readonly customerId: string
  readonly kind: 'COMMIT' | 'CREDIT'
  /** One balance by id, or all of the customer's of this kind. */
  readonly id: string | null
  /** Inside a transaction: lock the rows found until it ends. */
  readonly forUpdate?: boolean
}

export interface NamedScheduleListQuery {
  readonly clientId: string
  readonly ownerKind: NamedScheduleOwner['kind']
  readonly ownerIds: readonly string[]
  readonly scheduleName: string | null
}

export interface NamedScheduleOfOwner {
  readonly ownerId: string
  readonly scheduleName: string
  readonly segments: readonly NamedScheduleSegment[]
}

export interface UsageQuery {
  readonly clientId: string
  /** Each customer with every reference (id, aliases) its events may carry. */
  readonly customers: readonly { readonly customerId: string; readonly refs: readonly string[] }[]
  /** The metric `definition` belongs to (its hourly rollup is keyed by it). */
  readonly metricId: string
  readonly definition: StreamingMetricDefinition
  readonly startingAt: Date
  readonly endingBefore: Date
  readonly windowSize: WindowSize
  /** Group by these keys (one, or a compound key); null for no grouping. */
  readonly groupKeys: readonly string[] | null
}

export interface SqlMetricScope {
  readonly clientId: string
  readonly refs: readonly string[]
  readonly startingAt: Date
  readonly endingBefore: Date
}

export interface UsageRow {
  readonly customerId: string
  /** The UTC bucket start (the range start for window size NONE). */
  readonly bucketStart: Date
  /** The group's key values, in `groupKeys` order (null where an event lacks the key). */
  readonly group: readonly (string | null)[] | null
  /** True for the row aggregating every group of the bucket. */
  readonly isTotal: boolean
  /** Exact decimal text, or null where the aggregation has no value. */
  readonly value: string | null
}

/** A usage event as stored; the customer is as sent (id or alias). */
export interface StoredEvent {
  readonly transactionId: string
  readonly customerRef: string
  readonly eventType: string
  readonly timestamp: Date
  readonly properties: Readonly<Record<string, unknown>>
  readonly receivedAt: Date
  /** A later event with an already-accepted transaction_id: kept for search, never counted. */
  readonly isDuplicate: boolean
}

export interface NewEvent {
  readonly transactionId: string
  readonly customerRef: string
  readonly eventType: string
  /** RFC 3339 text, already checked. */
  readonly timestamp: string
  readonly propertiesJson: string
}

/** The repositories, bound either to the pool or to one transaction. */
export interface StoreSession {
  findClientByName(name: string): Promise<Client | null>
  insertClient(client: Client): Promise<void>
  countTokens(clientId: string): Promise<number>
  insertToken(token: ApiToken, tokenHash: string): Promise<boolean>
  findTokenByHash(tokenHash: string): Promise<Caller | null>

  insertCreditTypes(clientId: string, creditTypes: readonly CreditType[], at: Date): Promise<void>
  /** Credit types in creation order, after `after`. */
  listCreditTypes(
    clientId: string,
    limit: number,
    after: Position | null,
  ): Promise<Positioned<CreditType>[]>

  appendAudit(clientId: string, entry: AuditEntry): Promise<void>
  listAudit(query: AuditQuery): Promise<Positioned<AuditEntry>[]>

  insertCustomer(clientId: string, customer: Customer): Promise<void>
  updateCustomer(clientId: string, customer: Customer): Promise<void>
  findCustomer(clientId: string, id: string): Promise<Customer | null>
  listCustomers(query: CustomerListQuery): Promise<Positioned<Customer>[]>
  /** Which of these aliases are held, and by which customer. */
  aliasOwners(clientId: string, aliases: readonly string[]): Promise<Map<string, string>>
  /**
   * Makes `aliases` the customer's whole alias set, unless some are held by other customers:
   * then nothing changes and those aliases are returned.
   */
  replaceAliases(
    clientId: string,
    customerId: string,
    aliases: readonly string[],
  ): Promise<string[]>

  insertMetric(clientId: string, metric: BillableMetric): Promise<void>
  /** Persists the mutable parts of a metric: its name and archival. */
  updateMetric(clientId: string, metric: BillableMetric): Promise<void>
  findMetric(clientId: string, id: string): Promise<BillableMetric | null>
  listMetrics(query: MetricListQuery): Promise<Positioned<BillableMetric>[]>

  insertProduct(clientId: string, product: Product): Promise<void>
  /** Writes the product's updates, custom fields and archive state (its type never changes). */
  updateProduct(clientId: string, product: Product): Promise<void>
  findProduct(clientId: string, id: string): Promise<Product | null>
  /** The products with these ids that exist, in no particular order. */
  findProducts(clientId: string, ids: readonly string[]): Promise<Product[]>
  listProducts(query: ProductListQuery): Promise<Positioned<Product>[]>

  insertRateCard(clientId: string, card: RateCardDetails): Promise<void>
  /**
   * Writes name, description, conversions, product order, archive state and aliases; aliases
   * already held keep their place in the assignment order, new ones are assigned last.
   */
  updateRateCard(clientId: string, card: RateCardDetails): Promise<void>
  /** With `forUpdate` (inside a transaction) the card stays locked until it ends. */
  findRateCard(
    clientId: string,
    id: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<RateCardDetails | null>
  /** Rate cards that are not archived, in creation order. */
  listRateCards(query: RateCardListQuery): Promise<Positioned<RateCardDetails>[]>
  /** Every assignment of an alias name across the client's rate cards, in assignment order. */
  findRateCardAliasAssignments(clientId: string, name: string): Promise<RateCardAliasAssignment[]>
  insertRates(clientId: string, rateCardId: string, rates: readonly RateCardEntry[]): Promise<void>
  /** The card's rates in the order they were added. */
  findRates(clientId: string, rateCardId: string): Promise<RateCardEntry[]>

  /**
   * Stores a new contract's history; false (nothing written) when its uniqueness key is already
   * used by the client.
   */
  insertContract(clientId: string, history: ContractHistory): Promise<boolean>
  isContractUniquenessKeyUsed(clientId: string, uniquenessKey: string): Promise<boolean>
  findContractHistory(clientId: string, contractId: string): Promise<ContractHistory | null>
  /**
   * Inside a transaction: locks the contract until it ends, so an edit reads the history,
   * decides and appends without another edit in between. Call before `findContractHistory`.
   */
  lockContract(clientId: string, contractId: string): Promise<void>
  /** Stores a new package; false (nothing written) when its uniqueness key is already used. */
  insertPackage(clientId: string, pkg: Package): Promise<boolean>
  isPackageUniquenessKeyUsed(clientId: string, uniquenessKey: string): Promise<boolean>
  findPackage(clientId: string, packageId: string): Promise<Package | null>
  /** Every unarchived package that has the alias in any of its schedules. */
  findPackagesWithAlias(clientId: string, aliasName: string): Promise<Package[]>
  listPackages(query: PackageListQuery): Promise<Positioned<Package>[]>
  archivePackage(clientId: string, packageId: string, at: Date): Promise<void>
  /** Records that a contract was provisioned from a package. */
  linkContractToPackage(clientId: string, packageId: string, contractId: string): Promise<void>
  listPackageContracts(query: PackageContractQuery): Promise<Positioned<PackageContractSummary>[]>
  /** Stores a customer-level commit or credit; false when its uniqueness key is used. */
  insertCustomerBalance(clientId: string, balance: CustomerBalance): Promise<boolean>
  updateCustomerBalance(clientId: string, balance: CustomerBalance): Promise<void>
  isBalanceUniquenessKeyUsed(clientId: string, uniquenessKey: string): Promise<boolean>
  findCustomerBalances(query: CustomerBalanceQuery): Promise<CustomerBalance[]>
  /** Appends the edits of `history` after the `storedCount` already stored. */
  appendContractEdits(
    clientId: string,
    history: ContractHistory,
    storedCount: number,
  ): Promise<void>
  /** A customer's contracts in creation order. */
  listContractHistories(query: ContractListQuery): Promise<ContractHistory[]>
  /** The contracts renewing any of these (their transition names it). */
  findContractRenewals(clientId: string, contractIds: readonly string[]): Promise<ContractRenewal[]>

  /** A schedule's segments in order; none when it was never set. */
  findNamedSchedule(
    clientId: string,
    owner: NamedScheduleOwner,
    scheduleName: string,
  ): Promise<NamedScheduleSegment[]>
  saveNamedSchedule(
    clientId: string,
    owner: NamedScheduleOwner,
    scheduleName: string,
    segments: readonly NamedScheduleSegment[],
    at: Date,
  ): Promise<void>
  /**
   * Inside a transaction: holds one schedule until the transaction ends, so concurrent updates
   * of it read, change and write one after another (a schedule may not have a row to lock yet).
   */
  lockNamedSchedule(
    clientId: string,
    owner: NamedScheduleOwner,
    scheduleName: string,
  ): Promise<void>
  /**
   * Every schedule of these owners (of one kind), by owner id then name; with `scheduleName`
   * only the schedules of that name.
   */
  listNamedSchedules(query: NamedScheduleListQuery): Promise<NamedScheduleOfOwner[]>

  /** Stores the events whose transaction_id is new; returns how many were new. */
  insertEvents(clientId: string, events: readonly NewEvent[], receivedAt: Date): Promise<number>
  findEvents(clientId: string, transactionIds: readonly string[]): Promise<StoredEvent[]>
  aggregateUsage(query: UsageQuery): Promise<UsageRow[]>
  /** Runs a checked SQL metric scoped to one customer's events in a period; rows as text. */
  runSqlMetric(query: SqlMetricQuery, scope: SqlMetricScope): Promise<Array<Array<string | null>>>
  /** The customer an event's customer_id names: by id, else by ingest alias. */
  resolveCustomerRef(clientId: string, customerRef: string): Promise<Customer | null>

  /** A trivial round trip, for health checks. */
  ping(): Promise<void>
}

export interface RollUpOutcome {
  /** Events folded into some metric's rollup by this call (counted once per metric). */
  readonly eventsRolled: number
  /** True when every metric's rollup reached the committed end of the event log. */
  readonly caughtUp: boolean
}

export interface Store extends StoreSession {
  /** Runs `work` in one transaction; every read and write inside must use the given session. */
  transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T>
  /**
   * Folds newly ingested events into the metrics' hourly rollups, at most `chunkEvents` of the
   * log per metric per call. Usage answers are the same whether or not this has run.
   */
  rollUpUsage(options?: { readonly chunkEvents?: number }): Promise<RollUpOutcome>
}

export interface Job {
  readonly name: string
  readonly data: Record<string, unknown>
}

export interface JobQueue {
  send(name: string, data: Record<string, unknown>): Promise<string | null>
  work(name: string, handler: (job: Job) => Promise<void>): Promise<void>
  stop(): Promise<void>
}
