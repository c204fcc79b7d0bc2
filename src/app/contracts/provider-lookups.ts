/**
 * A contract's `billing_provider_configuration` and `revenue_system_configuration` lookups,
 * resolved against its customer's configurations (decision 0016): the contract stores the
 * configuration itself, so its views show the spec's full shape.
 */
import type { OpaqueJson, PassThroughTerms } from '../../domain/contracts/contract.js'
import type { EditInput } from '../../domain/contracts/contract-edits.js'
import type { Customer } from '../../domain/customers/customer.js'
import {
  providerConfigurationJson,
  resolveProviderLookup,
  type ProviderKind,
} from '../../domain/customers/provider-configurations.js'
import type { Problem } from '../../domain/problem.js'
import { customerProviderConfigurations } from '../customers/provider-configurations.js'

export type ProviderLookupOutcome =
  | { readonly ok: true; readonly configuration: OpaqueJson }
  | { readonly ok: false; readonly problems: Problem[] }

/** One lookup, named `field` in problems; an already resolved configuration is kept. */
export function resolveProviderConfiguration(
  lookup: OpaqueJson,
  kind: ProviderKind,
  customer: Pick<Customer, 'id' | 'providerSettings'>,
  field: string,
): ProviderLookupOutcome {
  const outcome = resolveProviderLookup(
    lookup,
    kind,
    customerProviderConfigurations(customer, kind),
  )
  return outcome.ok
    ? { ok: true, configuration: providerConfigurationJson(outcome.configuration) }
    : { ok: false, problems: [{ field, message: outcome.message }] }
}

/** A create's pass-through terms with both lookups resolved. */
export function resolveProviderConfigurations(
  passThrough: PassThroughTerms,
  customer: Pick<Customer, 'id' | 'providerSettings'>,
):
  | { readonly ok: true; readonly passThrough: PassThroughTerms }
  | { readonly ok: false; readonly problems: Problem[] } {
  const problems: Problem[] = []
  const resolve = (lookup: OpaqueJson | null, kind: ProviderKind, field: string) => {
    if (lookup === null) return null
    const outcome = resolveProviderConfiguration(lookup, kind, customer, field)
    if (outcome.ok) return outcome.configuration
    problems.push(...outcome.problems)
    return null
  }
  const billingProviderConfiguration = resolve(
    passThrough.billingProviderConfiguration,
    'billing',
    'body.billing_provider_configuration',
  )
  const revenueSystemConfiguration = resolve(
    passThrough.revenueSystemConfiguration,
    'revenue',
    'body.revenue_system_configuration',
  )
  return problems.length > 0
    ? { ok: false, problems }
    : {
        ok: true,
        passThrough: { ...passThrough, billingProviderConfiguration, revenueSystemConfiguration },
      }
}

/**
 * A v2 edit's `add_billing_provider_configuration_update` and
 * `add_revenue_system_configuration_update` with their lookups resolved the same way.
 */
export function resolveProviderUpdates(
  request: EditInput,
  customer: Pick<Customer, 'id' | 'providerSettings'>,
):
  | { readonly ok: true; readonly request: EditInput }
  | { readonly ok: false; readonly problems: Problem[] } {
  const problems: Problem[] = []
  const resolve = (
    update: OpaqueJson | undefined,
    kind: ProviderKind,
    key: string,
    wire: string,
  ) => {
    const lookup = update?.[key]
    if (update === undefined || lookup === null || typeof lookup !== 'object') return update
    const field = `body.${wire}.${key}`
    const outcome = resolveProviderConfiguration(lookup as OpaqueJson, kind, customer, field)
    if (outcome.ok) return { ...update, [key]: outcome.configuration }
    problems.push(...outcome.problems)
    return update
  }
  const billing = resolve(
    request.billingProviderConfigurationUpdate,
    'billing',
    'billing_provider_configuration',
    'add_billing_provider_configuration_update',
  )
  const revenue = resolve(
    request.revenueSystemConfigurationUpdate,
    'revenue',
    'revenue_system_configuration',
    'add_revenue_system_configuration_update',
  )
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    request: {
      ...request,
      ...(billing === undefined ? {} : { billingProviderConfigurationUpdate: billing }),
      ...(revenue === undefined ? {} : { revenueSystemConfigurationUpdate: revenue }),
    },
  }
}
