import type { Customer } from '../../domain/customers/customer.js'
import type { AppDeps } from '../deps.js'
import type { CustomerListQuery, Positioned } from '../ports.js'

/** Customers in creation order; archived ones only when asked for (`only_archived`). */
export function listCustomers(
  deps: AppDeps,
  query: CustomerListQuery,
): Promise<Positioned<Customer>[]> {
  return deps.store.listCustomers(query)
}
