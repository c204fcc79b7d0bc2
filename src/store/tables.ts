/** Row types of the SQL schema, for Kysely. They never leave `store/`. */
import type { Generated } from 'kysely'

export interface ClientsTable {
  id: string
  name: string
  created_at: Date
}

export interface ApiTokensTable {
  id: string
  client_id: string
  name: string
  token_hash: string
  created_at: Date
  revoked_at: Date | null
}

export interface CreditTypesTable {
  client_id: string
  id: string
  name: string
  is_currency: boolean
  created_at: Date
}

export interface AuditLogsTable {
  client_id: string
  id: string
  seq: Generated<string>
  timestamp: Date
  actor_id: string
  actor_name: string
  request_id: string
  request_ip: string | null
  request_user_agent: string | null
  action: string
  resource_type: string
  resource_id: string
  status: string
}

export interface MigrationsTable {
  version: number
  name: string
  checksum: string
  applied_at: Generated<Date>
}

export interface CustomersTable {
  client_id: string
  id: string
  seq: Generated<string>
  name: string
  external_id: string | null
  custom_fields: Record<string, string>
  salesforce_account_id: string | null
  leave_stripe_invoices_in_draft: boolean | null
  billable_status_changes: Array<{ status: string; effective_at: string }>
  provider_settings: unknown
  created_at: Date
  updated_at: Date
  archived_at: Date | null
}

export interface CustomerAliasesTable {
  client_id: string
  alias: string
  customer_id: string
  position: number
}

export interface BillableMetricsTable {
  client_id: string
  id: string
  seq: Generated<string>
  name: string
  aggregation_type: string | null
  aggregation_key: string | null
  event_type_filter: unknown
  property_filters: unknown
  group_keys: unknown
  sql: string | null
  custom_fields: Record<string, string>
  created_at: Date
  archived_at: Date | null
  /** The events with seq up to this are in the metric's hourly rollup. */
  rolled_up_through: Generated<string>
}

export interface EventsTable {
  client_id: string
  transaction_id: string
  customer_ref: string
  event_type: string
  ts: Date
  properties: unknown
  received_at: Date
  seq: Generated<string>
}

export type EventDuplicatesTable = EventsTable

export interface UsageRollupsTable {
  client_id: string
  metric_id: string
  customer_ref: string
  hour: Date
  group_values: unknown
  event_count: string
  value_sum: string | null
  value_max: string | null
  latest_ts: Date | null
  latest_transaction_id: string | null
  latest_value: string | null
}

export interface ProductsTable {
  client_id: string
  id: string
  seq: Generated<string>
  type: string
  initial: unknown
  updates: unknown
  custom_fields: unknown
  created_at: Date
  created_by: string
  archived_at: Date | null
}

export interface RateCardsTable {
  client_id: string
  id: string
  seq: Generated<string>
  name: string
  description: string | null
  fiat_credit_type_id: string
  credit_type_conversions: unknown
  custom_fields: unknown
  product_order: unknown
  created_at: Date
  created_by: string
  archived_at: Date | null
}

export interface RateCardAliasesTable {
  client_id: string
  rate_card_id: string
  seq: Generated<string>
  name: string
  starting_at: Date | null
  ending_before: Date | null
}

export interface RatesTable {
  client_id: string
  rate_card_id: string
  id: string
  seq: Generated<string>
  product_id: string
  starting_at: Date
  ending_before: Date | null
  entitled: boolean
  pricing_group_values: unknown
  billing_frequency: string | null
  rate: unknown
  commit_rate: unknown
  created_at: Date
}

export interface NamedSchedulesTable {
  client_id: string
  owner_kind: string
  owner_id: string
  schedule_name: string
  segments: unknown
  updated_at: Date
}

export interface ContractsTable {
  client_id: string
  id: string
  customer_id: string
  seq: Generated<string>
  uniqueness_key: string | null
  starting_at: Date
  ending_before: Date | null
  archived_at: Date | null
  transition_from_contract_id: string | null
  created_at: Date
}

export interface ContractEditsTable {
  client_id: string
  contract_id: string
  sequence: number
  id: string
  kind: string
  recorded_at: Date
  recorded_by: string
  payload: unknown
}

export interface CustomerBalancesTable {
  client_id: string
  id: string
  seq: Generated<string>
  customer_id: string
  kind: 'COMMIT' | 'CREDIT'
  document: unknown
  applicable_contract_ids: unknown
  invoice_contract_id: string | null
  uniqueness_key: string | null
  salesforce_opportunity_id: string | null
  created_at: Date
  /** Manual ledger entries (0010_customer_balance_adjustments.sql). */
  manual_adjustments: unknown
}

export interface PackagesTable {
  client_id: string
  id: string
  seq: Generated<string>
  uniqueness_key: string | null
  document: unknown
  created_at: Date
  archived_at: Date | null
}

export interface PackageAliasesTable {
  client_id: string
  package_id: string
  name: string
  starting_at: Date | null
  ending_before: Date | null
}

export interface PackageContractsTable {
  client_id: string
  package_id: string
  contract_id: string
  seq: Generated<string>
}

export interface Database {
  packages: PackagesTable
  package_aliases: PackageAliasesTable
  package_contracts: PackageContractsTable
  customer_balances: CustomerBalancesTable
  contracts: ContractsTable
  contract_edits: ContractEditsTable
  rate_cards: RateCardsTable
  rate_card_aliases: RateCardAliasesTable
  rates: RatesTable
  named_schedules: NamedSchedulesTable
  products: ProductsTable
  event_duplicates: EventDuplicatesTable
  customers: CustomersTable
  customer_aliases: CustomerAliasesTable
  billable_metrics: BillableMetricsTable
  events: EventsTable
  usage_rollups: UsageRollupsTable
  clients: ClientsTable
  api_tokens: ApiTokensTable
  credit_types: CreditTypesTable
  audit_logs: AuditLogsTable
  metrum_migrations: MigrationsTable
}
