/**
 * A customer's billing-provider and revenue-system configurations, and how a contract names one
 * (decision 0016).
 *
 * A customer is created with `customer_billing_provider_configurations` and
 * `customer_revenue_system_configurations` (kept verbatim in `providerSettings`). A contract's
 * `billing_provider_configuration` / `revenue_system_configuration` is a *lookup*: an id, or a
 * provider and a delivery method. The contract stores, and shows, the configuration the lookup
 * resolves to (the spec's `CustomerBillingProviderConfiguration` has an id, the customer id and
 * the configuration itself), so a lookup that names none of the customer's is a 400.
 *
 * Ids: the configurations are listed in the order given at creation; the app derives each one's
 * id (and delivery method id, when none was given) from the customer id and that position, so
 * every read names a configuration the same way without a stored row.
 */
import type { OpaqueJson } from '../contracts/contract.js'

export type ProviderKind = 'billing' | 'revenue'

/** The ids the app assigns to the configuration at `index` of a customer's list of `kind`. */
export type ProviderIdsOf = (
  kind: ProviderKind,
  index: number,
) => { readonly id: string; readonly deliveryMethodId: string }

export interface ProviderConfiguration {
  readonly kind: ProviderKind
  readonly id: string
  readonly customerId: string
  /** `billing_provider` of a billing configuration, `provider` of a revenue-system one. */
  readonly provider: string
  readonly deliveryMethod: string | null
  readonly deliveryMethodId: string
  readonly configuration: OpaqueJson
  readonly deliveryMethodConfiguration: OpaqueJson
  readonly taxProvider: string | null
}

const LIST_OF: Record<ProviderKind, string> = {
  billing: 'customer_billing_provider_configurations',
  revenue: 'customer_revenue_system_configurations',
}
const PROVIDER_FIELD: Record<ProviderKind, string> = {
  billing: 'billing_provider',
  revenue: 'provider',
}
const ID_FIELD: Record<ProviderKind, string> = {
  billing: 'billing_provider_configuration_id',
  revenue: 'revenue_system_configuration_id',
}

const isObject = (value: unknown): value is OpaqueJson =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** The customer's configurations of `kind`, in the order given, with their ids. */
export function providerConfigurationsOf(
  customerId: string,
  providerSettings: unknown,
  kind: ProviderKind,
  idsOf: ProviderIdsOf,
): ProviderConfiguration[] {
  const list = isObject(providerSettings) ? providerSettings[LIST_OF[kind]] : undefined
  if (!Array.isArray(list)) return []
  return list.filter(isObject).map((entry, index) => {
    const ids = idsOf(kind, index)
    return {
      kind,
      id: ids.id,
      customerId,
      provider: text(entry[PROVIDER_FIELD[kind]]) ?? '',
      deliveryMethod: text(entry['delivery_method']),
      deliveryMethodId: text(entry['delivery_method_id']) ?? ids.deliveryMethodId,
      configuration: isObject(entry['configuration']) ? entry['configuration'] : {},
      deliveryMethodConfiguration: isObject(entry['delivery_method_configuration'])
        ? entry['delivery_method_configuration']
        : {},
      taxProvider: text(entry['tax_provider']),
    }
  })
}

export type LookupOutcome =
  | { readonly ok: true; readonly configuration: ProviderConfiguration }
  | { readonly ok: false; readonly message: string }

/**
 * The one configuration a lookup names: by id, or by provider and delivery method. Several
 * matching a provider and method is a refusal, as the spec says to name one by id then.
 */
export function resolveProviderLookup(
  lookup: OpaqueJson,
  kind: ProviderKind,
  configurations: readonly ProviderConfiguration[],
): LookupOutcome {
  const what = kind === 'billing' ? 'billing provider' : 'revenue system'
  const id = text(lookup[ID_FIELD[kind]])
  const provider = text(lookup[PROVIDER_FIELD[kind]])
  const deliveryMethod = text(lookup['delivery_method'])
  if (id !== null) {
    if (provider !== null || deliveryMethod !== null) {
      return {
        ok: false,
        message: `gives ${ID_FIELD[kind]} together with ${PROVIDER_FIELD[kind]} or delivery_method: give one or the other`,
      }
    }
    const found = configurations.find((configuration) => configuration.id === id)
    return found
      ? { ok: true, configuration: found }
      : { ok: false, message: `names no ${what} configuration of the customer (${id})` }
  }
  if (provider === null || deliveryMethod === null) {
    return {
      ok: false,
      message: `must give ${ID_FIELD[kind]}, or both ${PROVIDER_FIELD[kind]} and delivery_method`,
    }
  }
  const matching = configurations.filter(
    (configuration) =>
      configuration.provider === provider && configuration.deliveryMethod === deliveryMethod,
  )
  if (matching.length === 1) return { ok: true, configuration: matching[0]! }
  if (matching.length === 0) {
    return {
      ok: false,
      message: `names no ${what} configuration of the customer (${provider}, ${deliveryMethod}); configurations are given when the customer is created`,
    }
  }
  return {
    ok: false,
    message: `matches ${matching.length} ${what} configurations of the customer; name one by ${ID_FIELD[kind]}`,
  }
}

/**
 * The form a contract stores and shows: the spec's `CustomerBillingProviderConfiguration` or
 * `CustomerRevenueSystemConfiguration` (a contract's pass-through fields keep the wire's names).
 */
export function providerConfigurationJson(configuration: ProviderConfiguration): OpaqueJson {
  return {
    id: configuration.id,
    [PROVIDER_FIELD[configuration.kind]]: configuration.provider,
    customer_id: configuration.customerId,
    configuration: configuration.configuration,
    delivery_method_id: configuration.deliveryMethodId,
    ...(configuration.deliveryMethod === null
      ? {}
      : { delivery_method: configuration.deliveryMethod }),
    delivery_method_configuration: configuration.deliveryMethodConfiguration,
    ...(configuration.taxProvider === null ? {} : { tax_provider: configuration.taxProvider }),
    archived_at: null,
  }
}
