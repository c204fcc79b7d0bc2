/**
 * Recurring invoice schedules (decision 0017) through the official @metronome/sdk: a contract
 * created with a `recurring_schedule` on a commit's invoice schedule and on a scheduled charge,
 * then a v2 edit adding a recurring discount, come back from v1 and v2 `retrieve` as the
 * expanded schedule items.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'
import { createContract, createCustomer, createProduct } from '../support/sdk-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

interface Item {
  id: string
  timestamp: string
  amount: number
  unit_price: number
  quantity: number
}

const shown = (items: readonly Item[] | undefined) =>
  (items ?? []).map((item) => {
    assert.match(item.id, /^[0-9a-f-]{36}$/)
    return `${item.timestamp.slice(0, 10)} ${item.amount} = ${item.unit_price} × ${item.quantity}`
  })

describe('recurring invoice schedules through @metronome/sdk', () => {
  const live = useLiveSdk('recurring-schedules')
  test('create, edit and retrieve: the recurring schedules are their expanded items', async () => {
    const { client } = live
    const customer = await createCustomer(client, 'Recurring Co')
    const product = await createProduct(client, 'FIXED', 'Platform fee')
    const contract = await createContract(client, {
      customer_id: customer,
      starting_at: START,
      ending_before: END,
      commits: [
        {
          type: 'PREPAID',
          product_id: product,
          access_schedule: {
            schedule_items: [{ amount: 1000, starting_at: START, ending_before: END }],
          },
          invoice_schedule: {
            recurring_schedule: {
              starting_at: START,
              ending_before: END,
              frequency: 'QUARTERLY',
              amount: 1000,
              amount_distribution: 'DIVIDED_ROUNDED',
            },
          },
        },
      ],
      scheduled_charges: [
        {
          product_id: product,
          schedule: {
            recurring_schedule: {
              starting_at: START,
              ending_before: '2025-04-01T00:00:00.000Z',
              frequency: 'MONTHLY',
              unit_price: 3,
              quantity: 2,
              amount_distribution: 'EACH',
            },
          },
        },
      ],
    })
    const ids = { customer_id: customer, contract_id: contract }
    const current = (await client.v1.contracts.retrieve(ids)).data.current
    assert.deepEqual(shown(current.commits[0]?.invoice_schedule?.schedule_items), [
      '2025-01-01 250 = 250 × 1',
      '2025-04-01 250 = 250 × 1',
      '2025-07-01 250 = 250 × 1',
      '2025-10-01 250 = 250 × 1',
    ])
    assert.deepEqual(shown(current.scheduled_charges[0]?.schedule.schedule_items), [
      '2025-01-01 6 = 3 × 2',
      '2025-02-01 6 = 3 × 2',
      '2025-03-01 6 = 3 × 2',
    ])

    await client.v2.contracts.edit({
      ...ids,
      add_discounts: [
        {
          product_id: product,
          schedule: {
            recurring_schedule: {
              starting_at: START,
              ending_before: END,
              frequency: 'SEMI_ANNUAL',
              amount: 101,
              amount_distribution: 'DIVIDED_ROUNDED',
            },
          },
        },
      ],
    })
    const v2 = (await client.v2.contracts.retrieve(ids)).data
    assert.deepEqual(shown(v2.discounts?.[0]?.schedule.schedule_items), [
      '2025-01-01 51 = 51 × 1',
      '2025-07-01 50 = 50 × 1',
    ])
    assert.deepEqual(
      v2.commits[0]?.invoice_schedule?.schedule_items,
      current.commits[0]?.invoice_schedule?.schedule_items,
    )
  })
})
