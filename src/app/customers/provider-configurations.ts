/**
 * A customer's billing-provider and revenue-system configurations with their ids (decision
 * 0016): UUID v5 of the customer id, the kind and the position, so every read names each the
 * same way.
 */
import type { Customer } from '../../domain/customers/customer.js'
import {
  providerConfigurationsOf,
  type ProviderConfiguration,
  type ProviderKind,
} from '../../domain/customers/provider-configurations.js'
import { uuidV5 } from '../../lib/uuid-v5.js'

const PROVIDER_NAMESPACE = '9b1f6f0a-54c2-4d2e-8f7a-3c6e2d9a1b47'

export function customerProviderConfigurations(
  customer: Pick<Customer, 'id' | 'providerSettings'>,
  kind: ProviderKind,
): ProviderConfiguration[] {
  return providerConfigurationsOf(customer.id, customer.providerSettings, kind, (_, index) => ({
    id: uuidV5(PROVIDER_NAMESPACE, `${customer.id}/${kind}/${index}`),
    deliveryMethodId: uuidV5(PROVIDER_NAMESPACE, `${customer.id}/${kind}/${index}/delivery-method`),
  }))
}
