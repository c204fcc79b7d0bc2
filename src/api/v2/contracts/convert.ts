/** v2 `ContractV2`, built from the same replay and term builders as v1's `Contract`. */
import type { ContractNames, ContractView } from '../../../app/contracts/contract-support.js'
import type { OpaqueJson } from '../../../domain/contracts/contract.js'
import type { ContractV2 } from '../../generated/index.js'
import {
  commonTerms,
  toApiBillingProvider,
  toApiResellerRoyalty,
  toApiSubscription,
  usageFilterEntries,
  type ViewOptions,
} from '../../v1/contracts/convert.js'

/** v2 groups reseller royalties by reseller type, each with its segments. */
function royaltiesByType(royalties: readonly OpaqueJson[]) {
  const groups = new Map<unknown, unknown[]>()
  for (const royalty of royalties) {
    const type = royalty['reseller_type']
    groups.set(type, [...(groups.get(type) ?? []), toApiResellerRoyalty(royalty)])
  }
  return [...groups].map(([type, segments]) => ({ reseller_type: type, segments }))
}

export function toApiContractV2(
  view: ContractView,
  names: ContractNames,
  options: ViewOptions,
): ContractV2 {
  const { terms } = view
  const pass = terms.passThrough
  const effectiveAt = terms.startingAt.toISOString()
  return {
    id: terms.id,
    customer_id: terms.customerId,
    ...(terms.packageId === null ? {} : { package_id: terms.packageId }),
    ...(terms.uniquenessKey === null ? {} : { uniqueness_key: terms.uniquenessKey }),
    ...commonTerms(view, terms, names, options),
    ...(terms.archivedAt === null ? {} : { archived_at: terms.archivedAt.toISOString() }),
    ...(pass.resellerRoyalties === null
      ? {}
      : { reseller_royalties: royaltiesByType(pass.resellerRoyalties) }),
    usage_filter: usageFilterEntries(terms),
    ...(terms.multiplierOverridePrioritization === null
      ? {}
      : { multiplier_override_prioritization: terms.multiplierOverridePrioritization }),
    custom_fields: { ...terms.customFields },
    ...(pass.billingProviderConfiguration === null
      ? {}
      : {
          customer_billing_provider_configuration: toApiBillingProvider(
            pass.billingProviderConfiguration,
          ),
          billing_provider_configuration_schedule: [
            {
              billing_provider_configuration: toApiBillingProvider(
                pass.billingProviderConfiguration,
              ),
              effective_at: effectiveAt,
            },
          ],
        }),
    ...(pass.revenueSystemConfiguration === null
      ? {}
      : {
          revenue_system_configuration_schedule: [
            {
              revenue_system_configuration: toApiBillingProvider(pass.revenueSystemConfiguration),
              effective_at: effectiveAt,
            },
          ],
        }),
    subscriptions: terms.subscriptions.map((subscription) =>
      toApiSubscription(subscription, terms, names),
    ),
  } as ContractV2
}
