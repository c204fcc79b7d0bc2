import type { DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { NewRate, RateCardEntry } from '../../domain/pricing/rate-card.js'
import { ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { addRates } from './add-rates.js'

/** addRate: one rate, its fields at the top of the body. */
export async function addRate(
  deps: AppDeps,
  input: { readonly rateCardId: string; readonly rate: NewRate; readonly audit: AuditContext },
): Promise<
  Result<{ entry: RateCardEntry; creditTypes: ReadonlyMap<string, CreditType> }, DomainError>
> {
  const added = await addRates(deps, {
    rateCardId: input.rateCardId,
    rates: [input.rate],
    rootOf: () => 'body',
    action: 'rate_card.add_rate',
    audit: input.audit,
  })
  if (!added.ok) return added
  return ok({ entry: added.value.entries[0]!, creditTypes: added.value.creditTypes })
}
