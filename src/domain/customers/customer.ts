/**
 * A customer: who usage is billed to. Events name a customer by its id or by one of its ingest
 * aliases; aliases are unique within a client, archived customers included, so that an event
 * can never be attributed to two customers.
 */
export type BillableStatus = 'billable' | 'unbillable'

export interface BillableStatusChange {
  readonly status: BillableStatus
  readonly effectiveAt: Date
}

export interface Customer {
  readonly id: string
  readonly name: string
  readonly externalId: string | null
  readonly ingestAliases: readonly string[]
  readonly customFields: Readonly<Record<string, string>>
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly archivedAt: Date | null
  readonly salesforceAccountId: string | null
  readonly leaveStripeInvoicesInDraft: boolean | null
  /** Every change ever scheduled, oldest effective first. */
  readonly billableStatusChanges: readonly BillableStatusChange[]
  /** Billing-provider settings given at creation, kept verbatim for the invoicing issues. */
  readonly providerSettings: unknown
}

/** Metronome truncates longer names silently. */
export const CUSTOMER_NAME_MAX_LENGTH = 160

export function customerName(name: string): string {
  return [...name].slice(0, CUSTOMER_NAME_MAX_LENGTH).join('')
}

/** The references (id and aliases) an event may use to name this customer. */
export function customerRefs(customer: Pick<Customer, 'id' | 'ingestAliases'>): string[] {
  return [customer.id, ...customer.ingestAliases]
}

/** The status in force at `at`: the latest change effective by then; billable by default. */
export function billableStatusAt(
  changes: readonly BillableStatusChange[],
  at: Date,
): BillableStatusChange | null {
  let current: BillableStatusChange | null = null
  for (const change of changes) {
    if (change.effectiveAt.getTime() <= at.getTime()) {
      if (!current || change.effectiveAt.getTime() >= current.effectiveAt.getTime())
        current = change
    }
  }
  return current
}

/** Aliases in first-seen order without repeats: setting the same alias twice is one alias. */
export function distinctAliases(aliases: readonly string[]): string[] {
  return [...new Set(aliases)]
}
