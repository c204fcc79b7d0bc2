/** Customers on the wire: `Customer` (create, setName) and `CustomerDetail` (get, list). */
import { billableStatusAt, type Customer } from '../../../domain/customers/customer.js'

export function toApiCustomer(customer: Customer) {
  return {
    id: customer.id,
    // The spec requires external_id; a customer created without one is known by its id.
    external_id: customer.externalId ?? customer.id,
    ingest_aliases: [...customer.ingestAliases],
    name: customer.name,
    custom_fields: { ...customer.customFields },
  }
}

export function toApiCustomerDetail(customer: Customer, now: Date) {
  const status = billableStatusAt(customer.billableStatusChanges, now)
  return {
    ...toApiCustomer(customer),
    customer_config: { salesforce_account_id: customer.salesforceAccountId },
    created_at: customer.createdAt.toISOString(),
    updated_at: customer.updatedAt.toISOString(),
    archived_at: customer.archivedAt ? customer.archivedAt.toISOString() : null,
    current_billable_status: status
      ? { value: status.status, effective_at: status.effectiveAt.toISOString() }
      : { value: 'billable' as const, effective_at: null },
  }
}
