/** The contract operations through the official @metronome/sdk against a live server. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'
import { createContract } from '../support/sdk-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'
const FAR = '2999-01-01T00:00:00.000Z'

describe('contract operations through @metronome/sdk', () => {
  const sdk = useLiveSdk('contract-operations')

  test('every operation answers in the shapes the SDK expects', async () => {
    const { client } = sdk
    const customer = (await client.v1.customers.create({ name: 'SDK operations customer' })).data
    const fee = (await client.v1.contracts.products.create({ name: 'Fee', type: 'FIXED' })).data
    const seats = (
      await client.v1.contracts.products.create({ name: 'Seats', type: 'SUBSCRIPTION' })
    ).data
    const card = (await client.v1.contracts.rateCards.create({ name: 'SDK ops card' })).data
    await client.v1.contracts.rateCards.rates.add({
      rate_card_id: card.id,
      product_id: seats.id,
      starting_at: START,
      entitled: true,
      rate_type: 'FLAT',
      price: 1500,
      billing_frequency: 'MONTHLY',
    })
    const contractId = await createContract(client, {
      customer_id: customer.id,
      rate_card_id: card.id,
      starting_at: START,
      ending_before: FAR,
      commits: [
        {
          type: 'PREPAID',
          product_id: fee.id,
          access_schedule: {
            schedule_items: [{ amount: 1000, starting_at: START, ending_before: FAR }],
          },
        },
        {
          type: 'POSTPAID',
          product_id: fee.id,
          access_schedule: {
            schedule_items: [{ amount: 500, starting_at: START, ending_before: END }],
          },
          invoice_schedule: { schedule_items: [{ timestamp: END, amount: 500 }] },
        },
      ],
      overrides: [
        { starting_at: START, product_id: seats.id, type: 'MULTIPLIER', multiplier: 0.5 },
      ],
      subscriptions: [
        {
          subscription_rate: { product_id: seats.id, billing_frequency: 'MONTHLY' },
          collection_schedule: 'ADVANCE',
          proration: {},
          quantity_management_mode: 'SEAT_BASED',
          seat_config: { seat_group_key: 'user', initial_seat_ids: ['a', 'b'] },
        },
      ],
    })
    const ids = { customer_id: customer.id, contract_id: contractId }

    const schedule = await client.v1.contracts.retrieveRateSchedule({ ...ids, at: MID })
    assert.equal(schedule.data.length, 1)
    assert.equal(schedule.data[0]?.product_name, 'Seats')
    assert.equal(schedule.data[0]?.list_rate.price, 1500)
    assert.equal(schedule.data[0]?.override_rate?.price, 750)
    assert.equal(schedule.next_page, null)

    const contract = (await client.v2.contracts.retrieve(ids)).data
    const subscriptionId = contract.subscriptions?.[0]?.id
    assert.ok(subscriptionId)
    const quantity = await client.v1.contracts.retrieveSubscriptionQuantityHistory({
      ...ids,
      subscription_id: subscriptionId,
    })
    assert.deepEqual(quantity.data.history?.[0]?.data, [
      { quantity: 2, unit_price: 750, total: 1500 },
    ])
    const seatHistory = await client.v1.contracts.getSubscriptionSeatsHistory({
      ...ids,
      subscription_id: subscriptionId,
    })
    assert.deepEqual(seatHistory.data[0]?.assigned_seat_ids, ['a', 'b'])
    assert.equal(seatHistory.next_page, null)
    // Unknown ids are the 400s with codes that the spec documents for these reads.
    const coded = (code: string) => (error: unknown) =>
      error instanceof Metronome.BadRequestError &&
      (error.error as { code?: string } | undefined)?.code === code
    await assert.rejects(
      client.v1.contracts.getSubscriptionSeatsHistory({ ...ids, subscription_id: randomUUID() }),
      coded('SubscriptionNotFound'),
    )
    await assert.rejects(
      client.v1.contracts.retrieveSubscriptionQuantityHistory({
        ...ids,
        contract_id: randomUUID(),
        subscription_id: subscriptionId,
      }),
      coded('ContractNotFound'),
    )
    await assert.rejects(
      client.v1.packages.listContractsOnPackage({ package_id: randomUUID() }).then(() => null),
      coded('PackageNotFound'),
    )

    const [prepaid, postpaid] = contract.commits
    assert.ok(prepaid && postpaid)
    await client.v1.contracts.addManualBalanceEntry({
      ...ids,
      id: prepaid.id,
      segment_id: prepaid.access_schedule!.schedule_items[0]!.id,
      amount: -100,
      reason: 'SDK adjustment',
    })
    const balanced = await client.v1.contracts.retrieve({ ...ids, include_balance: true })
    assert.equal(balanced.data.current.commits[0]?.balance, 900)
    await client.post('/v1/contracts/commits/disableTrueup', {
      body: { ...ids, commit_id: postpaid.id },
    })

    await client.v1.contracts.rateCards.namedSchedules.update({
      ...ids,
      schedule_name: 'tier',
      starting_at: START,
      value: { level: 'gold' },
    })
    const named = await client.v1.contracts.rateCards.namedSchedules.retrieve({
      ...ids,
      schedule_name: 'tier',
    })
    assert.deepEqual(named.data, [{ starting_at: START, value: { level: 'gold' } }])
    const listed = (await client.post('/v1/contracts/listNamedSchedules', {
      body: { customer_id: customer.id },
    })) as { data: { contract_id: string; schedule_name: string }[] }
    assert.deepEqual(
      listed.data.map((row) => [row.contract_id, row.schedule_name]),
      [[contractId, 'tier']],
    )

    await client.v1.contracts.setUsageFilter({
      ...ids,
      group_key: 'region',
      group_values: ['eu'],
      starting_at: MID,
    })
    const ended = await client.v1.contracts.updateEndDate({ ...ids, ending_before: END })
    assert.equal(ended.data.id, contractId)
    const current = (await client.v2.contracts.retrieve(ids)).data
    assert.equal(current.ending_before, END)
    assert.deepEqual(current.usage_filter?.[0]?.group_values, ['eu'])

    const archived = await client.v1.contracts.archive({ ...ids, void_invoices: false })
    assert.equal(archived.data.id, contractId)
    const listedContracts = await client.v1.contracts.list({ customer_id: customer.id })
    assert.deepEqual(listedContracts.data, [])
  })
})
