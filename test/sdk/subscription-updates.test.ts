/**
 * v2 edit `update_subscriptions` through the official @metronome/sdk: quantity updates on the
 * same day applied in submission order (WE-27), read back through
 * `retrieveSubscriptionQuantityHistory`, the v2 contract's `quantity_schedule` and
 * getEditHistory.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'

const START = '2025-01-01T00:00:00.000Z'
const MAY = '2025-05-21T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

describe('subscription updates through @metronome/sdk', () => {
  const live = useLiveSdk('subscription-updates')

  test('edit with update_subscriptions, then the quantity history', async () => {
    const client = live.client
    const customer = (await client.v1.customers.create({ name: 'SDK subscription customer' })).data
      .id
    const seats = (
      await client.v1.contracts.products.create({ name: 'Seats', type: 'SUBSCRIPTION' })
    ).data.id
    const contract = (
      await client.v1.contracts.create({
        customer_id: customer,
        starting_at: START,
        ending_before: END,
        subscriptions: [
          {
            subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            initial_quantity: 5,
          },
        ],
      })
    ).data.id
    const ids = { customer_id: customer, contract_id: contract }
    const subscriptionId = (await client.v2.contracts.retrieve(ids)).data.subscriptions?.[0]?.id
    assert.ok(subscriptionId)

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
})
