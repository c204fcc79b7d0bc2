import type { Customer } from '../../domain/customers/customer.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { customerNotFound } from './update-customer.js'

export async function getCustomer(
  deps: AppDeps,
  input: { clientId: string; customerId: string },
): Promise<Result<Customer, DomainError>> {
  const customer = await deps.store.findCustomer(input.clientId, input.customerId)
  return customer ? ok(customer) : err(customerNotFound(input.customerId))
}
