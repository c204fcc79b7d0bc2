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

export interface Database {
  clients: ClientsTable
  api_tokens: ApiTokensTable
  credit_types: CreditTypesTable
  audit_logs: AuditLogsTable
  metrum_migrations: MigrationsTable
}
