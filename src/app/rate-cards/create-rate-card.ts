import type { DomainError } from '../../domain/errors.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../domain/pricing/credit-type.js'
import { checkAliases, type NewRate } from '../../domain/pricing/rate-card.js'
import {
  checkCreditTypeConversions,
  checkFiatCreditType,
  type CreditTypeConversion,
  type RateCardAlias,
  type RateCardDetails,
} from '../../domain/pricing/rate-card-details.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import {
  RATE_CARD_RESOURCE,
  checkNewRates,
  creditTypesOf,
  entriesFor,
  invalidRequest,
  productsFor,
  withCreditType,
} from './rate-card-support.js'

export interface CreateRateCardInput {
  readonly name: string
  readonly description: string | null
  /** Absent: USD (cents). */
  readonly fiatCreditTypeId: string | null
  readonly creditTypeConversions: readonly CreditTypeConversion[]
  readonly aliases: readonly RateCardAlias[]
  readonly customFields: Readonly<Record<string, string>>
  /** Rates to add at once, checked exactly as addRates checks them (`body.rates[i]`). */
  readonly rates: readonly NewRate[]
  readonly audit: AuditContext
}

/** Creates a rate card, with its first rates if given; the whole request is checked first. */
export async function createRateCard(
  deps: AppDeps,
  input: CreateRateCardInput,
): Promise<Result<RateCardDetails, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  const card: RateCardDetails = {
    id: deps.ids.newId(),
    name: input.name,
    description: input.description,
    fiatCreditTypeId: input.fiatCreditTypeId ?? USD_CENTS_CREDIT_TYPE_ID,
    creditTypeConversions: input.creditTypeConversions,
    aliases: input.aliases,
    customFields: input.customFields,
    productOrder: [],
    createdAt: now,
    createdBy: input.audit.caller.tokenName,
    archivedAt: null,
  }
  return deps.store.transaction(async (session) => {
    const creditTypes = [...(await creditTypesOf(session, clientId)).values()]
    const rates = input.rates.map((rate) => withCreditType(rate, card))
    const products = await productsFor(session, clientId, rates)
    const problems = [
      ...checkFiatCreditType(card.fiatCreditTypeId, creditTypes),
      ...checkCreditTypeConversions(
        [],
        card.creditTypeConversions,
        creditTypes,
        'body.credit_type_conversions',
      ),
      ...checkAliases(card.aliases),
      ...checkNewRates(card, [], rates, products, (index) => `body.rates[${index}]`),
    ]
    if (problems.length > 0) return err(invalidRequest(problems))
    await session.insertRateCard(clientId, card)
    await session.insertRates(clientId, card.id, entriesFor(deps, rates, now))
    const change = {
      action: 'rate_card.create',
      resourceType: RATE_CARD_RESOURCE,
      resourceId: card.id,
    }
    await recordChange(deps, session, input.audit, change, now)
    return ok(card)
  })
}
