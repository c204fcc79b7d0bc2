/**
 * POST /v1/contracts/getNamedSchedule — `v1.contracts.rateCards.namedSchedules.retrieve` (the
 * SDK files contract named schedules under rateCards).
 */
import { getContractNamedSchedule } from '../../../app/contracts/contract-named-schedules.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiNamedSchedule } from '../named-schedule.js'

export default defineOperation('getContractNamedSchedule-v1', async ({ body, caller }, { app }) => {
  const found = await getContractNamedSchedule(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    contractId: body.contract_id,
    scheduleName: body.schedule_name,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
  })
  return found.ok ? ok({ data: toApiNamedSchedule(found.value) }) : found
})
