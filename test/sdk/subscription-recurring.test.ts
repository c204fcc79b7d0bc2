/**
 * Subscription-linked recurring credits through the official @metronome/sdk (decision 0015):
 * WE-36's team plan (4 seats, a POOLED recurring credit of 100 per seat per month) read back by
 * `v2.contracts.retrieve` one credit per month; a 5th seat added mid-February with
 * `v2.contracts.edit` shows as a `CREDIT_SEAT_BASED_ADJUSTMENT` in February's ledger and as 500
 * from March.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { pooledSeatCredit, teamPlanSubscription } from '../support/contract-terms.js'
import { useLiveSdk } from '../support/sdk.js'
import {
  createContract,
  createCustomer,
  createProduct,
  retrieveWithBalances,
} from '../support/sdk-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const FEB_15 = '2025-02-15T00:00:00.000Z'
const END = '2025-05-01T00:00:00.000Z'

describe('subscription-linked recurring credits through @metronome/sdk', () => {
  const live = useLiveSdk('subscription-recurring')

  test('a POOLED credit per seat, and a seat increase in the ledger', async () => {
    const client = live.client
    const customer = await createCustomer(client, 'SDK seat pool customer')
    const plan = await createProduct(client, 'SUBSCRIPTION', 'Team plan')
    const aiCredits = await createProduct(client, 'FIXED', 'AI credits')
    const contract = await createContract(client, {
      customer_id: customer,
      starting_at: START,
      ending_before: END,
      subscriptions: [teamPlanSubscription(plan)],
      recurring_credits: [pooledSeatCredit(aiCredits, { isProrated: true, startingAt: START })],
    })
    const ids = { customer_id: customer, contract_id: contract }
    const got = (await client.v2.contracts.retrieve(ids)).data
    const amounts = (credits: typeof got.credits) =>
      credits?.map((credit) => credit.access_schedule?.schedule_items[0]?.amount)
    assert.deepEqual(amounts(got.credits), [400, 400, 400, 400])
    assert.equal(got.credits?.[0]?.recurring_credit_id, got.recurring_credits?.[0]?.id)

    const subscriptionId = got.subscriptions?.[0]?.id
    assert.ok(subscriptionId)
    await client.v2.contracts.edit({
      ...ids,
      update_subscriptions: [
        {
          subscription_id: subscriptionId,
          seat_updates: { add_unassigned_seats: [{ quantity: 1, starting_at: FEB_15 }] },
        },
      ],
    })
    const after = await retrieveWithBalances(client, ids)
    assert.deepEqual(amounts(after.credits), [400, 400, 500, 500])
    const february = after.credits?.[1]
    assert.equal(february?.id, got.credits?.[1]?.id)
    assert.deepEqual(
      february?.ledger?.map((entry) => [entry.type, entry.amount, entry.timestamp]),
      [
        ['CREDIT_SEGMENT_START', 400, '2025-02-01T00:00:00.000Z'],
        ['CREDIT_SEAT_BASED_ADJUSTMENT', 50, FEB_15],
        ['CREDIT_EXPIRATION', -450, '2025-03-01T00:00:00.000Z'],
      ],
    )
    assert.equal(february?.balance, 0)
  })
})
