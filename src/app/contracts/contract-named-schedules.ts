/**
 * A contract's named schedules (`/v1/contracts/getNamedSchedule`, `updateNamedSchedule`,
 * `listNamedSchedules`): named, effective-dated values per contract, through the generic
 * named-schedule module with owner `{ kind: 'contract', id }`. The contract must exist and
 * belong to the customer named.
 *
 * `properties` (a feature-flagged qualifier in the spec) is accepted: schedules here carry no
 * properties, so a get or update ignores it and a list filter with any property matches none.
 */
import type { DomainError } from '../../domain/errors.js'
import {
  namedScheduleCovering,
  type NamedScheduleSegment,
  type NamedScheduleUpdate,
} from '../../domain/pricing/named-schedule.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { readNamedSchedule, updateOwnedSchedule } from '../named-schedules/named-schedules.js'
import type { NamedScheduleOfOwner } from '../ports.js'
import { CONTRACT_RESOURCE, customerNotFound } from './contract-support.js'
import { findCustomerContract } from './find-customer-contract.js'

export async function getContractNamedSchedule(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string
    readonly scheduleName: string
    readonly coveringDate: Date | null
  },
): Promise<Result<NamedScheduleSegment[], DomainError>> {
  const found = await findCustomerContract(deps.store, input)
  if (!found.ok) return found
  return ok(
    await readNamedSchedule(deps.store, {
      clientId: input.clientId,
      owner: { kind: 'contract', id: found.value.history.contractId },
      scheduleName: input.scheduleName,
      coveringDate: input.coveringDate,
    }),
  )
}

/** Sets the contract's schedule to `value` on exactly `[startingAt, endingBefore)`. */
export function updateContractNamedSchedule(
  deps: AppDeps,
  input: {
    readonly customerId: string
    readonly contractId: string
    readonly scheduleName: string
    readonly update: NamedScheduleUpdate
    readonly audit: AuditContext
  },
): Promise<Result<undefined, DomainError>> {
  return updateOwnedSchedule(deps, {
    ...input,
    action: 'contract.update_named_schedule',
    resourceType: CONTRACT_RESOURCE,
    findOwner: async (session, clientId) => {
      const found = await findCustomerContract(session, { ...input, clientId })
      return found.ok ? ok({ kind: 'contract', id: found.value.history.contractId }) : found
    },
  })
}

/**
 * The named schedules of a customer's contracts (archived ones too: their schedules are still
 * readable one by one), or of one contract; ordered by contract id, then name.
 */
export async function listContractNamedSchedules(
  deps: AppDeps,
  input: {
    readonly clientId: string
    readonly customerId: string
    readonly contractId: string | null
    readonly scheduleName: string | null
    readonly properties: Readonly<Record<string, string>> | null
    readonly coveringDate: Date | null
  },
): Promise<Result<NamedScheduleOfOwner[], DomainError>> {
  const { clientId, customerId } = input
  let contractIds: string[]
  if (input.contractId !== null) {
    const found = await findCustomerContract(deps.store, { ...input, contractId: input.contractId })
    if (!found.ok) return found
    contractIds = [found.value.history.contractId]
  } else {
    if (!(await deps.store.findCustomer(clientId, customerId))) {
      return err(customerNotFound(customerId))
    }
    const histories = await deps.store.listContractHistories({
      clientId,
      customerId,
      includeArchived: true,
      covering: null,
      startingAtOrAfter: null,
    })
    contractIds = histories.map((history) => history.contractId)
  }
  if (input.properties !== null && Object.keys(input.properties).length > 0) return ok([])
  const schedules = await deps.store.listNamedSchedules({
    clientId,
    ownerKind: 'contract',
    ownerIds: contractIds,
    scheduleName: input.scheduleName,
  })
  const covering = input.coveringDate
  return ok(
    covering === null
      ? schedules
      : schedules.map((schedule) => ({
          ...schedule,
          segments: namedScheduleCovering(schedule.segments, covering),
        })),
  )
}
