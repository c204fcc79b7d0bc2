/**
 * POST /v1/contract-pricing/rate-cards/create — `v1.contracts.rateCards.create`.
 *
 * Beyond the spec, the body may carry `rates` (the addRates items): they are checked exactly as
 * addRates checks them and the card is created with them, or nothing is written.
 */
import { createRateCard } from '../../../../app/rate-cards/create-rate-card.js'
import { domainError } from '../../../../domain/errors.js'
import { err, ok } from '../../../../lib/result.js'
import type { RatePayload } from '../../../generated/index.js'
import { defineOperation } from '../../../operation.js'
import { compileValidator, describeValidationError } from '../../../validation.js'
import { fromApiAlias, fromApiConversion, fromApiRate } from './convert.js'

const validateInlineRates = compileValidator(
  {
    type: 'object',
    properties: { rates: { type: 'array', items: { $ref: 'metronome#/definitions/RatePayload' } } },
  },
  'body',
)

export default defineOperation('createRateCard-v1', async ({ body, audit }, { app }) => {
  const inline = body as { rates?: RatePayload[] }
  if (!validateInlineRates(inline)) {
    const [first] = validateInlineRates.errors ?? []
    const message = first ? describeValidationError(first, 'body') : 'body.rates is invalid'
    return err(domainError('invalid_argument', message))
  }
  const created = await createRateCard(app, {
    name: body.name,
    description: body.description ?? null,
    fiatCreditTypeId: body.fiat_credit_type_id ?? null,
    creditTypeConversions: (body.credit_type_conversions ?? []).map(fromApiConversion),
    aliases: (body.aliases ?? []).map(fromApiAlias),
    customFields: body.custom_fields ?? {},
    rates: (inline.rates ?? []).map(fromApiRate),
    audit,
  })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
