/**
 * Creates a custom pricing unit ("AI credits"): a non-fiat credit type of the client that rates,
 * commits and credits can be denominated in. The Metronome API has no create call for these, so
 * this is reached from the admin CLI and `POST /_metrum/pricing-units`.
 */
import { domainError, type DomainError } from '../../domain/errors.js'
import type { CreditType } from '../../domain/pricing/credit-type.js'
import { err, ok, type Result } from '../../lib/result.js'
import { auditEntryFor, type AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { listAll } from '../list-all.js'

export const MAX_PRICING_UNIT_NAME_LENGTH = 128

export interface CreatePricingUnitInput {
  readonly clientId: string
  readonly name: string
  /** Present when the unit is made through the API, so the write is audited. */
  readonly audit: AuditContext | null
}

export async function createPricingUnit(
  deps: AppDeps,
  input: CreatePricingUnitInput,
): Promise<Result<CreditType, DomainError>> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > MAX_PRICING_UNIT_NAME_LENGTH) {
    return err(
      domainError(
        'invalid_argument',
        `body.name must be 1 to ${MAX_PRICING_UNIT_NAME_LENGTH} characters (not only spaces)`,
      ),
    )
  }
  const now = deps.clock.now()
  const unit: CreditType = { id: deps.ids.newId(), name, isCurrency: false }
  return deps.store.transaction(async (session) => {
    const existing = await listAll((after, limit) =>
      session.listCreditTypes(input.clientId, limit, after),
    )
    // Names are how people pick a unit in a UI or a CLI: two units with one name are a mistake.
    if (existing.some((creditType) => creditType.name === name)) {
      return err(
        domainError('invalid_argument', `body.name: a pricing unit named '${name}' exists`),
      )
    }
    await session.insertCreditTypes(input.clientId, [unit], now)
    if (input.audit) {
      const change = {
        action: 'pricing_unit.create',
        resourceType: 'pricing_unit',
        resourceId: unit.id,
      }
      await session.appendAudit(input.clientId, auditEntryFor(deps, input.audit, change, now))
    }
    return ok(unit)
  })
}
