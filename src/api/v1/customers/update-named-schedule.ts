/**
 * POST /v1/customers/updateNamedSchedule — `v1.customers.namedSchedules.update`. Answers an
 * empty 200, as the spec's response has no body.
 */
import { updateCustomerNamedSchedule } from '../../../app/customers/customer-named-schedules.js'
import { defineOperation } from '../../operation.js'
import { fromApiNamedScheduleUpdate } from '../named-schedule.js'

export default defineOperation('updateCustomerNamedSchedule-v1', ({ body, audit }, { app }) =>
  updateCustomerNamedSchedule(app, {
    customerId: body.customer_id,
    scheduleName: body.schedule_name,
    update: fromApiNamedScheduleUpdate(body),
    audit,
  }),
)
