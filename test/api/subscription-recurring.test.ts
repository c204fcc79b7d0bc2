/**
 * Subscription-linked recurring credits and commits through the HTTP edge, on both stores
 * (decision 0015): WE-36 (a team plan with 4 seats, a POOLED recurring credit of 100 per seat
 * per month) shown by v2 get with one credit per subscription period; a seat increase made with
 * `update_subscriptions` adds a `CREDIT_SEAT_BASED_ADJUSTMENT` to that period's ledger and the
 * next periods grant for the new count, instance ids unchanged; a QUANTITY_ONLY subscription's
 * current period shows the adjustment in its balance; a linked commit prices its invoice per
 * seat.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { pooledSeatCredit, teamPlanSubscription } from '../support/contract-terms.js'
import { createContract, createCustomer, createProduct } from '../support/contract-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
const START = '2025-01-01T00:00:00.000Z'
const FEB_15 = '2025-02-15T00:00:00.000Z'
const END = '2025-05-01T00:00:00.000Z'
const HOUR_MS = 3_600_000

interface Entry {
  type: string
  amount: number
  timestamp: string
  segment_id?: string
}
interface Credit {
  id: string
  recurring_credit_id?: string
  balance?: number
  ledger?: Entry[]
  access_schedule: { schedule_items: Array<{ id: string; amount: number; starting_at: string }> }
}

for (const kind of await databaseKinds()) {
  describe(`subscription-linked recurring credits on ${kind}`, () => {
    const t = useTestApp(kind)
    const { ok } = jsonCalls(t)

    const products = async () => {
      const customer = await createCustomer(t)
      return {
        customer,
        plan: await createProduct(t, 'SUBSCRIPTION', 'Team plan'),
        credits: await createProduct(t, 'FIXED', 'AI credits'),
      }
    }
    const creditsOf = async (ids: object, extra: object = {}) =>
      (await ok('/v2/contracts/get', { ...ids, ...extra })).data.credits as Credit[]
    const amounts = (credits: Credit[]) =>
      credits.map((credit) => credit.access_schedule.schedule_items[0]!.amount)

    test('WE-36: 400 a month for 4 seats; a 5th seat mid-February adds 50', async () => {
      const { customer, plan, credits: product } = await products()
      const contract = await createContract(t, {
        customer_id: customer,
        starting_at: START,
        ending_before: END,
        subscriptions: [teamPlanSubscription(plan)],
        recurring_credits: [pooledSeatCredit(product, { isProrated: true, startingAt: START })],
      })
      const ids = { customer_id: customer, contract_id: contract }
      const got = (await ok('/v2/contracts/get', ids)).data
      const recurringId = got.recurring_credits[0].id as string
      assert.equal(
        got.recurring_credits[0].subscription_config.subscription_id,
        got.subscriptions[0].id,
      )
      const before = await creditsOf(ids)
      assert.deepEqual(
        before.map((credit) => [
          credit.recurring_credit_id,
          credit.access_schedule.schedule_items[0]!.starting_at,
          credit.access_schedule.schedule_items[0]!.amount,
        ]),
        ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'].map((month) => [
          recurringId,
          `${month}T00:00:00.000Z`,
          400,
        ]),
      )

      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: got.subscriptions[0].id,
            seat_updates: { add_seat_ids: [{ seat_ids: ['u5'], starting_at: FEB_15 }] },
          },
        ],
      })
      const after = await creditsOf(ids, { include_ledgers: true, include_balance: true })
      assert.deepEqual(amounts(after), [400, 400, 500, 500])
      // The same instances, by id, before and after the seat change.
      assert.deepEqual(
        after.map((credit) => credit.id),
        before.map((credit) => credit.id),
      )
      const february = after[1]!
      const segment = february.access_schedule.schedule_items[0]!.id
      // 100 × 14/28 of February: the rest of the period from the 15th.
      assert.deepEqual(february.ledger, [
        {
          type: 'CREDIT_SEGMENT_START',
          timestamp: '2025-02-01T00:00:00.000Z',
          amount: 400,
          segment_id: segment,
        },
        {
          type: 'CREDIT_SEAT_BASED_ADJUSTMENT',
          timestamp: FEB_15,
          amount: 50,
          segment_id: segment,
        },
        {
          type: 'CREDIT_EXPIRATION',
          timestamp: '2025-03-01T00:00:00.000Z',
          amount: -450,
          segment_id: segment,
        },
      ])
      for (const credit of after) {
        assert.equal(credit.balance, 0, 'every period has ended')
        assert.equal(
          credit.ledger!.reduce((total, entry) => total + entry.amount, 0),
          0,
          'balance = sum of the ledger',
        )
      }
      // v1 get shows the same instances and adjustment.
      const v1 = (await ok('/v1/contracts/get', { ...ids, include_ledgers: true })).data
      const v1Feb = (v1.current.credits as Credit[]).find((credit) => credit.id === february.id)
      assert.deepEqual(v1Feb?.ledger, february.ledger)
    })

    test('the current period: the adjustment counts in the balance; a commit bills per seat', async () => {
      const { customer, plan, credits: product } = await products()
      // A weekly subscription whose current week started 4 days ago (hour-aligned), so that an
      // increase 3.5 days into the week leaves exactly half of it.
      const start = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 96 * HOUR_MS)
      const increase = new Date(start.getTime() + 84 * HOUR_MS).toISOString()
      const contract = await createContract(t, {
        customer_id: customer,
        starting_at: start.toISOString(),
        subscriptions: [
          {
            temporary_id: 'team',
            subscription_rate: { product_id: plan, billing_frequency: 'WEEKLY' },
            collection_schedule: 'ADVANCE',
            proration: { is_prorated: true },
            initial_quantity: 4,
            billing_cycle_config: { anchor_date: start.toISOString() },
          },
        ],
        recurring_credits: [
          pooledSeatCredit(product, { isProrated: true, startingAt: start.toISOString() }),
        ],
        recurring_commits: [
          {
            ...pooledSeatCredit(product, { isProrated: false, startingAt: start.toISOString() }),
            invoice_amount: { unit_price: 8, quantity: 1, credit_type_id: USD },
          },
        ],
      })
      const ids = { customer_id: customer, contract_id: contract }
      const subscriptionId = (await ok('/v2/contracts/get', ids)).data.subscriptions[0].id
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: subscriptionId,
            quantity_updates: [{ starting_at: increase, quantity_delta: 1 }],
          },
        ],
      })
      const view = (
        await ok('/v2/contracts/get', { ...ids, include_ledgers: true, include_balance: true })
      ).data
      const [credit] = view.credits as Credit[]
      assert.equal(view.credits.length, 1)
      assert.equal(credit!.balance, 450)
      assert.deepEqual(
        credit!.ledger!.map((entry) => [entry.type, entry.amount, entry.timestamp]),
        [
          ['CREDIT_SEGMENT_START', 400, start.toISOString()],
          ['CREDIT_SEAT_BASED_ADJUSTMENT', 50, increase],
        ],
      )
      // The commit: not prorated, so the whole 100 for the added seat; invoiced 8 × 4 seats.
      const [commit] = view.commits
      assert.equal(commit.balance, 500)
      assert.deepEqual(
        commit.ledger.map((entry: Entry) => [entry.type, entry.amount]),
        [
          ['PREPAID_COMMIT_SEGMENT_START', 400],
          ['PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT', 100],
        ],
      )
      const item = commit.invoice_schedule.schedule_items[0]
      assert.deepEqual([item.amount, item.unit_price, item.quantity], [32, 8, 4])
    })
  })
}
