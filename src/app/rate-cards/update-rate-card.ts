import { checkAliases } from '../../domain/pricing/rate-card.js'
import {
  checkCreditTypeConversions,
  type CreditTypeConversion,
  type RateCardAlias,
} from '../../domain/pricing/rate-card-details.js'
import { err, ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { changeRateCard } from './change-rate-card.js'
import { creditTypesOf, invalidRequest } from './rate-card-support.js'

export interface UpdateRateCardInput {
  readonly rateCardId: string
  /** Absent fields keep their value. */
  readonly name?: string
  readonly description?: string
  /** The card's whole alias list from now on. */
  readonly aliases?: readonly RateCardAlias[]
  /** Appended; existing conversions cannot be modified. */
  readonly addCreditTypeConversions?: readonly CreditTypeConversion[]
  readonly audit: AuditContext
}

/** Name, description, aliases and new conversions; rates are never touched here. */
export function updateRateCard(deps: AppDeps, input: UpdateRateCardInput) {
  return changeRateCard(
    deps,
    { rateCardId: input.rateCardId, audit: input.audit, action: 'rate_card.update' },
    async (card, { session, clientId }) => {
      const added = input.addCreditTypeConversions ?? []
      const creditTypes =
        added.length > 0 ? [...(await creditTypesOf(session, clientId)).values()] : []
      const problems = [
        ...checkAliases(input.aliases ?? []),
        ...checkCreditTypeConversions(
          card.creditTypeConversions,
          added,
          creditTypes,
          'body.add_credit_type_conversions',
        ),
      ]
      if (problems.length > 0) return err(invalidRequest(problems))
      return ok({
        ...card,
        name: input.name ?? card.name,
        description: input.description ?? card.description,
        aliases: input.aliases ?? card.aliases,
        creditTypeConversions: [...card.creditTypeConversions, ...added],
      })
    },
  )
}
