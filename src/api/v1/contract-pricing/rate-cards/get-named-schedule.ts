/**
 * POST /v1/contract-pricing/rate-cards/getNamedSchedule — in the SDK this is
 * `v1.contracts.namedSchedules.retrieve` (the SDK files it under contracts, and files the
 * contract's named schedules under rateCards).
 */
import { getRateCardNamedSchedule } from '../../../../app/rate-cards/get-rate-card-named-schedule.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { toApiNamedSchedule } from '../../named-schedule.js'

export default defineOperation('getRateCardNamedSchedule-v1', async ({ body, caller }, { app }) => {
  const found = await getRateCardNamedSchedule(app, {
    clientId: caller.clientId,
    rateCardId: body.rate_card_id,
    scheduleName: body.schedule_name,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
  })
  return found.ok ? ok({ data: toApiNamedSchedule(found.value) }) : found
})
