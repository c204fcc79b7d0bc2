/**
 * An audit log entry: who changed what, when, through which request. Entries are appended in
 * the same transaction as the write they describe, so a committed write always has its entry.
 */
export interface AuditActor {
  readonly id: string
  readonly name: string
}

export interface AuditRequest {
  readonly id: string
  readonly ip: string | null
  readonly userAgent: string | null
}

export interface AuditEntry {
  readonly id: string
  readonly timestamp: Date
  readonly actor: AuditActor
  readonly request: AuditRequest
  readonly action: string
  readonly resourceType: string
  readonly resourceId: string
  readonly status: 'success' | 'failure' | 'pending'
}

export type AuditSort = 'date_asc' | 'date_desc'
