/**
 * POST /v1/contract-pricing/rate-cards/updateNamedSchedule — in the SDK this is
 * `v1.contracts.namedSchedules.update`. Answers an empty 200, as the spec's response has no body.
 */
import { updateRateCardNamedSchedule } from '../../../../app/rate-cards/update-rate-card-named-schedule.js'
import { defineOperation } from '../../../operation.js'
import { fromApiNamedScheduleUpdate } from '../../named-schedule.js'

export default defineOperation('updateRateCardNamedSchedule-v1', ({ body, audit }, { app }) =>
  updateRateCardNamedSchedule(app, {
    rateCardId: body.rate_card_id,
    scheduleName: body.schedule_name,
    update: fromApiNamedScheduleUpdate(body),
    audit,
  }),
)
