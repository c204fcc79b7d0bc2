/** POST /v1/customers/getNamedSchedule — `v1.customers.namedSchedules.retrieve`. */
import { getCustomerNamedSchedule } from '../../../app/customers/customer-named-schedules.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiNamedSchedule } from '../named-schedule.js'

export default defineOperation('getCustomerNamedSchedule-v1', async ({ body, caller }, { app }) => {
  const found = await getCustomerNamedSchedule(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    scheduleName: body.schedule_name,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
  })
  return found.ok ? ok({ data: toApiNamedSchedule(found.value) }) : found
})
