import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  providerConfigurationJson,
  providerConfigurationsOf,
  resolveProviderLookup,
  type ProviderIdsOf,
} from './provider-configurations.js'

const CUSTOMER = 'c0000000-0000-4000-8000-000000000000'
const idsOf: ProviderIdsOf = (kind, index) => ({
  id: `${kind}-${index}`,
  deliveryMethodId: `${kind}-${index}-method`,
})
const settings = {
  customer_billing_provider_configurations: [
    {
      billing_provider: 'stripe',
      delivery_method: 'direct_to_billing_provider',
      configuration: { stripe_customer_id: 'cus_1', stripe_collection_method: 'send_invoice' },
    },
    {
      billing_provider: 'aws_marketplace',
      delivery_method: 'aws_sqs',
      delivery_method_id: 'given',
    },
    { billing_provider: 'aws_marketplace', delivery_method: 'aws_sqs' },
  ],
  customer_revenue_system_configurations: [
    { provider: 'netsuite', delivery_method: 'direct_to_billing_provider' },
  ],
}
const billing = providerConfigurationsOf(CUSTOMER, settings, 'billing', idsOf)
const revenue = providerConfigurationsOf(CUSTOMER, settings, 'revenue', idsOf)

test('configurations keep the order given, with derived ids unless a delivery method id is given', () => {
  assert.deepEqual(
    billing.map((c) => [c.id, c.provider, c.deliveryMethodId]),
    [
      ['billing-0', 'stripe', 'billing-0-method'],
      ['billing-1', 'aws_marketplace', 'given'],
      ['billing-2', 'aws_marketplace', 'billing-2-method'],
    ],
  )
  assert.deepEqual(
    revenue.map((c) => [c.id, c.provider]),
    [['revenue-0', 'netsuite']],
  )
  assert.deepEqual(providerConfigurationsOf(CUSTOMER, null, 'billing', idsOf), [])
  assert.deepEqual(providerConfigurationsOf(CUSTOMER, { billing_config: {} }, 'billing', idsOf), [])
})

const cases: [string, Record<string, unknown>, 'billing' | 'revenue', string | RegExp][] = [
  [
    'provider and method',
    { billing_provider: 'stripe', delivery_method: 'direct_to_billing_provider' },
    'billing',
    'billing-0',
  ],
  ['id', { billing_provider_configuration_id: 'billing-2' }, 'billing', 'billing-2'],
  [
    'revenue system by provider and method',
    { provider: 'netsuite', delivery_method: 'direct_to_billing_provider' },
    'revenue',
    'revenue-0',
  ],
  [
    'revenue system by id',
    { revenue_system_configuration_id: 'revenue-0' },
    'revenue',
    'revenue-0',
  ],
  [
    'an unknown id',
    { billing_provider_configuration_id: 'nope' },
    'billing',
    /names no billing provider configuration/,
  ],
  [
    'no configuration of that provider',
    { billing_provider: 'netsuite', delivery_method: 'direct_to_billing_provider' },
    'billing',
    /names no billing provider configuration of the customer \(netsuite/,
  ],
  [
    'two of that provider and method',
    { billing_provider: 'aws_marketplace', delivery_method: 'aws_sqs' },
    'billing',
    /matches 2 billing provider configurations.*billing_provider_configuration_id/,
  ],
  ['a provider without a method', { billing_provider: 'stripe' }, 'billing', /must give/],
  ['nothing', {}, 'revenue', /must give revenue_system_configuration_id, or both provider/],
  [
    'an id and a provider',
    { billing_provider_configuration_id: 'billing-0', billing_provider: 'stripe' },
    'billing',
    /one or the other/,
  ],
]

for (const [name, lookup, kind, expected] of cases) {
  test(`lookup: ${name}`, () => {
    const outcome = resolveProviderLookup(lookup, kind, kind === 'billing' ? billing : revenue)
    if (typeof expected === 'string') {
      assert.ok(outcome.ok, JSON.stringify(outcome))
      assert.equal(outcome.configuration.id, expected)
    } else {
      assert.ok(!outcome.ok)
      assert.match(outcome.message, expected)
    }
  })
}

test('the stored form is the spec’s configuration shape', () => {
  assert.deepEqual(providerConfigurationJson(billing[0]!), {
    id: 'billing-0',
    billing_provider: 'stripe',
    customer_id: CUSTOMER,
    configuration: { stripe_customer_id: 'cus_1', stripe_collection_method: 'send_invoice' },
    delivery_method_id: 'billing-0-method',
    delivery_method: 'direct_to_billing_provider',
    delivery_method_configuration: {},
    archived_at: null,
  })
  assert.deepEqual(providerConfigurationJson(revenue[0]!), {
    id: 'revenue-0',
    provider: 'netsuite',
    customer_id: CUSTOMER,
    configuration: {},
    delivery_method_id: 'revenue-0-method',
    delivery_method: 'direct_to_billing_provider',
    delivery_method_configuration: {},
    archived_at: null,
  })
})
