/**
 * POST /v1/contracts/listNamedSchedules (not in the TypeScript SDK): the named schedules of a
 * customer's contracts, paged by `limit` and `next_page` in the body.
 */
import { listContractNamedSchedules } from '../../../app/contracts/contract-named-schedules.js'
import { domainError } from '../../../domain/errors.js'
import { err } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, offsetPage } from '../../pagination.js'
import { toApiNamedSchedule } from '../named-schedule.js'

export default defineOperation(
  'listContractsNamedSchedules-v1',
  async ({ body, caller }, { app }) => {
    const limit = body.limit ?? DEFAULT_PAGE_LIMIT
    // The schema gives no bounds; the other lists of the API page 1 to 100.
    if (limit < 1 || limit > DEFAULT_PAGE_LIMIT) {
      return err(domainError('invalid_argument', 'body.limit must be between 1 and 100'))
    }
    const listed = await listContractNamedSchedules(app, {
      clientId: caller.clientId,
      customerId: body.customer_id,
      contractId: body.contract_id ?? null,
      scheduleName: body.schedule_name ?? null,
      properties: body.properties ?? null,
      coveringDate: body.covering_date ? new Date(body.covering_date) : null,
    })
    if (!listed.ok) return listed
    return offsetPage(listed.value, body.next_page, limit, (schedule) => ({
      contract_id: schedule.ownerId,
      schedule_name: schedule.scheduleName,
      segments: toApiNamedSchedule(schedule.segments),
    }))
  },
)
