/**
 * A customer's named schedules (`/v1/customers/getNamedSchedule`, `updateNamedSchedule`): a
 * named, effective-dated value per customer, e.g. a pricing tier that contracts read.
 */
import type { DomainError } from '../../domain/errors.js'
import type {
  NamedScheduleSegment,
  NamedScheduleUpdate,
} from '../../domain/pricing/named-schedule.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { readNamedSchedule, updateOwnedSchedule } from '../named-schedules/named-schedules.js'
import { customerNotFound } from './update-customer.js'

export async function getCustomerNamedSchedule(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly scheduleName: string
    readonly coveringDate: Date | null
  },
): Promise<Result<NamedScheduleSegment[], DomainError>> {
  const customer = await deps.store.findCustomer(input.clientId, input.customerId)
  if (!customer) return err(customerNotFound(input.customerId))
  return ok(
    await readNamedSchedule(deps.store, {
      clientId: input.clientId,
      owner: { kind: 'customer', id: customer.id },
      scheduleName: input.scheduleName,
      coveringDate: input.coveringDate,
    }),
  )
}

/** Sets the customer's schedule to `value` on exactly `[startingAt, endingBefore)`. */
export function updateCustomerNamedSchedule(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly audit: AuditContext
  },
): Promise<Result<undefined, DomainError>> {
  return updateOwnedSchedule(deps, {
    ...input,
    action: 'customer.update_named_schedule',
    resourceType: 'customer',
    findOwner: async (session, clientId) => {
      const customer = await session.findCustomer(clientId, input.customerId)
      return customer
        ? ok({ kind: 'customer', id: customer.id })
        : err(customerNotFound(input.customerId))
    },
  })
}
