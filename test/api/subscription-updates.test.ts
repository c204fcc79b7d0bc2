/**
 * v2 edit `update_subscriptions` through the HTTP edge, on both stores: quantity updates
 * (WE-27 ordering) shown in ContractV2 `quantity_schedule`, getSubscriptionQuantityHistory and
 * getEditHistory; seat updates in getSubscriptionSeatsHistory; the switch to SEAT_BASED,
 * proration rounding set and cleared, `ending_before: null` (decision 0015); `as_of_date`
 * before an edit shows the old state; bad updates are 400s naming the field with nothing
 * written.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createCustomerContract, storeProduct } from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MAY = '2025-05-21T00:00:00.000Z'
const AUG = '2025-08-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

for (const kind of await databaseKinds()) {
  describe(`subscription updates API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)
    let seatsProduct: string

    before(async () => {
      seatsProduct = await storeProduct(t, 'SUBSCRIPTION', 'Seats')
    })

    const setUp = async () => {
      const { ids } = await createCustomerContract(t, {
        starting_at: START,
        ending_before: END,
        subscriptions: [
          {
            subscription_rate: { product_id: seatsProduct, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            initial_quantity: 5,
          },
          {
            subscription_rate: { product_id: seatsProduct, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            quantity_management_mode: 'SEAT_BASED',
            seat_config: {
              seat_group_key: 'user_id',
              initial_seat_ids: ['u1', 'u2'],
              initial_unassigned_seats: 1,
            },
          },
        ],
      })
      const got = (await ok('/v2/contracts/get', ids)).data
      const [plain, seated] = got.subscriptions as { id: string }[]
      return { ids, plain: plain!.id, seated: seated!.id }
    }
    const editCount = async (ids: object) =>
      (await ok('/v2/contracts/getEditHistory', ids)).data.length as number

    test('quantity updates: schedule, history, edit history, as_of_date', async () => {
      const { ids, plain } = await setUp()
      await sleep(5)
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: plain,
            quantity_updates: [
              { starting_at: MAY, quantity: 12 },
              { starting_at: MAY, quantity_delta: -1 },
              { starting_at: AUG, quantity_delta: 2 },
            ],
          },
        ],
      })
      const subscription = (await ok('/v2/contracts/get', ids)).data.subscriptions[0]
      assert.deepEqual(subscription.quantity_schedule, [
        { quantity: 5, starting_at: START, ending_before: MAY },
        { quantity: 11, starting_at: MAY, ending_before: AUG },
        { quantity: 13, starting_at: AUG, ending_before: END },
      ])
      const history = await ok('/v1/contracts/getSubscriptionQuantityHistory', {
        ...ids,
        subscription_id: plain,
      })
      assert.deepEqual(
        history.data.history.map((entry: { starting_at: string; data: { quantity: number }[] }) => [
          entry.starting_at,
          entry.data.map((item) => item.quantity),
        ]),
        [
          [START, [5]],
          [MAY, [11]],
          [AUG, [13]],
        ],
      )
      const edits = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(edits.at(-1).update_subscriptions, [
        {
          id: plain,
          quantity_updates: [
            { starting_at: MAY, quantity: 12 },
            { starting_at: MAY, quantity_delta: -1 },
            { starting_at: AUG, quantity_delta: 2 },
          ],
        },
      ])
      // Before the edit: only the initial quantity.
      const old = (await ok('/v2/contracts/get', { ...ids, as_of_date: beforeEdit })).data
      assert.deepEqual(old.subscriptions[0].quantity_schedule, [
        { quantity: 5, starting_at: START, ending_before: END },
      ])
      // A later edit with a delta before the earlier set: dates apply in date order.
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: plain,
            quantity_updates: [{ starting_at: '2025-03-01T00:00:00.000Z', quantity_delta: -5 }],
          },
        ],
      })
      const later = (await ok('/v2/contracts/get', ids)).data.subscriptions[0]
      assert.deepEqual(
        later.quantity_schedule.map((entry: { quantity: number }) => entry.quantity),
        [5, 0, 11, 13],
      )
    })

    test('seat updates: seats history', async () => {
      const { ids, seated } = await setUp()
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: seated,
            seat_updates: {
              add_seat_ids: [{ seat_ids: ['u3', 'u4'], starting_at: MAY }],
              remove_seat_ids: [{ seat_ids: ['u1'], starting_at: AUG }],
            },
          },
        ],
      })
      const seats = await ok('/v1/contracts/getSubscriptionSeatsHistory', {
        ...ids,
        subscription_id: seated,
      })
      assert.deepEqual(seats.data, [
        {
          starting_at: START,
          ending_before: MAY,
          total_quantity: 3,
          assigned_seat_ids: ['u1', 'u2'],
        },
        {
          starting_at: MAY,
          ending_before: AUG,
          total_quantity: 4,
          assigned_seat_ids: ['u1', 'u2', 'u3', 'u4'],
        },
        {
          starting_at: AUG,
          ending_before: END,
          total_quantity: 3,
          assigned_seat_ids: ['u2', 'u3', 'u4'],
        },
      ])
      const subscription = (await ok('/v2/contracts/get', ids)).data.subscriptions[1]
      assert.deepEqual(
        subscription.quantity_schedule.map((entry: { quantity: number }) => entry.quantity),
        [3, 4, 3],
      )
    })

    test('switch to SEAT_BASED: same totals, seats from then on, history and as_of_date', async () => {
      const { ids, plain } = await setUp()
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          { subscription_id: plain, quantity_updates: [{ starting_at: MAY, quantity: 12 }] },
        ],
      })
      await sleep(5)
      const beforeSwitch = new Date().toISOString()
      await sleep(5)
      const switchTo = {
        quantity_management_mode: 'SEAT_BASED',
        seat_config: { seat_group_key: 'user_id' },
      }
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          {
            subscription_id: plain,
            quantity_management_mode_update: switchTo,
            // Sent with the switch: accepted. `a` fills one of the 12 unassigned seats.
            seat_updates: {
              add_seat_ids: [{ seat_ids: ['a'], starting_at: AUG }],
              add_unassigned_seats: [{ quantity: 1, starting_at: AUG }],
            },
          },
        ],
      })
      for (const path of ['/v2/contracts/get', '/v1/contracts/get']) {
        const data = (await ok(path, ids)).data
        const subscription = data.subscriptions[0]
        assert.equal(subscription.quantity_management_mode, 'SEAT_BASED', path)
        assert.deepEqual(subscription.seat_config, { seat_group_key: 'user_id' }, path)
        assert.deepEqual(
          subscription.quantity_schedule,
          [
            { quantity: 5, starting_at: START, ending_before: MAY },
            { quantity: 12, starting_at: MAY, ending_before: AUG },
            { quantity: 13, starting_at: AUG, ending_before: END },
          ],
          path,
        )
      }
      const seats = await ok('/v1/contracts/getSubscriptionSeatsHistory', {
        ...ids,
        subscription_id: plain,
      })
      assert.deepEqual(
        seats.data.map((entry: { total_quantity: number; assigned_seat_ids: string[] }) => [
          entry.total_quantity,
          entry.assigned_seat_ids,
        ]),
        [
          [5, []],
          [12, []],
          [13, ['a']],
        ],
      )
      const edits = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(edits.at(-1).update_subscriptions, [
        {
          id: plain,
          quantity_management_mode_update: switchTo,
          seat_updates: {
            add_seat_ids: [{ seat_ids: ['a'], starting_at: AUG }],
            add_unassigned_seats: [{ quantity: 1, starting_at: AUG }],
          },
        },
      ])
      const old = (await ok('/v2/contracts/get', { ...ids, as_of_date: beforeSwitch })).data
      assert.equal(old.subscriptions[0].quantity_management_mode, 'QUANTITY_ONLY')
      assert.equal(old.subscriptions[0].seat_config, undefined)

      // Now SEAT_BASED: quantity updates and a second switch are refused, nothing written.
      const count = await editCount(ids)
      for (const [update, field] of [
        [{ quantity_updates: [{ starting_at: AUG, quantity: 1 }] }, 'quantity_updates'],
        [{ quantity_management_mode_update: switchTo }, 'quantity_management_mode_update'],
      ] as const) {
        const answer = await call('/v2/contracts/edit', {
          ...ids,
          update_subscriptions: [{ subscription_id: plain, ...update }],
        })
        assert.equal(answer.status, 400, JSON.stringify(answer.body))
        assert.ok(
          answer.body.message.startsWith(`body.update_subscriptions[0].${field} `),
          answer.body.message,
        )
      }
      assert.equal(await editCount(ids), count)
    })

    test('proration_rounding set and cleared; ending_before null runs to the contract end', async () => {
      const { ids, plain } = await setUp()
      const rounding = { rounding_method: 'HALF_UP', decimal_places: -2 }
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          { subscription_id: plain, proration_rounding: rounding, ending_before: AUG },
        ],
      })
      await sleep(5)
      const between = new Date().toISOString()
      await sleep(5)
      for (const path of ['/v2/contracts/get', '/v1/contracts/get']) {
        const data = (await ok(path, ids)).data
        const subscription = data.subscriptions[0]
        assert.deepEqual(subscription.proration.rounding, rounding, path)
        assert.equal(subscription.ending_before, AUG, path)
      }
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [
          { subscription_id: plain, proration_rounding: null, ending_before: null },
        ],
      })
      const subscription = (await ok('/v2/contracts/get', ids)).data.subscriptions[0]
      assert.equal(subscription.proration.rounding, undefined)
      assert.equal(subscription.ending_before, END)
      assert.equal(subscription.quantity_schedule.at(-1).ending_before, END)
      const old = (await ok('/v2/contracts/get', { ...ids, as_of_date: between })).data
      assert.deepEqual(old.subscriptions[0].proration.rounding, rounding)
      assert.equal(old.subscriptions[0].ending_before, AUG)
      const edits = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(
        edits.slice(-2).map((edit: { update_subscriptions: unknown }) => edit.update_subscriptions),
        [
          [{ id: plain, ending_before: AUG, proration_rounding: rounding }],
          // A removed end is recorded as the contract's end, which it now runs to.
          [{ id: plain, ending_before: END, proration_rounding: null }],
        ],
      )
    })

    test('ending_before null on an open-ended contract: no end, the history names no end', async () => {
      const { ids } = await createCustomerContract(t, {
        starting_at: START,
        subscriptions: [
          {
            subscription_rate: { product_id: seatsProduct, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            initial_quantity: 2,
            ending_before: AUG,
          },
        ],
      })
      const id = (await ok('/v2/contracts/get', ids)).data.subscriptions[0].id
      assert.equal((await ok('/v2/contracts/get', ids)).data.subscriptions[0].ending_before, AUG)
      await ok('/v2/contracts/edit', {
        ...ids,
        update_subscriptions: [{ subscription_id: id, ending_before: null }],
      })
      const subscription = (await ok('/v2/contracts/get', ids)).data.subscriptions[0]
      assert.equal(subscription.ending_before, undefined)
      assert.deepEqual(subscription.quantity_schedule, [{ quantity: 2, starting_at: START }])
      const edits = (await ok('/v2/contracts/getEditHistory', ids)).data
      // The history's ending_before is a non-null date-time: an open end is not shown (0015).
      assert.deepEqual(edits.at(-1).update_subscriptions, [{ id }])
    })

    test('bad updates are 400s naming the field; nothing is written', async () => {
      const { ids, plain, seated } = await setUp()
      const cases: [unknown, string][] = [
        [
          { subscription_id: plain, quantity_updates: [{ starting_at: MAY, quantity_delta: 0 }] },
          'body.update_subscriptions[0].quantity_updates[0].quantity_delta',
        ],
        [
          {
            subscription_id: plain,
            quantity_updates: [
              { starting_at: MAY, quantity: 2 },
              { starting_at: AUG, quantity_delta: -3 },
            ],
          },
          'body.update_subscriptions[0].quantity_updates[1].quantity_delta',
        ],
        [
          { subscription_id: plain, quantity_updates: [{ starting_at: MAY, quantity: -1 }] },
          'body.update_subscriptions[0].quantity_updates[0].quantity',
        ],
        [
          { subscription_id: plain, quantity_updates: [{ starting_at: MAY }] },
          'body.update_subscriptions[0].quantity_updates[0]',
        ],
        [
          {
            subscription_id: plain,
            quantity_updates: [{ starting_at: '2024-06-01T00:00:00.000Z', quantity: 1 }],
          },
          'body.update_subscriptions[0].quantity_updates[0].starting_at',
        ],
        [
          { subscription_id: seated, quantity_updates: [{ starting_at: MAY, quantity: 1 }] },
          'body.update_subscriptions[0].quantity_updates',
        ],
        [
          {
            subscription_id: plain,
            seat_updates: { add_unassigned_seats: [{ quantity: 1, starting_at: MAY }] },
          },
          'body.update_subscriptions[0].seat_updates',
        ],
        [
          {
            subscription_id: seated,
            seat_updates: { add_unassigned_seats: [{ quantity: 0, starting_at: MAY }] },
          },
          'body.update_subscriptions[0].seat_updates.add_unassigned_seats[0].quantity',
        ],
        [
          { subscription_id: plain, ending_before: '2027-01-01T00:00:00.000Z' },
          'body.update_subscriptions[0].ending_before',
        ],
        [
          {
            subscription_id: plain,
            proration_rounding: { rounding_method: 'HALF_UP', decimal_places: 0.5 },
          },
          'body.update_subscriptions[0].proration_rounding.decimal_places',
        ],
        [
          {
            subscription_id: seated,
            quantity_management_mode_update: {
              quantity_management_mode: 'SEAT_BASED',
              seat_config: { seat_group_key: 'user_id' },
            },
          },
          'body.update_subscriptions[0].quantity_management_mode_update',
        ],
        [
          {
            subscription_id: plain,
            quantity_management_mode_update: {
              quantity_management_mode: 'SEAT_BASED',
              seat_config: { seat_group_key: 'user_id' },
            },
            quantity_updates: [{ starting_at: MAY, quantity: 2 }],
          },
          'body.update_subscriptions[0].quantity_updates',
        ],
      ]
      for (const [update, field] of cases) {
        const answer = await call('/v2/contracts/edit', { ...ids, update_subscriptions: [update] })
        assert.equal(answer.status, 400, `${field}: ${JSON.stringify(answer.body)}`)
        assert.match(answer.body.message, new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `))
      }
      assert.equal(await editCount(ids), 0)
      const subscription = (await ok('/v2/contracts/get', ids)).data.subscriptions[0]
      assert.equal(subscription.quantity_schedule.length, 1)
    })
  })
}
