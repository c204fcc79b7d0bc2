/** Contracts through the official @metronome/sdk against a live server on loopback. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

const START = '2025-01-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

describe('contracts through @metronome/sdk', () => {
  const live = useLiveSdk('contracts')
  test('create, retrieve and list with v1 and v2', async () => {
    const { client } = live
    const customer = await client.v1.customers.create({ name: 'SDK contract customer' })
    const fee = await client.v1.contracts.products.create({ name: 'Platform fee', type: 'FIXED' })
    const card = await client.v1.contracts.rateCards.create({ name: 'SDK contract card' })
    const created = await client.v1.contracts.create({
      customer_id: customer.data.id,
      rate_card_id: card.data.id,
      starting_at: START,
      ending_before: END,
      name: 'SDK contract',
      uniqueness_key: 'sdk-contract-1',
      commits: [
        {
          type: 'PREPAID',
          product_id: fee.data.id,
          access_schedule: {
            schedule_items: [{ amount: 1000, starting_at: START, ending_before: END }],
          },
          invoice_schedule: { schedule_items: [{ timestamp: START, amount: 800 }] },
        },
      ],
      scheduled_charges: [
        {
          product_id: fee.data.id,
          schedule: { schedule_items: [{ timestamp: START, amount: 50 }] },
        },
      ],
    })
    const id = created.data.id

    const v1 = await client.v1.contracts.retrieve({
      customer_id: customer.data.id,
      contract_id: id,
      include_balance: true,
    })
    assert.equal(v1.data.id, id)
    assert.equal(v1.data.current.name, 'SDK contract')
    assert.equal(v1.data.current.rate_card_id, card.data.id)
    assert.equal(v1.data.current.commits[0]?.product.name, 'Platform fee')
    assert.equal(v1.data.current.commits[0]?.access_schedule?.schedule_items[0]?.amount, 1000)
    assert.equal(v1.data.current.scheduled_charges[0]?.schedule.schedule_items?.[0]?.amount, 50)
    assert.deepEqual(v1.data.amendments, [])

    const v1List = await client.v1.contracts.list({ customer_id: customer.data.id })
    assert.deepEqual(
      v1List.data.map((contract) => contract.id),
      [id],
    )

    const v2 = await client.v2.contracts.retrieve({
      customer_id: customer.data.id,
      contract_id: id,
      include_ledgers: true,
    })
    assert.equal(v2.data.id, id)
    assert.equal(v2.data.uniqueness_key, 'sdk-contract-1')
    assert.equal(v2.data.commits[0]?.ledger?.[0]?.type, 'PREPAID_COMMIT_SEGMENT_START')
    const v2List = await client.v2.contracts.list({
      customer_id: customer.data.id,
      covering_date: '2025-06-01T00:00:00.000Z',
    })
    assert.deepEqual(
      v2List.data.map((contract) => contract.id),
      [id],
    )

    await assert.rejects(
      client.v1.contracts.create({
        customer_id: customer.data.id,
        starting_at: START,
        uniqueness_key: 'sdk-contract-1',
      }),
      (error: unknown) =>
        error instanceof Metronome.ConflictError &&
        /This uniqueness key has already been used/.test(error.message),
    )
    await assert.rejects(
      client.v1.contracts.create({
        customer_id: customer.data.id,
        starting_at: START,
        commits: [
          {
            type: 'PREPAID',
            product_id: card.data.id,
            access_schedule: {
              schedule_items: [{ amount: 1, starting_at: START, ending_before: END }],
            },
          },
        ],
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError &&
        /body\.commits\[0\]\.product_id/.test(error.message),
    )
  })
})
