/**
 * Contracts through the HTTP edge: a create with every term kind read back by v1 and v2 get and
 * list, bad requests refused with the field named and nothing written, the uniqueness key,
 * list filters, `as_of_date`, ledgers and balances, and tenancy.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import { databaseKinds } from '../support/databases.js'
import { auditActions, jsonCalls, useTestApp } from '../support/app.js'
import {
  createContract,
  createCustomer,
  createRateCard,
  storeProduct,
} from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

for (const kind of await databaseKinds()) {
  describe(`contracts API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call } = jsonCalls(t)
    let fixed: string
    let usage: string
    let subscription: string
    let proService: string
    let rateCardId: string

    const create = async (payload: Record<string, unknown>, token = t.token) =>
      call('/v1/contracts/create', payload, token)

    const contractsOf = async (customerId: string) =>
      (await call('/v1/contracts/list', { customer_id: customerId, include_archived: true })).body
        .data as unknown[]

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
      usage = await storeProduct(t, 'USAGE', 'API calls')
      subscription = await storeProduct(t, 'SUBSCRIPTION', 'Seats')
      proService = await storeProduct(t, 'PRO_SERVICE', 'Onboarding')
      rateCardId = await createRateCard(t, { name: 'Card', aliases: [{ name: 'standard' }] })
    })

    /** A request with one of every term kind. */
    const everyTerm = (customerId: string) => ({
      customer_id: customerId,
      name: 'Enterprise',
      rate_card_id: rateCardId,
      starting_at: START,
      ending_before: END,
      net_payment_terms_days: 30,
      netsuite_sales_order_id: 'SO-1',
      salesforce_opportunity_id: 'OPP-1',
      total_contract_value: 120000,
      multiplier_override_prioritization: 'EXPLICIT',
      scheduled_charges_on_usage_invoices: 'ALL',
      uniqueness_key: `key-${randomUUID()}`,
      custom_fields: { team: 'growth' },
      usage_statement_schedule: {
        frequency: 'MONTHLY',
        day: 'CUSTOM_DATE',
        billing_anchor_date: '2024-12-10T00:00:00.000Z',
      },
      usage_filter: { group_key: 'region', group_values: ['eu', 'us'] },
      commits: [
        {
          type: 'PREPAID',
          product_id: fixed,
          name: 'Prepaid',
          description: 'Up front',
          priority: 1,
          temporary_id: 'commit-a',
          rollover_fraction: 0.5,
          rate_type: 'COMMIT_RATE',
          applicable_product_ids: [usage],
          access_schedule: {
            credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
            schedule_items: [
              { amount: 10000, starting_at: START, ending_before: '2025-07-01T00:00:00.000Z' },
              { amount: 5000, starting_at: '2025-07-01T00:00:00.000Z', ending_before: END },
            ],
          },
          invoice_schedule: {
            schedule_items: [{ timestamp: START, amount: 8000 }],
          },
          custom_fields: { po: '42' },
          netsuite_sales_order_id: 'SO-2',
        },
        {
          type: 'POSTPAID',
          product_id: fixed,
          access_schedule: {
            schedule_items: [{ amount: 30000, starting_at: START, ending_before: END }],
          },
          invoice_schedule: {
            schedule_items: [{ timestamp: END, unit_price: 15000, quantity: 2 }],
          },
        },
      ],
      credits: [
        {
          product_id: fixed,
          name: 'Free credit',
          priority: 2,
          specifiers: [{ product_id: usage }],
          access_schedule: {
            schedule_items: [{ amount: 500, starting_at: START, ending_before: END }],
          },
        },
      ],
      recurring_commits: [
        {
          product_id: fixed,
          name: 'Monthly',
          priority: 3,
          starting_at: START,
          access_amount: {
            unit_price: 1000,
            quantity: 1,
            credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
          },
          invoice_amount: {
            unit_price: 900,
            quantity: 1,
            credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
          },
          commit_duration: { value: 2, unit: 'PERIODS' },
          proration: 'FIRST',
          proration_rounding: { access: { decimal_places: 0, rounding_method: 'HALF_UP' } },
          recurrence_frequency: 'MONTHLY',
          temporary_id: 'recurring-a',
        },
      ],
      recurring_credits: [
        {
          product_id: fixed,
          priority: 4,
          starting_at: START,
          access_amount: { unit_price: 100, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
          commit_duration: { value: 1 },
          subscription_config: {
            subscription_id: 'sub-a',
            allocation: 'POOLED',
            apply_seat_increase_config: { is_prorated: true },
          },
        },
      ],
      overrides: [
        {
          starting_at: START,
          product_id: usage,
          type: 'MULTIPLIER',
          multiplier: 0.9,
          priority: 1,
        },
        {
          starting_at: START,
          ending_before: '2025-06-01T00:00:00.000Z',
          type: 'MULTIPLIER',
          multiplier: 0.8,
          priority: 2,
          is_commit_specific: true,
          target: 'COMMIT_RATE',
          override_specifiers: [{ product_id: usage, commit_ids: ['commit-a'] }],
        },
      ],
      scheduled_charges: [
        {
          product_id: fixed,
          name: 'Setup',
          schedule: { schedule_items: [{ timestamp: START, amount: 2500 }] },
          custom_fields: { kind: 'setup' },
        },
      ],
      discounts: [
        {
          product_id: fixed,
          schedule: { schedule_items: [{ timestamp: START, unit_price: 100, quantity: 3 }] },
        },
      ],
      professional_services: [
        { product_id: proService, unit_price: 20000, quantity: 5, max_amount: 100000 },
      ],
      subscriptions: [
        {
          temporary_id: 'sub-a',
          subscription_rate: { product_id: subscription, billing_frequency: 'MONTHLY' },
          collection_schedule: 'ADVANCE',
          proration: { is_prorated: true, invoice_behavior: 'BILL_IMMEDIATELY' },
          initial_quantity: 5,
          name: 'Seats',
        },
      ],
      reseller_royalties: [
        {
          reseller_type: 'AWS',
          fraction: 0.1,
          netsuite_reseller_id: 'R-1',
          applicable_product_ids: [usage],
          starting_at: START,
          aws_options: { aws_account_number: '123' },
        },
      ],
      billing_provider_configuration: {
        billing_provider: 'stripe',
        delivery_method: 'direct_to_billing_provider',
      },
      spend_trackers: [
        {
          alias: 'tracker',
          credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
          reset_frequency: 'BILLING_PERIOD',
          applicable_spend_specifiers: [{ spend_type: 'COMMIT_PURCHASE', sources: ['MANUAL'] }],
        },
      ],
      hierarchy_configuration: { parent_behavior: { invoice_consolidation_type: 'NONE' } },
    })

    test('every term of a create comes back from v1 and v2 get and list', async () => {
      const withProvider = await call('/v1/customers', {
        name: `c ${randomUUID()}`,
        customer_billing_provider_configurations: [
          {
            billing_provider: 'stripe',
            delivery_method: 'direct_to_billing_provider',
            configuration: { stripe_customer_id: 'cus_1' },
          },
        ],
      })
      assert.equal(withProvider.status, 200, JSON.stringify(withProvider.body))
      const customerId = withProvider.body.data.id as string
      const request = everyTerm(customerId)
      const id = await createContract(t, request)

      const v1 = await call('/v1/contracts/get', { customer_id: customerId, contract_id: id })
      assert.equal(v1.status, 200, JSON.stringify(v1.body))
      const contract = v1.body.data
      assert.equal(contract.id, id)
      assert.equal(contract.customer_id, customerId)
      assert.equal(contract.uniqueness_key, request.uniqueness_key)
      assert.deepEqual(contract.custom_fields, { team: 'growth' })
      assert.deepEqual(contract.amendments, [])
      assert.deepEqual(contract.initial, contract.current)
      assert.equal(contract.scheduled_charges_on_usage_invoices, 'ALL')
      // The lookup resolved to the customer's configuration, shown whole (decision 0016).
      const configuration = contract.customer_billing_provider_configuration
      assert.match(configuration.id, /^[0-9a-f-]{36}$/)
      assert.match(configuration.delivery_method_id, /^[0-9a-f-]{36}$/)
      assert.deepEqual(configuration, {
        id: configuration.id,
        billing_provider: 'stripe',
        customer_id: customerId,
        configuration: { stripe_customer_id: 'cus_1' },
        delivery_method_id: configuration.delivery_method_id,
        delivery_method: 'direct_to_billing_provider',
        delivery_method_configuration: {},
        archived_at: null,
      })
      assert.deepEqual(contract.spend_trackers, request.spend_trackers)

      const current = contract.current
      assert.equal(current.name, 'Enterprise')
      assert.equal(current.rate_card_id, rateCardId)
      assert.equal(current.starting_at, START)
      assert.equal(current.ending_before, END)
      assert.equal(current.net_payment_terms_days, 30)
      assert.equal(current.netsuite_sales_order_id, 'SO-1')
      assert.equal(current.salesforce_opportunity_id, 'OPP-1')
      assert.equal(current.total_contract_value, 120000)
      assert.equal(typeof current.created_by, 'string')
      assert.deepEqual(current.usage_statement_schedule, {
        frequency: 'MONTHLY',
        billing_anchor_date: '2024-12-10T00:00:00.000Z',
      })
      assert.deepEqual(current.usage_filter, {
        initial: { group_key: 'region', group_values: ['eu', 'us'], starting_at: START },
        current: { group_key: 'region', group_values: ['eu', 'us'], starting_at: START },
        updates: [],
      })
      assert.deepEqual(current.transitions, [])
      assert.deepEqual(current.hierarchy_configuration, {
        children: [],
        parent_behavior: { invoice_consolidation_type: 'NONE' },
      })
      assert.deepEqual(current.reseller_royalties, [
        {
          reseller_type: 'AWS',
          fraction: 0.1,
          netsuite_reseller_id: 'R-1',
          applicable_product_ids: [usage],
          starting_at: START,
          aws_account_number: '123',
        },
      ])

      const [prepaid, postpaid] = current.commits
      assert.equal(prepaid.type, 'PREPAID')
      assert.deepEqual(prepaid.product, { id: fixed, name: 'Platform fee' })
      assert.equal(prepaid.name, 'Prepaid')
      assert.equal(prepaid.description, 'Up front')
      assert.equal(prepaid.priority, 1)
      assert.equal(prepaid.rollover_fraction, 0.5)
      assert.equal(prepaid.rate_type, 'COMMIT_RATE')
      assert.deepEqual(prepaid.applicable_product_ids, [usage])
      assert.deepEqual(prepaid.custom_fields, { po: '42' })
      assert.equal(prepaid.netsuite_sales_order_id, 'SO-2')
      assert.deepEqual(prepaid.contract, { id })
      assert.deepEqual(prepaid.access_schedule.credit_type, {
        id: USD_CENTS_CREDIT_TYPE_ID,
        name: 'USD (cents)',
      })
      assert.deepEqual(
        prepaid.access_schedule.schedule_items.map(({ id: itemId, ...rest }: { id: string }) => {
          assert.match(itemId, /^[0-9a-f-]{36}$/)
          return rest
        }),
        request.commits[0]!.access_schedule.schedule_items,
      )
      assert.deepEqual(
        prepaid.invoice_schedule.schedule_items.map(({ id: _id, ...rest }: { id: string }) => rest),
        [{ timestamp: START, amount: 8000, unit_price: 8000, quantity: 1 }],
      )
      assert.equal(prepaid.invoice_schedule.do_not_invoice, false)
      assert.equal(postpaid.type, 'POSTPAID')
      assert.equal(postpaid.invoice_schedule.schedule_items[0].amount, 30000)
      assert.equal(postpaid.invoice_schedule.schedule_items[0].unit_price, 15000)
      assert.equal(postpaid.invoice_schedule.schedule_items[0].quantity, 2)

      const [credit] = current.credits
      assert.equal(credit.type, 'CREDIT')
      assert.equal(credit.name, 'Free credit')
      assert.equal(credit.priority, 2)
      assert.deepEqual(credit.specifiers, [{ product_id: usage }])
      assert.equal(credit.access_schedule.schedule_items[0].amount, 500)

      const [recurringCommit] = current.recurring_commits
      assert.equal(recurringCommit.name, 'Monthly')
      assert.equal(recurringCommit.priority, 3)
      assert.deepEqual(recurringCommit.product, { id: fixed, name: 'Platform fee' })
      assert.deepEqual(recurringCommit.access_amount, {
        unit_price: 1000,
        quantity: 1,
        credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
      })
      assert.deepEqual(recurringCommit.invoice_amount, {
        unit_price: 900,
        quantity: 1,
        credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
      })
      assert.deepEqual(recurringCommit.commit_duration, { value: 2, unit: 'PERIODS' })
      assert.equal(recurringCommit.proration, 'FIRST')
      assert.equal(recurringCommit.recurrence_frequency, 'MONTHLY')
      assert.deepEqual(recurringCommit.proration_rounding, {
        access: { decimal_places: 0, rounding_method: 'HALF_UP' },
      })
      assert.equal(recurringCommit.starting_at, START)
      assert.equal(recurringCommit.rate_type, 'LIST_RATE')

      const [subscriptionTerm] = contract.subscriptions
      assert.match(subscriptionTerm.id, /^[0-9a-f-]{36}$/)
      assert.deepEqual(subscriptionTerm.subscription_rate, {
        billing_frequency: 'MONTHLY',
        product: { id: subscription, name: 'Seats' },
      })
      assert.equal(subscriptionTerm.collection_schedule, 'ADVANCE')
      assert.deepEqual(subscriptionTerm.proration, {
        is_prorated: true,
        invoice_behavior: 'BILL_IMMEDIATELY',
      })
      assert.deepEqual(subscriptionTerm.quantity_schedule, [
        { quantity: 5, starting_at: START, ending_before: END },
      ])
      assert.equal(subscriptionTerm.quantity_management_mode, 'QUANTITY_ONLY')
      assert.equal(subscriptionTerm.name, 'Seats')

      const [recurringCredit] = current.recurring_credits
      // temporary ids are mapped to the server ids of the terms they name.
      assert.deepEqual(recurringCredit.subscription_config, {
        subscription_id: subscriptionTerm.id,
        allocation: 'POOLED',
        apply_seat_increase_config: { is_prorated: true },
      })
      assert.deepEqual(recurringCredit.access_amount, {
        unit_price: 100,
        quantity: 1,
        credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
      })

      const [multiplier, commitSpecific] = current.overrides
      assert.deepEqual(multiplier.product, { id: usage, name: 'API calls' })
      assert.equal(multiplier.type, 'MULTIPLIER')
      assert.equal(multiplier.multiplier, 0.9)
      assert.equal(multiplier.priority, 1)
      assert.equal(multiplier.starting_at, START)
      assert.equal(commitSpecific.is_commit_specific, true)
      assert.equal(commitSpecific.target, 'COMMIT_RATE')
      assert.equal(commitSpecific.ending_before, '2025-06-01T00:00:00.000Z')
      assert.deepEqual(commitSpecific.override_specifiers, [
        { product_id: usage, commit_ids: [prepaid.id] },
      ])

      const [charge] = current.scheduled_charges
      assert.deepEqual(charge.product, { id: fixed, name: 'Platform fee' })
      assert.equal(charge.name, 'Setup')
      assert.deepEqual(charge.custom_fields, { kind: 'setup' })
      assert.equal(charge.schedule.schedule_items[0].amount, 2500)
      const [discount] = current.discounts
      assert.equal(discount.schedule.schedule_items[0].amount, 300)
      assert.deepEqual(
        current.professional_services.map(({ id: _id, ...rest }: { id: string }) => rest),
        [
          {
            product_id: proService,
            unit_price: 20000,
            quantity: 5,
            max_amount: 100000,
            custom_fields: {},
          },
        ],
      )

      const v2 = await call('/v2/contracts/get', { customer_id: customerId, contract_id: id })
      assert.equal(v2.status, 200, JSON.stringify(v2.body))
      const contractV2 = v2.body.data
      assert.equal(contractV2.id, id)
      assert.equal(contractV2.multiplier_override_prioritization, 'EXPLICIT')
      assert.deepEqual(contractV2.usage_filter, [
        { group_key: 'region', group_values: ['eu', 'us'], starting_at: START },
      ])
      assert.deepEqual(contractV2.commits, current.commits)
      assert.deepEqual(contractV2.credits, current.credits)
      assert.deepEqual(contractV2.overrides, current.overrides)
      assert.deepEqual(contractV2.recurring_commits, current.recurring_commits)
      assert.deepEqual(contractV2.recurring_credits, current.recurring_credits)
      assert.deepEqual(contractV2.scheduled_charges, current.scheduled_charges)
      assert.deepEqual(contractV2.discounts, current.discounts)
      assert.deepEqual(contractV2.professional_services, current.professional_services)
      assert.deepEqual(contractV2.subscriptions, contract.subscriptions)
      assert.deepEqual(contractV2.usage_statement_schedule, current.usage_statement_schedule)
      assert.deepEqual(contractV2.reseller_royalties, [
        { reseller_type: 'AWS', segments: current.reseller_royalties },
      ])
      assert.deepEqual(contractV2.billing_provider_configuration_schedule, [
        {
          billing_provider_configuration: contract.customer_billing_provider_configuration,
          effective_at: START,
        },
      ])
      for (const key of [
        'name',
        'rate_card_id',
        'starting_at',
        'ending_before',
        'net_payment_terms_days',
        'netsuite_sales_order_id',
        'salesforce_opportunity_id',
        'total_contract_value',
        'created_at',
        'created_by',
        'hierarchy_configuration',
        'spend_trackers',
      ]) {
        assert.deepEqual(contractV2[key], current[key] ?? contract[key], key)
      }

      const listedV1 = await call('/v1/contracts/list', { customer_id: customerId })
      assert.deepEqual(listedV1.body.data, [contract])
      const listedV2 = await call('/v2/contracts/list', { customer_id: customerId })
      assert.deepEqual(listedV2.body.data, [contractV2])
    })

    test('ledgers and balances as of the server clock', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: '2020-01-01T00:00:00.000Z',
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [
                {
                  amount: 1000,
                  starting_at: '2020-01-01T00:00:00.000Z',
                  ending_before: '2020-02-01T00:00:00.000Z',
                },
                {
                  amount: 700,
                  starting_at: '2020-02-01T00:00:00.000Z',
                  ending_before: '2999-01-01T00:00:00.000Z',
                },
              ],
            },
          },
        ],
      })
      const got = await call('/v2/contracts/get', {
        customer_id: customerId,
        contract_id: id,
        include_ledgers: true,
        include_balance: true,
      })
      const [commit] = got.body.data.commits
      assert.equal(commit.balance, 700)
      assert.deepEqual(
        commit.ledger.map((entry: { type: string; amount: number }) => [entry.type, entry.amount]),
        [
          ['PREPAID_COMMIT_SEGMENT_START', 1000],
          // At one instant a start precedes a close (decision 0009, rule 2).
          ['PREPAID_COMMIT_SEGMENT_START', 700],
          ['PREPAID_COMMIT_EXPIRATION', -1000],
        ],
      )
      const plain = await call('/v1/contracts/get', { customer_id: customerId, contract_id: id })
      assert.equal(plain.body.data.current.commits[0].ledger, undefined)
      assert.equal(plain.body.data.current.commits[0].balance, undefined)
    })

    test('rate_card_alias resolves as of starting_at', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        rate_card_alias: 'standard',
      })
      const got = await call('/v2/contracts/get', { customer_id: customerId, contract_id: id })
      assert.equal(got.body.data.rate_card_id, rateCardId)
    })

    const prepaid = (extra: Record<string, unknown> = {}) => ({
      type: 'PREPAID',
      product_id: fixed,
      access_schedule: {
        schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
      },
      ...extra,
    })

    /** A monthly `recurring_schedule` of 1 each month over the contract's year, changed by `extra`. */
    const monthly = (extra: Record<string, unknown>) => ({
      starting_at: START,
      ending_before: END,
      frequency: 'MONTHLY',
      amount: 1,
      amount_distribution: 'EACH',
      ...extra,
    })
    /** A contract with one scheduled charge or discount on `schedule`. */
    const charged = (customerId: string, list: string, schedule: Record<string, unknown>) => ({
      customer_id: customerId,
      starting_at: START,
      [list]: [{ product_id: fixed, schedule }],
    })

    const badRequests: Array<[string, (customerId: string) => Record<string, unknown>, RegExp]> = [
      [
        'unknown customer',
        () => ({ customer_id: randomUUID(), starting_at: START }),
        /^body\.customer_id names no customer/,
      ],
      [
        'unknown rate card',
        (c) => ({ customer_id: c, starting_at: START, rate_card_id: randomUUID() }),
        /^body\.rate_card_id names no rate card/,
      ],
      [
        'unknown rate card alias',
        (c) => ({ customer_id: c, starting_at: START, rate_card_alias: 'nope' }),
        /^body\.rate_card_alias names no rate card/,
      ],
      [
        'rate card id and alias',
        (c) => ({
          customer_id: c,
          starting_at: START,
          rate_card_id: rateCardId,
          rate_card_alias: 'standard',
        }),
        /^body\.rate_card_alias cannot be given together/,
      ],
      [
        'unknown product',
        (c) => ({
          customer_id: c,
          starting_at: START,
          commits: [prepaid({ product_id: randomUUID() })],
        }),
        /^body\.commits\[0\]\.product_id names no product/,
      ],
      [
        'non-FIXED product on a commit',
        (c) => ({ customer_id: c, starting_at: START, commits: [prepaid({ product_id: usage })] }),
        /^body\.commits\[0\]\.product_id must name a FIXED product/,
      ],
      [
        'non-FIXED product on a scheduled charge',
        (c) => ({
          customer_id: c,
          starting_at: START,
          scheduled_charges: [
            { product_id: usage, schedule: { schedule_items: [{ timestamp: START, amount: 1 }] } },
          ],
        }),
        /^body\.scheduled_charges\[0\]\.product_id must name a FIXED product/,
      ],
      [
        'unknown override product',
        (c) => ({
          customer_id: c,
          starting_at: START,
          overrides: [
            { starting_at: START, product_id: randomUUID(), type: 'MULTIPLIER', multiplier: 2 },
          ],
        }),
        /^body\.overrides\[0\]\.product_id names no product/,
      ],
      [
        'postpaid commit with two access segments',
        (c) => ({
          customer_id: c,
          starting_at: START,
          commits: [
            {
              type: 'POSTPAID',
              product_id: fixed,
              access_schedule: {
                schedule_items: [
                  { amount: 1, starting_at: START, ending_before: '2025-02-01T00:00:00Z' },
                  { amount: 1, starting_at: '2025-02-01T00:00:00Z', ending_before: END },
                ],
              },
              invoice_schedule: { schedule_items: [{ timestamp: END, amount: 2 }] },
            },
          ],
        }),
        /^body\.commits\[0\]\.access_schedule\.schedule_items must have exactly one item for POSTPAID/,
      ],
      [
        'postpaid commit with a mismatched invoice amount',
        (c) => ({
          customer_id: c,
          starting_at: START,
          commits: [
            {
              type: 'POSTPAID',
              product_id: fixed,
              access_schedule: {
                schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
              },
              invoice_schedule: { schedule_items: [{ timestamp: END, amount: 99 }] },
            },
          ],
        }),
        /^body\.commits\[0\]\.invoice_schedule\.schedule_items\[0\]\.amount must equal the access amount/,
      ],
      [
        'overlapping schedule items',
        (c) => ({
          customer_id: c,
          starting_at: START,
          commits: [
            prepaid({
              access_schedule: {
                schedule_items: [
                  { amount: 1, starting_at: START, ending_before: '2025-03-01T00:00:00Z' },
                  { amount: 1, starting_at: '2025-02-01T00:00:00Z', ending_before: END },
                ],
              },
            }),
          ],
        }),
        /^body\.commits\[0\]\.access_schedule\.schedule_items\[1\]\.starting_at must not be before/,
      ],
      [
        'unordered schedule items',
        (c) => ({
          customer_id: c,
          starting_at: START,
          credits: [
            {
              product_id: fixed,
              access_schedule: {
                schedule_items: [
                  { amount: 1, starting_at: '2025-06-01T00:00:00Z', ending_before: END },
                  { amount: 1, starting_at: START, ending_before: '2025-02-01T00:00:00Z' },
                ],
              },
            },
          ],
        }),
        /^body\.credits\[0\]\.access_schedule\.schedule_items\[1\]\.starting_at must not be before/,
      ],
      [
        'ending_before before starting_at',
        (c) => ({ customer_id: c, starting_at: END, ending_before: START }),
        /^body\.ending_before must be after starting_at/,
      ],
      [
        'package plus forbidden fields',
        (c) => ({ customer_id: c, starting_at: START, package_id: randomUUID(), name: 'x' }),
        /^body\.name cannot be given with package_id/,
      ],
      [
        'unknown package',
        (c) => ({ customer_id: c, starting_at: START, package_id: randomUUID() }),
        /^body\.package_id names no package/,
      ],
      [
        'transition from another customer\u2019s contract',
        (c) => ({
          customer_id: c,
          starting_at: START,
          transition: { type: 'RENEWAL', from_contract_id: randomUUID() },
        }),
        /^body\.transition\.from_contract_id names no contract of this customer/,
      ],
      [
        'unknown commit temporary id in an override',
        (c) => ({
          customer_id: c,
          starting_at: START,
          overrides: [
            {
              starting_at: START,
              type: 'MULTIPLIER',
              multiplier: 0.5,
              is_commit_specific: true,
              override_specifiers: [{ product_id: usage, commit_ids: ['nope'] }],
            },
          ],
        }),
        /^body\.overrides\[0\]\.override_specifiers\[0\]\.commit_ids\[0\] names no temporary_id/,
      ],
      [
        'a recurring schedule that ends before it starts',
        (c) =>
          charged(c, 'scheduled_charges', { recurring_schedule: monthly({ starting_at: END }) }),
        /^body\.scheduled_charges\[0\]\.schedule\.recurring_schedule\.ending_before must be after starting_at$/,
      ],
      [
        'a recurring schedule with amount and unit_price, ending before it starts',
        (c) =>
          charged(c, 'discounts', {
            recurring_schedule: monthly({ ending_before: START, unit_price: 1, quantity: 1 }),
          }),
        /^body\.discounts\[0\]\.schedule\.recurring_schedule\.ending_before must be after starting_at \(and 1 more problem\)$/,
      ],
      [
        'a recurring commit invoice schedule with unit_price but no quantity',
        (c) => ({
          customer_id: c,
          starting_at: START,
          commits: [
            {
              type: 'PREPAID',
              product_id: fixed,
              access_schedule: {
                schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
              },
              invoice_schedule: {
                recurring_schedule: { ...monthly({ unit_price: 100 }), amount: undefined },
              },
            },
          ],
        }),
        /^body\.commits\[0\]\.invoice_schedule\.recurring_schedule\.quantity is required with unit_price$/,
      ],
      [
        'schedule_items and a recurring_schedule together',
        (c) =>
          charged(c, 'scheduled_charges', {
            schedule_items: [{ timestamp: START, amount: 1 }],
            recurring_schedule: monthly({}),
          }),
        /^body\.scheduled_charges\[0\]\.schedule needs exactly one of schedule_items or recurring_schedule$/,
      ],
      [
        'a schedule with neither schedule_items nor a recurring_schedule',
        (c) => charged(c, 'scheduled_charges', {}),
        /^body\.scheduled_charges\[0\]\.schedule needs exactly one of schedule_items or recurring_schedule$/,
      ],
      [
        'a POSTPAID commit whose recurring invoice schedule expands to several items',
        (c) => ({
          customer_id: c,
          starting_at: START,
          ending_before: END,
          commits: [
            {
              type: 'POSTPAID',
              product_id: fixed,
              access_schedule: {
                schedule_items: [{ amount: 1200, starting_at: START, ending_before: END }],
              },
              invoice_schedule: {
                recurring_schedule: {
                  starting_at: START,
                  ending_before: END,
                  frequency: 'QUARTERLY',
                  amount: 1200,
                  amount_distribution: 'DIVIDED',
                },
              },
            },
          ],
        }),
        /^body\.commits\[0\]\.invoice_schedule\.recurring_schedule must expand to exactly one item for POSTPAID commits \(it gives 4\)$/,
      ],
      [
        'a QUANTITY_ONLY subscription without initial_quantity',
        (c) => ({
          customer_id: c,
          starting_at: START,
          subscriptions: [
            {
              subscription_rate: { product_id: subscription, billing_frequency: 'MONTHLY' },
              collection_schedule: 'ADVANCE',
              proration: {},
            },
          ],
        }),
        /^body\.subscriptions\[0\]\.initial_quantity is required/,
      ],
      [
        'an empty usage filter',
        (c) => ({
          customer_id: c,
          starting_at: START,
          usage_filter: { group_key: 'region', group_values: [] },
        }),
        /^body\.usage_filter\.group_values must not be empty/,
      ],
      [
        'a bad usage statement schedule',
        (c) => ({
          customer_id: c,
          starting_at: START,
          usage_statement_schedule: { frequency: 'MONTHLY', day: 'CUSTOM_DATE' },
        }),
        /^body\.usage_statement_schedule\.billing_anchor_date is required/,
      ],
      [
        'a billing provider configuration the customer does not have',
        (c) => ({
          customer_id: c,
          starting_at: START,
          billing_provider_configuration: {
            billing_provider: 'stripe',
            delivery_method: 'direct_to_billing_provider',
          },
        }),
        /^body\.billing_provider_configuration names no billing provider configuration of the customer/,
      ],
      [
        'a revenue system configuration id the customer does not have',
        (c) => ({
          customer_id: c,
          starting_at: START,
          revenue_system_configuration: { revenue_system_configuration_id: randomUUID() },
        }),
        /^body\.revenue_system_configuration names no revenue system configuration of the customer/,
      ],
      [
        'a schema violation',
        (c) => ({ customer_id: c, starting_at: 'yesterday' }),
        /body\.starting_at/,
      ],
    ]

    for (const [name, payload, message] of badRequests) {
      test(`400 with nothing written: ${name}`, async () => {
        const customerId = await createCustomer(t)
        const refused = await create(payload(customerId))
        assert.equal(refused.status, 400, JSON.stringify(refused.body))
        assert.match(refused.body.message, message)
        assert.equal(refused.headers['x-should-retry'], 'false')
        assert.deepEqual(await contractsOf(customerId), [])
      })
    }

    test('a reused uniqueness_key is a 409 that must not be retried', async () => {
      const customerId = await createCustomer(t)
      const key = `key-${randomUUID()}`
      await createContract(t, { customer_id: customerId, starting_at: START, uniqueness_key: key })
      const again = await create({ customer_id: customerId, starting_at: END, uniqueness_key: key })
      assert.equal(again.status, 409)
      assert.deepEqual(again.body, { message: 'This uniqueness key has already been used.' })
      assert.equal(again.headers['x-should-retry'], 'false')
      assert.equal((await contractsOf(customerId)).length, 1)
    })

    test('transitions show on both contracts', async () => {
      const customerId = await createCustomer(t)
      const old = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        ending_before: END,
      })
      const renewal = await createContract(t, {
        customer_id: customerId,
        starting_at: END,
        transition: {
          type: 'RENEWAL',
          from_contract_id: old,
          future_invoice_behavior: { trueup: 'REMOVE' },
        },
      })
      const expected = [{ type: 'RENEWAL', from_contract_id: old, to_contract_id: renewal }]
      for (const contractId of [old, renewal]) {
        const got = await call('/v2/contracts/get', {
          customer_id: customerId,
          contract_id: contractId,
        })
        assert.deepEqual(got.body.data.transitions, expected)
      }
      const otherCustomer = await createCustomer(t)
      const refused = await create({
        customer_id: otherCustomer,
        starting_at: END,
        transition: { type: 'RENEWAL', from_contract_id: old },
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.transition\.from_contract_id/)
    })

    test('list filters: covering_date, starting_at, both refused', async () => {
      const customerId = await createCustomer(t)
      const first = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        ending_before: '2025-06-01T00:00:00Z',
      })
      const second = await createContract(t, {
        customer_id: customerId,
        starting_at: '2025-06-01T00:00:00Z',
      })
      const ids = async (path: string, filter: Record<string, unknown>) => {
        const listed = await call(path, { customer_id: customerId, ...filter })
        assert.equal(listed.status, 200, JSON.stringify(listed.body))
        return listed.body.data.map((contract: { id: string }) => contract.id)
      }
      for (const path of ['/v1/contracts/list', '/v2/contracts/list']) {
        assert.deepEqual(await ids(path, {}), [first, second])
        assert.deepEqual(await ids(path, { covering_date: '2025-03-01T00:00:00Z' }), [first])
        assert.deepEqual(await ids(path, { covering_date: '2025-06-01T00:00:00Z' }), [second])
        assert.deepEqual(await ids(path, { covering_date: '2024-06-01T00:00:00Z' }), [])
        assert.deepEqual(await ids(path, { starting_at: '2025-02-01T00:00:00Z' }), [second])
        const both = await call(path, {
          customer_id: customerId,
          covering_date: START,
          starting_at: START,
        })
        assert.equal(both.status, 400)
        assert.match(both.body.message, /starting_at cannot be given together with covering_date/)
      }
      const unknown = await call('/v1/contracts/list', { customer_id: randomUUID() })
      assert.equal(unknown.status, 404)
    })

    test('v2 as_of_date: the contract as it was recorded by then', async () => {
      const customerId = await createCustomer(t)
      const before = new Date(Date.now() - 60_000).toISOString()
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        name: 'Now',
      })
      const now = await call('/v2/contracts/get', {
        customer_id: customerId,
        contract_id: id,
        as_of_date: new Date(Date.now() + 1000).toISOString(),
      })
      assert.equal(now.status, 200)
      assert.equal(now.body.data.name, 'Now')
      const earlier = await call('/v2/contracts/get', {
        customer_id: customerId,
        contract_id: id,
        as_of_date: before,
      })
      // Before its creation the contract did not exist; v2 says so with its documented 400.
      assert.equal(earlier.status, 400)
      assert.equal(earlier.body.code, 'ContractNotFound')
      const withLedgers = await call('/v2/contracts/get', {
        customer_id: customerId,
        contract_id: id,
        as_of_date: before,
        include_ledgers: true,
      })
      assert.equal(withLedgers.status, 400)
      assert.deepEqual(withLedgers.body, {
        code: 'InvalidArgument',
        message: 'body.include_ledgers cannot be used with as_of_date',
      })
    })

    test('get answers not found for another customer’s contract (v1 404, v2 400); tenants are isolated', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, { customer_id: customerId, starting_at: START })
      const otherCustomer = await createCustomer(t)
      const mismatched = await call('/v1/contracts/get', {
        customer_id: otherCustomer,
        contract_id: id,
      })
      assert.equal(mismatched.status, 404)

      const otherToken = await t.tokenForClient(`other-${randomUUID()}`)
      const foreign = await call(
        '/v1/contracts/get',
        { customer_id: customerId, contract_id: id },
        otherToken,
      )
      assert.equal(foreign.status, 404)
      const foreignList = await call('/v2/contracts/list', { customer_id: customerId }, otherToken)
      assert.equal(foreignList.status, 400)
      assert.equal(foreignList.body.code, 'CustomerNotFound')
      // Another client's customer cannot be given a contract by this client either.
      const theirCustomer = await createCustomer(t, otherToken)
      const refused = await create({ customer_id: theirCustomer, starting_at: START })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.customer_id names no customer/)
    })

    test('the create is audited', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, { customer_id: customerId, starting_at: START })
      assert.deepEqual(await auditActions(t, { type: 'contract', id }), ['contract.create'])
    })
  })
}
