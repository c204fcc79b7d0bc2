/**
 * POST /v1/contracts/updateNamedSchedule — `v1.contracts.rateCards.namedSchedules.update`.
 * Answers an empty 200, as the spec's response has no body.
 */
import { updateContractNamedSchedule } from '../../../app/contracts/contract-named-schedules.js'
import { defineOperation } from '../../operation.js'
import { fromApiNamedScheduleUpdate } from '../named-schedule.js'

export default defineOperation('updateContractNamedSchedule-v1', ({ body, audit }, { app }) =>
  updateContractNamedSchedule(app, {
    customerId: body.customer_id,
    contractId: body.contract_id,
    scheduleName: body.schedule_name,
    update: fromApiNamedScheduleUpdate(body),
    audit,
  }),
)
