/**
 * The contract fields accepted late, through the official @metronome/sdk: specifier `exclude`
 * and `access_schedule.access_type` (both `x-stainless-skip`, so absent from the SDK's types
 * and passed with a cast: the SDK sends the body as given), v2 edit
 * `update_contract_end_date: null`, and `proration_rounding` in recurring updates.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ContractCreateParams } from '@metronome/sdk/resources/v1/contracts/contracts'
import type { ContractEditParams } from '@metronome/sdk/resources/v2/contracts'
import { useLiveSdk } from '../support/sdk.js'
import { createCustomer, createProduct } from '../support/sdk-fixtures.js'

const START = '2030-01-01T00:00:00.000Z'
const MID = '2030-07-01T00:00:00.000Z'
const END = '2031-01-01T00:00:00.000Z'
const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

describe('contract fields through @metronome/sdk', () => {
  const live = useLiveSdk('contract-fields')

  test('exclude and access_type on create; end date removal and rounding updates on edit', async () => {
    const client = live.client
    const customer = await createCustomer(client, 'SDK fields customer')
    const fee = await createProduct(client, 'FIXED', 'Fee')
    const metric = (
      await client.v1.billableMetrics.create({
        name: 'Calls',
        aggregation_type: 'COUNT',
        event_type_filter: { in_values: ['call'] },
      })
    ).data.id
    const usage = async (name: string, tags: string[]) =>
      (
        await client.v1.contracts.products.create({
          name,
          type: 'USAGE',
          billable_metric_id: metric,
          tags,
        })
      ).data.id
    const beta = await usage('Beta model', ['ai', 'beta'])
    const stable = await usage('Stable model', ['ai'])
    const card = (await client.v1.contracts.rateCards.create({ name: 'Fields card' })).data.id
    for (const product of [beta, stable]) {
      await client.v1.contracts.rateCards.rates.add({
        rate_card_id: card,
        product_id: product,
        starting_at: '2029-01-01T00:00:00.000Z',
        entitled: true,
        rate_type: 'FLAT',
        price: 10,
      })
    }

    const notBeta = [{ product_tags: ['beta'] }]
    const created = await client.v1.contracts.create({
      customer_id: customer,
      rate_card_id: card,
      starting_at: START,
      ending_before: END,
      commits: [
        {
          type: 'PREPAID',
          product_id: fee,
          access_schedule: {
            access_type: 'QUANTITY',
            schedule_items: [{ amount: 1000, starting_at: START, ending_before: END }],
          },
          specifiers: [{ product_tags: ['ai'], exclude: notBeta }],
        },
      ],
      recurring_commits: [
        {
          product_id: fee,
          priority: 1,
          starting_at: START,
          access_amount: { unit_price: 100, quantity: 1, credit_type_id: USD },
          commit_duration: { value: 1, unit: 'PERIODS' },
          proration_rounding: { access: { decimal_places: 2, rounding_method: 'HALF_UP' } },
        },
      ],
      overrides: [
        {
          starting_at: START,
          type: 'MULTIPLIER',
          multiplier: 0.5,
          override_specifiers: [{ product_tags: ['ai'], exclude: notBeta }],
        },
      ],
    } as unknown as ContractCreateParams)
    const ids = { customer_id: customer, contract_id: created.data.id }

    const v1 = (await client.v1.contracts.retrieve(ids)).data
    assert.deepEqual(v1.current.commits[0]?.specifiers, [
      { product_tags: ['ai'], exclude: notBeta },
    ])
    assert.deepEqual(v1.current.overrides[0]?.override_specifiers, [
      { product_tags: ['ai'], exclude: notBeta },
    ])
    const v2 = (await client.v2.contracts.retrieve(ids)).data
    assert.deepEqual(v2.commits[0]?.specifiers, [{ product_tags: ['ai'], exclude: notBeta }])
    assert.equal(v2.commits[0]?.access_schedule?.schedule_items[0]?.amount, 1000)

    // The exclusion is honoured by the rate schedule: the beta product keeps its list rate.
    const schedule = (await client.v1.contracts.retrieveRateSchedule({ ...ids, at: MID })).data
    const rowOf = (product: string) => schedule.find((row) => row.product_id === product)
    assert.equal(rowOf(beta)?.override_rate, undefined)
    assert.equal(rowOf(stable)?.override_rate?.price, 5)

    const recurringId = v2.recurring_commits?.[0]?.id
    assert.ok(recurringId)
    const beforeEdit = new Date().toISOString()
    await sleep(5)
    await client.v2.contracts.edit({
      ...ids,
      update_contract_end_date: null,
      update_recurring_commits: [
        {
          recurring_commit_id: recurringId,
          proration_rounding: { access: { decimal_places: -1, rounding_method: 'FLOOR' } },
        },
      ],
      update_commits: [
        {
          commit_id: v2.commits[0]!.id,
          specifiers: [{ product_tags: ['ai'], exclude: [{ product_tags: ['legacy'] }] }],
        },
      ],
    } as unknown as ContractEditParams)
    const after = (await client.v2.contracts.retrieve(ids)).data
    assert.equal(after.ending_before, undefined)
    assert.deepEqual(after.recurring_commits?.[0]?.proration_rounding, {
      access: { decimal_places: -1, rounding_method: 'FLOOR' },
    })
    assert.deepEqual(after.commits[0]?.specifiers, [
      { product_tags: ['ai'], exclude: [{ product_tags: ['legacy'] }] },
    ])
    const then = (await client.v2.contracts.retrieve({ ...ids, as_of_date: beforeEdit })).data
    assert.equal(then.ending_before, END)
    assert.deepEqual(then.recurring_commits?.[0]?.proration_rounding, {
      access: { decimal_places: 2, rounding_method: 'HALF_UP' },
    })
    assert.deepEqual(then.commits[0]?.specifiers, [{ product_tags: ['ai'], exclude: notBeta }])

    // Clearing the rounding altogether.
    await client.v2.contracts.edit({
      ...ids,
      update_recurring_commits: [{ recurring_commit_id: recurringId, proration_rounding: null }],
    })
    const cleared = (await client.v2.contracts.retrieve(ids)).data
    assert.equal(cleared.recurring_commits?.[0]?.proration_rounding, undefined)

    // An exclusion with no criteria is refused, naming it.
    await assert.rejects(
      client.v1.contracts.create({
        customer_id: customer,
        starting_at: START,
        overrides: [
          {
            starting_at: START,
            type: 'MULTIPLIER',
            multiplier: 0.5,
            override_specifiers: [{ product_tags: ['ai'], exclude: [{}] }],
          },
        ],
      } as unknown as ContractCreateParams),
      (error: { status?: number; message?: string }) =>
        error.status === 400 &&
        (error.message ?? '').includes('body.overrides[0].override_specifiers[0].exclude[0]'),
    )
  })
})
