import type { DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { NewRate, RateCardEntry } from '../../domain/pricing/rate-card.js'
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
  rateCardNotFound,
  withCreditType,
} from './rate-card-support.js'

export interface AddRatesInput {
  readonly rateCardId: string
  readonly rates: readonly NewRate[]
  /** Where each rate sits in the request: `body.rates[3]` for addRates, `body` for addRate. */
  readonly rootOf: (index: number) => string
  readonly action: string
  readonly audit: AuditContext
}

export interface AddedRates {
  readonly entries: readonly RateCardEntry[]
  readonly creditTypes: ReadonlyMap<string, CreditType>
}

/**
 * Adds rates to a card, all or none: every rate is checked (against the card's rates and the
 * ones before it in the request) before any is written. The card is locked meanwhile, so two
 * requests cannot both add a rate with one key and one start.
 */
export async function addRates(
  deps: AppDeps,
  input: AddRatesInput,
): Promise<Result<AddedRates, DomainError>> {
  const clientId = input.audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const card = await session.findRateCard(clientId, input.rateCardId, { forUpdate: true })
    if (!card) return err(rateCardNotFound(input.rateCardId))
    if (card.archivedAt !== null) {
      return err(
        invalidRequest([
          {
            field: 'body.rate_card_id',
            message: 'names an archived rate card, which takes no new rates',
          },
        ]),
      )
    }
    const rates = input.rates.map((rate) => withCreditType(rate, card))
    const existing = await session.findRates(clientId, card.id)
    const products = await productsFor(session, clientId, rates)
    const problems = checkNewRates(card, existing, rates, products, input.rootOf)
    if (problems.length > 0) return err(invalidRequest(problems))
    const entries = entriesFor(deps, rates, now)
    await session.insertRates(clientId, card.id, entries)
    const change = { action: input.action, resourceType: RATE_CARD_RESOURCE, resourceId: card.id }
    await recordChange(deps, session, input.audit, change, now)
    return ok({ entries, creditTypes: await creditTypesOf(session, clientId) })
  })
}
