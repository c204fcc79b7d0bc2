/**
 * v2 edit `update_subscriptions` through the official @metronome/sdk: quantity updates on the
 * same day applied in submission order (WE-27), read back through
 * `retrieveSubscriptionQuantityHistory`, the v2 contract's `quantity_schedule` and
 * getEditHistory; then the switch to SEAT_BASED with proration rounding and a removed end
 * (decision 0015), read back by `v2.contracts.retrieve` and `getSubscriptionSeatsHistory`.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'
import { createContract, createCustomer, createProduct } from '../support/sdk-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MAY = '2025-05-21T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

describe('subscription updates through @metronome/sdk', () => {
  const live = useLiveSdk('subscription-updates')

  /** A new customer's contract over 2025 with one monthly subscription of 5 seats. */
  const seatsContract = async (
    customerName: string,
    subscription: { ending_before?: string } = {},
  ) => {
    const client = live.client
    const customer = await createCustomer(client, customerName)
    const seats = await createProduct(client, 'SUBSCRIPTION', 'Seats')
    const contract = await createContract(client, {
      customer_id: customer,
      starting_at: START,
      ending_before: END,
      subscriptions: [
        {
          subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
          collection_schedule: 'ADVANCE',
          proration: {},
          initial_quantity: 5,
          ...subscription,
        },
      ],
    })
    const ids = { customer_id: customer, contract_id: contract }
    const subscriptionId = (await client.v2.contracts.retrieve(ids)).data.subscriptions?.[0]?.id
    assert.ok(subscriptionId)
    return { ids, subscriptionId }
  }

  test('edit with update_subscriptions, then the quantity history', async () => {
    const client = live.client
    const { ids, subscriptionId } = await seatsContract('SDK subscription customer')

    await client.v2.contracts.edit({
      ...ids,
      update_subscriptions: [
        {
          subscription_id: subscriptionId,
          quantity_updates: [
            { starting_at: MAY, quantity: 12 },
            { starting_at: MAY, quantity_delta: -1 },
          ],
        },
      ],
    })

    const history = await client.v1.contracts.retrieveSubscriptionQuantityHistory({
      ...ids,
      subscription_id: subscriptionId,
    })
    assert.deepEqual(
      history.data.history?.map((entry) => [entry.starting_at, entry.data[0]?.quantity]),
      [
        [START, 5],
        [MAY, 11],
      ],
    )
    const got = (await client.v2.contracts.retrieve(ids)).data
    assert.deepEqual(
      got.subscriptions?.[0]?.quantity_schedule.map((entry) => entry.quantity),
      [5, 11],
    )
    const edits = (await client.v2.contracts.getEditHistory(ids)).data
    assert.equal(edits.at(-1)?.update_subscriptions?.[0]?.quantity_updates?.length, 2)
  })

  test('switch to SEAT_BASED, round proration, remove the end', async () => {
    const client = live.client
    const { ids, subscriptionId } = await seatsContract('SDK seat switch customer', {
      ending_before: MAY,
    })
    await client.v2.contracts.edit({
      ...ids,
      update_subscriptions: [
        {
          subscription_id: subscriptionId,
          ending_before: null,
          proration_rounding: { rounding_method: 'FLOOR', decimal_places: 0 },
          quantity_management_mode_update: {
            quantity_management_mode: 'SEAT_BASED',
            seat_config: { seat_group_key: 'user_id' },
          },
          seat_updates: { add_seat_ids: [{ seat_ids: ['a', 'b'], starting_at: MAY }] },
        },
      ],
    })
    const subscription = (await client.v2.contracts.retrieve(ids)).data.subscriptions?.[0]
    assert.equal(subscription?.quantity_management_mode, 'SEAT_BASED')
    assert.equal(subscription?.seat_config?.seat_group_key, 'user_id')
    assert.deepEqual(subscription?.proration.rounding, {
      rounding_method: 'FLOOR',
      decimal_places: 0,
    })
    assert.equal(subscription?.ending_before, END)
    // a and b fill two of the five unassigned seats: the total stays 5 to the contract end.
    assert.deepEqual(
      subscription?.quantity_schedule.map((entry) => [entry.quantity, entry.ending_before]),
      [
        [5, MAY],
        [5, END],
      ],
    )
    const history = await client.v1.contracts.getSubscriptionSeatsHistory({
      ...ids,
      subscription_id: subscriptionId,
    })
    assert.deepEqual(
      history.data.map((entry) => [entry.total_quantity, entry.assigned_seat_ids]),
      [
        [5, []],
        [5, ['a', 'b']],
      ],
    )
  })
})
