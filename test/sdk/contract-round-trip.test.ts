/**
 * The round trip through the official @metronome/sdk: a contract created with every term
 * kind of `CreateContractPayload` comes back from v1 and v2 `retrieve` with every field the spec
 * returns for it, and a renewal shows its transition on both contracts.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'
const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

type CreateParams = Metronome.V1.ContractCreateParams

/** Where each request field shows in the v2 contract, when its name differs. */
const v2FieldOf: Record<string, string | null> = {
  customer_id: 'customer_id',
  billing_provider_configuration: 'billing_provider_configuration_schedule',
  revenue_system_configuration: 'revenue_system_configuration_schedule',
  transition: 'transitions',
}

/** Where each request field shows in the v1 contract: on `current`, or on the contract itself. */
const v1TopLevel = new Set([
  'customer_id',
  'uniqueness_key',
  'custom_fields',
  'subscriptions',
  'spend_trackers',
  'scheduled_charges_on_usage_invoices',
  'prepaid_balance_threshold_configuration',
  'spend_threshold_configuration',
])
const v1FieldOf: Record<string, string | null> = {
  billing_provider_configuration: 'customer_billing_provider_configuration',
  // v1 contracts have neither field; v2 shows them.
  revenue_system_configuration: null,
  multiplier_override_prioritization: null,
  transition: 'transitions',
}

describe('a contract with every term kind through @metronome/sdk', () => {
  const sdk = useLiveSdk('contract-round-trip')

  test('comes back from v1 and v2 retrieve with every field', async () => {
    const { client } = sdk
    const customer = (
      await client.v1.customers.create({
        name: 'Round trip customer',
        customer_billing_provider_configurations: [
          { billing_provider: 'aws_marketplace', delivery_method: 'direct_to_billing_provider' },
        ],
        customer_revenue_system_configurations: [
          { provider: 'netsuite', delivery_method: 'direct_to_billing_provider' },
        ],
      })
    ).data
    const product = async (
      name: string,
      type: 'FIXED' | 'USAGE' | 'SUBSCRIPTION' | 'PRO_SERVICE',
    ) => (await client.v1.contracts.products.create({ name, type })).data.id
    const fixed = await product('Platform fee', 'FIXED')
    const metric = (
      await client.v1.billableMetrics.create({
        name: 'API calls',
        aggregation_type: 'COUNT',
        event_type_filter: { in_values: ['api_call'] },
      })
    ).data.id
    const usage = (
      await client.v1.contracts.products.create({
        name: 'API calls',
        type: 'USAGE',
        billable_metric_id: metric,
      })
    ).data.id
    const seats = await product('Seats', 'SUBSCRIPTION')
    const onboarding = await product('Onboarding', 'PRO_SERVICE')
    const card = (await client.v1.contracts.rateCards.create({ name: 'Round trip card' })).data.id
    await client.v1.contracts.rateCards.rates.add({
      rate_card_id: card,
      product_id: seats,
      starting_at: START,
      entitled: true,
      rate_type: 'FLAT',
      price: 1000,
      billing_frequency: 'MONTHLY',
    })
    await client.v1.contracts.rateCards.rates.add({
      rate_card_id: card,
      product_id: usage,
      starting_at: START,
      entitled: true,
      rate_type: 'FLAT',
      price: 2,
    })

    const request: CreateParams = {
      customer_id: customer.id,
      name: 'Everything',
      rate_card_id: card,
      starting_at: START,
      ending_before: END,
      net_payment_terms_days: 45,
      netsuite_sales_order_id: 'SO-9',
      salesforce_opportunity_id: 'OPP-9',
      total_contract_value: 250000,
      multiplier_override_prioritization: 'LOWEST_MULTIPLIER',
      scheduled_charges_on_usage_invoices: 'ALL',
      uniqueness_key: 'round-trip-1',
      custom_fields: {},
      usage_statement_schedule: { frequency: 'QUARTERLY', day: 'CONTRACT_START' },
      usage_filter: { group_key: 'region', group_values: ['eu'] },
      commits: [
        {
          type: 'PREPAID',
          product_id: fixed,
          name: 'Prepaid',
          priority: 1,
          temporary_id: 'prepaid',
          rollover_fraction: 1,
          applicable_product_tags: ['compute'],
          access_schedule: {
            credit_type_id: USD,
            schedule_items: [
              { amount: 6000, starting_at: START, ending_before: MID },
              { amount: 4000, starting_at: MID, ending_before: END },
            ],
          },
          invoice_schedule: {
            credit_type_id: USD,
            schedule_items: [{ timestamp: START, unit_price: 4500, quantity: 2 }],
          },
        },
        {
          type: 'POSTPAID',
          product_id: fixed,
          access_schedule: {
            schedule_items: [{ amount: 20000, starting_at: START, ending_before: END }],
          },
          invoice_schedule: { schedule_items: [{ timestamp: END, amount: 20000 }] },
        },
      ],
      credits: [
        {
          product_id: fixed,
          name: 'Promo',
          priority: 2,
          specifiers: [{ product_id: usage, pricing_group_values: { region: 'eu' } }],
          access_schedule: {
            schedule_items: [{ amount: 700, starting_at: START, ending_before: END }],
          },
        },
      ],
      recurring_commits: [
        {
          product_id: fixed,
          name: 'Monthly commit',
          priority: 3,
          starting_at: START,
          access_amount: { unit_price: 1000, quantity: 1, credit_type_id: USD },
          invoice_amount: { unit_price: 1000, quantity: 1, credit_type_id: USD },
          commit_duration: { value: 1, unit: 'PERIODS' },
          recurrence_frequency: 'MONTHLY',
          proration: 'NONE',
          rate_type: 'LIST_RATE',
        },
      ],
      recurring_credits: [
        {
          product_id: fixed,
          name: 'Per seat credit',
          priority: 4,
          starting_at: START,
          access_amount: { unit_price: 100, credit_type_id: USD },
          commit_duration: { value: 1 },
          recurrence_frequency: 'MONTHLY',
          subscription_config: {
            subscription_id: 'seats',
            allocation: 'POOLED',
            apply_seat_increase_config: { is_prorated: false },
          },
        },
      ],
      overrides: [
        {
          starting_at: START,
          product_id: usage,
          type: 'OVERWRITE',
          overwrite_rate: { rate_type: 'FLAT', price: 1 },
        },
        {
          starting_at: START,
          type: 'MULTIPLIER',
          multiplier: 0.5,
          is_commit_specific: true,
          override_specifiers: [{ product_id: usage, commit_ids: ['prepaid'] }],
        },
      ],
      scheduled_charges: [
        {
          product_id: fixed,
          name: 'Setup',
          schedule: { schedule_items: [{ timestamp: START, amount: 1500 }] },
        },
      ],
      discounts: [
        {
          product_id: fixed,
          name: 'Launch discount',
          schedule: { schedule_items: [{ timestamp: MID, unit_price: 50, quantity: 4 }] },
        },
      ],
      professional_services: [
        { product_id: onboarding, unit_price: 10000, quantity: 3, max_amount: 30000 },
      ],
      subscriptions: [
        {
          temporary_id: 'seats',
          subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
          collection_schedule: 'ARREARS',
          proration: { is_prorated: false, invoice_behavior: 'BILL_ON_NEXT_COLLECTION_DATE' },
          initial_quantity: 3,
          name: 'Team seats',
        },
      ],
      reseller_royalties: [
        {
          reseller_type: 'GCP',
          fraction: 0.2,
          netsuite_reseller_id: 'R-9',
          applicable_product_ids: [usage],
          starting_at: START,
          gcp_options: { gcp_account_id: 'gcp-1', gcp_offer_id: 'offer-1' },
        },
      ],
      billing_provider_configuration: {
        billing_provider: 'aws_marketplace',
        delivery_method: 'direct_to_billing_provider',
      },
      revenue_system_configuration: {
        provider: 'netsuite',
        delivery_method: 'direct_to_billing_provider',
      },
      prepaid_balance_threshold_configuration: {
        commit: { product_id: fixed, name: 'Top-up' },
        is_enabled: true,
        payment_gate_config: { payment_gate_type: 'NONE' },
        recharge_to_amount: 5000,
        threshold_amount: 1000,
      },
      spend_threshold_configuration: {
        commit: { product_id: fixed },
        is_enabled: false,
        payment_gate_config: { payment_gate_type: 'NONE' },
        threshold_amount: 10000,
      },
      spend_trackers: [
        {
          alias: 'spend',
          credit_type_id: USD,
          reset_frequency: 'BILLING_PERIOD',
          applicable_spend_specifiers: [{ spend_type: 'COMMIT_PURCHASE', sources: ['MANUAL'] }],
        },
      ],
      hierarchy_configuration: { parent_behavior: { invoice_consolidation_type: 'NONE' } },
    } as CreateParams
    const id = (await client.v1.contracts.create(request)).data.id
    const ids = { customer_id: customer.id, contract_id: id }

    const v1 = (await client.v1.contracts.retrieve(ids)).data
    const v2 = (await client.v2.contracts.retrieve(ids)).data
    const v1Record = v1 as unknown as Record<string, unknown>
    const v1Current = v1.current as unknown as Record<string, unknown>
    const v2Record = v2 as unknown as Record<string, unknown>

    // Every field sent shows in both views (under its view's name), with something in it.
    const empty = (value: unknown) => value === undefined || value === null
    for (const key of Object.keys(request)) {
      if (key === 'transition') continue
      const v2Key = v2FieldOf[key] ?? key
      assert.ok(!empty(v2Record[v2Key]), `v2 ${v2Key} (from ${key})`)
      const v1Key = key in v1FieldOf ? v1FieldOf[key] : key
      if (v1Key === null || v1Key === undefined) continue
      const v1Value = v1TopLevel.has(key) ? v1Record[v1Key] : v1Current[v1Key]
      const inEither = v1Value ?? v1Record[v1Key] ?? v1Current[v1Key]
      assert.ok(!empty(inEither), `v1 ${v1Key} (from ${key})`)
    }

    // Values, as the SDK types read them.
    assert.equal(v2.name, 'Everything')
    assert.equal(v2.rate_card_id, card)
    assert.equal(v2.net_payment_terms_days, 45)
    assert.equal(v2.total_contract_value, 250000)
    assert.equal(v2.multiplier_override_prioritization, 'LOWEST_MULTIPLIER')
    assert.equal(v2.uniqueness_key, 'round-trip-1')
    assert.deepEqual(v2.usage_statement_schedule, {
      frequency: 'QUARTERLY',
      billing_anchor_date: START,
    })
    assert.deepEqual(v2.usage_filter, [
      { group_key: 'region', group_values: ['eu'], starting_at: START },
    ])
    const [prepaid, postpaid] = v2.commits
    assert.equal(prepaid?.type, 'PREPAID')
    assert.deepEqual(
      prepaid?.access_schedule?.schedule_items.map((item) => item.amount),
      [6000, 4000],
    )
    assert.deepEqual(prepaid?.applicable_product_tags, ['compute'])
    assert.equal(prepaid?.invoice_schedule?.schedule_items?.[0]?.amount, 9000)
    assert.equal(postpaid?.type, 'POSTPAID')
    assert.deepEqual(v2.credits?.[0]?.specifiers, [
      { product_id: usage, pricing_group_values: { region: 'eu' } },
    ])
    const subscription = v2.subscriptions?.[0]
    assert.ok(subscription?.id)
    assert.equal(subscription.collection_schedule, 'ARREARS')
    assert.deepEqual(subscription.quantity_schedule, [
      { quantity: 3, starting_at: START, ending_before: END },
    ])
    assert.equal(v2.recurring_credits?.[0]?.subscription_config?.subscription_id, subscription.id)
    assert.equal(v2.recurring_commits?.[0]?.recurrence_frequency, 'MONTHLY')
    const [overwrite, commitSpecific] = v2.overrides
    assert.equal(overwrite?.type, 'OVERWRITE')
    assert.deepEqual(overwrite?.overwrite_rate, { rate_type: 'FLAT', price: 1 })
    assert.deepEqual(commitSpecific?.override_specifiers, [
      { product_id: usage, commit_ids: [prepaid!.id] },
    ])
    assert.equal(v2.discounts?.[0]?.schedule.schedule_items?.[0]?.amount, 200)
    assert.equal(v2.professional_services?.[0]?.max_amount, 30000)
    assert.equal(v2.reseller_royalties?.[0]?.reseller_type, 'GCP')
    assert.deepEqual(v2.prepaid_balance_threshold_configuration?.threshold_amount, 1000)
    assert.equal(v2.spend_threshold_configuration?.is_enabled, false)
    assert.equal(v2.spend_trackers?.[0]?.alias, 'spend')
    // The lookups resolved to the customer's configurations (decision 0016).
    const billing = v2.billing_provider_configuration_schedule?.[0]?.billing_provider_configuration
    assert.equal(billing?.billing_provider, 'aws_marketplace')
    assert.equal(billing?.customer_id, customer.id)
    assert.ok(billing?.id && billing.delivery_method_id)
    const revenue = v2.revenue_system_configuration_schedule?.[0]?.revenue_system_configuration
    assert.equal(revenue?.provider, 'netsuite')
    assert.equal(revenue?.customer_id, customer.id)

    // v1 shows the same terms; its commits are the v2 ones.
    assert.deepEqual(v1.current.commits, v2.commits)
    assert.deepEqual(v1.current.overrides, v2.overrides)
    assert.deepEqual(v1.subscriptions, v2.subscriptions)
    assert.deepEqual(v1.initial, v1.current)

    // A renewal: the transition shows on both contracts, in both views.
    const renewal = (
      await client.v1.contracts.create({
        customer_id: customer.id,
        starting_at: END,
        rate_card_id: card,
        transition: { type: 'RENEWAL', from_contract_id: id },
      })
    ).data.id
    const expected = [{ type: 'RENEWAL', from_contract_id: id, to_contract_id: renewal }]
    assert.deepEqual((await client.v2.contracts.retrieve(ids)).data.transitions, expected)
    assert.deepEqual(
      (await client.v2.contracts.retrieve({ customer_id: customer.id, contract_id: renewal })).data
        .transitions,
      expected,
    )
    assert.deepEqual((await client.v1.contracts.retrieve(ids)).data.current.transitions, expected)
  })
})
