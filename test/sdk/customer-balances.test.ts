/** Customer-level commits and credits through the official @metronome/sdk against a live server. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'
import { createContract, createCustomer, createProduct } from '../support/sdk-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

describe('customer commits and credits through @metronome/sdk', () => {
  const live = useLiveSdk('customer-balances')
  test('commits and credits: create, list (auto-paged, with balances), updateEndDate', async () => {
    const { client } = live
    const customer = await createCustomer(client, 'Balances Co')
    const product = await createProduct(client, 'FIXED', 'Prepaid pool')
    const contract = await createContract(client, {
      customer_id: customer,
      starting_at: '2026-01-01T00:00:00Z',
    })
    const commit = await client.v1.customers.commits.create({
      customer_id: customer,
      type: 'PREPAID',
      priority: 1,
      product_id: product,
      access_schedule: {
        credit_type_id: USD,
        schedule_items: [
          {
            amount: 500,
            starting_at: '2026-01-01T00:00:00Z',
            ending_before: '2027-07-01T00:00:00Z',
          },
        ],
      },
      invoice_schedule: {
        schedule_items: [{ timestamp: '2026-01-01T00:00:00Z', amount: 400 }],
      },
      invoice_contract_id: contract,
    })
    for (const month of ['01', '02', '03']) {
      await client.v1.customers.credits.create({
        customer_id: customer,
        priority: 2,
        product_id: product,
        name: `credit ${month}`,
        access_schedule: {
          schedule_items: [
            {
              amount: 10,
              starting_at: `2026-${month}-01T00:00:00Z`,
              ending_before: `2026-${month}-15T00:00:00Z`,
            },
          ],
        },
      })
    }
    const commits = []
    for await (const item of client.v1.customers.commits.list({
      customer_id: customer,
      include_balance: true,
    })) {
      commits.push(item)
    }
    assert.deepEqual(
      commits.map((item) => [item.id, item.type, item.balance, item.invoice_contract?.id]),
      [[commit.data.id, 'PREPAID', 500, contract]],
    )
    const credits = []
    for await (const item of client.v1.customers.credits.list({
      customer_id: customer,
      limit: 2,
    })) {
      credits.push(item.name)
    }
    assert.deepEqual(credits, ['credit 01', 'credit 02', 'credit 03'], 'paged through 2 pages')

    const updated = await client.v1.customers.commits.updateEndDate({
      customer_id: customer,
      commit_id: commit.data.id,
      access_ending_before: '2027-04-01T00:00:00Z',
    })
    assert.equal(updated.data.id, commit.data.id)
    const page = await client.v1.customers.commits.list({ customer_id: customer })
    assert.equal(
      page.data[0]?.access_schedule?.schedule_items[0]?.ending_before,
      '2027-04-01T00:00:00.000Z',
    )
    await assert.rejects(
      client.v1.customers.credits.create({
        customer_id: customer,
        priority: 1,
        product_id: '00000000-0000-4000-8000-000000000000',
        access_schedule: {
          schedule_items: [
            {
              amount: 1,
              starting_at: '2026-01-01T00:00:00Z',
              ending_before: '2026-02-01T00:00:00Z',
            },
          ],
        },
      }),
      (error: unknown) =>
        error instanceof Error &&
        'status' in error &&
        error.status === 400 &&
        /body\.product_id names no product/.test(error.message),
    )
  })
})
