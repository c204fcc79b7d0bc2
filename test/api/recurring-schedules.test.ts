/**
 * Recurring invoice schedules (decision 0017) through the HTTP edge: a `recurring_schedule` on a
 * prepaid commit's invoice schedule, a scheduled charge, a discount, a one-item POSTPAID commit,
 * a customer commit, a v1 amend, a v2 edit and createCustomerWithContract is expanded into
 * schedule items with ids, which v1 and v2 `get` (and the lists) show; bad ones are refused with
 * the field named and nothing written. On both stores.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createCustomerContract, storeProduct } from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const APRIL = '2025-04-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

interface WireItem {
  id: string
  timestamp: string
  amount: number
  unit_price: number
  quantity: number
}

/** Items as `timestamp amount = unit_price × quantity`; their ids checked and left out. */
function shown(schedule: { schedule_items: WireItem[] }): string[] {
  return schedule.schedule_items.map((item) => {
    assert.match(item.id, /^[0-9a-f-]{36}$/)
    return `${item.timestamp.slice(0, 10)} ${item.amount} = ${item.unit_price} × ${item.quantity}`
  })
}

const recurring = (extra: Record<string, unknown>) => ({
  starting_at: START,
  ending_before: APRIL,
  frequency: 'MONTHLY',
  ...extra,
})

for (const kind of await databaseKinds()) {
  describe(`recurring invoice schedules on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)
    let fixed: string

    /** A new customer's contract over 2025 with the terms given. */
    const makeContract = (terms: Record<string, unknown>) =>
      createCustomerContract(t, { starting_at: START, ending_before: END, ...terms })

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
    })

    const access = (amount: number) => ({
      schedule_items: [{ amount, starting_at: START, ending_before: END }],
    })

    test('create: a commit, a charge and a discount are shown as their expanded items', async () => {
      const { ids } = await makeContract({
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(100),
            invoice_schedule: {
              recurring_schedule: recurring({
                amount: 100,
                amount_distribution: 'DIVIDED_ROUNDED',
              }),
            },
          },
          {
            type: 'POSTPAID',
            product_id: fixed,
            access_schedule: access(500),
            invoice_schedule: {
              recurring_schedule: {
                starting_at: END,
                ending_before: '2026-01-02T00:00:00.000Z',
                frequency: 'ANNUAL',
                amount: 500,
                amount_distribution: 'DIVIDED',
              },
            },
          },
        ],
        scheduled_charges: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({
                ending_before: END,
                frequency: 'QUARTERLY',
                unit_price: 10,
                quantity: 8,
                amount_distribution: 'DIVIDED',
              }),
            },
          },
        ],
        discounts: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({
                starting_at: '2025-01-31T00:00:00.000Z',
                unit_price: 2.5,
                quantity: 4,
                amount_distribution: 'EACH',
              }),
            },
          },
        ],
      })
      const current = (await ok('/v1/contracts/get', ids)).data.current
      assert.deepEqual(shown(current.commits[0].invoice_schedule), [
        '2025-01-01 33 = 33 × 1',
        '2025-02-01 33 = 33 × 1',
        '2025-03-01 34 = 34 × 1',
      ])
      assert.deepEqual(shown(current.commits[1].invoice_schedule), ['2026-01-01 500 = 500 × 1'])
      assert.deepEqual(shown(current.scheduled_charges[0].schedule), [
        '2025-01-01 20 = 10 × 2',
        '2025-04-01 20 = 10 × 2',
        '2025-07-01 20 = 10 × 2',
        '2025-10-01 20 = 10 × 2',
      ])
      // Jan 31 → Feb 28 → Mar 31: each step counted from starting_at, never from the one before.
      assert.deepEqual(shown(current.discounts[0].schedule), [
        '2025-01-31 10 = 2.5 × 4',
        '2025-02-28 10 = 2.5 × 4',
        '2025-03-31 10 = 2.5 × 4',
      ])
      const itemIds = [
        ...current.commits[0].invoice_schedule.schedule_items,
        ...current.scheduled_charges[0].schedule.schedule_items,
        ...current.discounts[0].schedule.schedule_items,
      ].map((item: WireItem) => item.id)
      assert.equal(new Set(itemIds).size, itemIds.length)

      const v2 = (await ok('/v2/contracts/get', ids)).data
      assert.deepEqual(v2.commits[0].invoice_schedule, current.commits[0].invoice_schedule)
      assert.deepEqual(v2.scheduled_charges, current.scheduled_charges)
      assert.deepEqual(v2.discounts, current.discounts)
    })

    test('customerCommits/create expands the invoice schedule; the list shows the items', async () => {
      const { customer, contract } = await makeContract({})
      const commitWith = (recurringSchedule: Record<string, unknown>) =>
        call('/v1/contracts/customerCommits/create', {
          customer_id: customer,
          invoice_contract_id: contract,
          type: 'PREPAID',
          priority: 1,
          product_id: fixed,
          access_schedule: access(1000),
          invoice_schedule: { recurring_schedule: recurring(recurringSchedule) },
        })
      const created = await commitWith({
        ending_before: END,
        frequency: 'SEMI_ANNUAL',
        amount: 1000,
        amount_distribution: 'DIVIDED',
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const listed = (await ok('/v1/contracts/customerCommits/list', { customer_id: customer }))
        .data
      assert.equal(listed.length, 1)
      assert.equal(listed[0].id, created.body.data.id)
      assert.deepEqual(shown(listed[0].invoice_schedule), [
        '2025-01-01 500 = 500 × 1',
        '2025-07-01 500 = 500 × 1',
      ])

      const refused = await commitWith({ ending_before: START, amount_distribution: 'EACH' })
      assert.equal(refused.status, 400, JSON.stringify(refused.body))
      assert.equal(
        refused.body.message,
        'body.invoice_schedule.recurring_schedule.ending_before must be after starting_at (and 1 more problem)',
      )
      const after = await ok('/v1/contracts/customerCommits/list', { customer_id: customer })
      assert.equal(after.data.length, 1)
    })

    test('v1 amend and v2 edit add recurring scheduled charges and discounts', async () => {
      const { ids } = await makeContract({})
      await ok('/v1/contracts/amend', {
        ...ids,
        starting_at: MID,
        scheduled_charges: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({
                starting_at: MID,
                ending_before: END,
                frequency: 'QUARTERLY',
                amount: 7,
                amount_distribution: 'EACH',
              }),
            },
          },
        ],
      })
      await ok('/v2/contracts/edit', {
        ...ids,
        add_scheduled_charges: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({
                starting_at: MID,
                ending_before: '2025-07-22T00:00:00.000Z',
                frequency: 'WEEKLY',
                amount: 100,
                amount_distribution: 'DIVIDED_ROUNDED',
              }),
            },
          },
        ],
        add_discounts: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({ amount: 30, amount_distribution: 'DIVIDED' }),
            },
          },
        ],
        add_commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(60),
            invoice_schedule: {
              recurring_schedule: recurring({ amount: 60, amount_distribution: 'DIVIDED' }),
            },
          },
        ],
      })
      const v1 = (await ok('/v1/contracts/get', ids)).data
      assert.deepEqual(shown(v1.amendments[0].scheduled_charges[0].schedule), [
        '2025-07-01 7 = 7 × 1',
        '2025-10-01 7 = 7 × 1',
      ])
      const v2 = (await ok('/v2/contracts/get', ids)).data
      assert.deepEqual(
        v2.scheduled_charges.map((charge: { schedule: { schedule_items: WireItem[] } }) =>
          shown(charge.schedule),
        ),
        [
          ['2025-07-01 7 = 7 × 1', '2025-10-01 7 = 7 × 1'],
          ['2025-07-01 33 = 33 × 1', '2025-07-08 33 = 33 × 1', '2025-07-15 34 = 34 × 1'],
        ],
      )
      assert.deepEqual(shown(v2.discounts[0].schedule), [
        '2025-01-01 10 = 10 × 1',
        '2025-02-01 10 = 10 × 1',
        '2025-03-01 10 = 10 × 1',
      ])
      assert.deepEqual(shown(v2.commits[0].invoice_schedule), [
        '2025-01-01 20 = 20 × 1',
        '2025-02-01 20 = 20 × 1',
        '2025-03-01 20 = 20 × 1',
      ])
      // The edit history shows the items the edit added, with the same ids.
      const history = (await ok('/v2/contracts/getEditHistory', ids)).data
      const edit = history.find(
        (entry: { add_discounts?: unknown[] }) => (entry.add_discounts?.length ?? 0) > 0,
      )
      assert.deepEqual(edit.add_discounts[0].schedule, v2.discounts[0].schedule)

      const refused = await call('/v2/contracts/edit', {
        ...ids,
        add_scheduled_charges: [
          {
            product_id: fixed,
            schedule: {
              recurring_schedule: recurring({
                ending_before: START,
                amount: 1,
                amount_distribution: 'EACH',
              }),
            },
          },
        ],
      })
      assert.equal(refused.status, 400, JSON.stringify(refused.body))
      assert.equal(
        refused.body.message,
        'body.add_scheduled_charges[0].schedule.recurring_schedule.ending_before must be after starting_at',
      )
      const unchanged = (await ok('/v2/contracts/get', ids)).data
      assert.equal(unchanged.scheduled_charges.length, 2)
    })

    test('createCustomerWithContract expands a recurring schedule too', async () => {
      const created = await ok('/v1/composite/createCustomerWithContract', {
        customer: { name: `c ${randomUUID()}` },
        contract: {
          starting_at: START,
          scheduled_charges: [
            {
              product_id: fixed,
              schedule: {
                recurring_schedule: recurring({
                  ending_before: '2027-01-01T00:00:00.000Z',
                  frequency: 'ANNUAL',
                  amount: 99,
                  amount_distribution: 'DIVIDED_ROUNDED',
                }),
              },
            },
          ],
        },
      })
      const { customer_id, contract_id } = created.data
      const current = (await ok('/v1/contracts/get', { customer_id, contract_id })).data.current
      assert.deepEqual(shown(current.scheduled_charges[0].schedule), [
        '2025-01-01 50 = 50 × 1',
        '2026-01-01 49 = 49 × 1',
      ])
    })
  })
}
