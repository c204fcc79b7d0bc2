/**
 * Recurring instances and rollover on renewal through the official @metronome/sdk against a live
 * server (decision 0012): the SDK's typed `recurring_commit_id`, `rolled_over_from`, ledger
 * entries with `new_contract_id` and `transitions` all parse as Metrum sends them.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'
import { createContract, createCustomer, createProduct } from '../support/sdk-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
const T = '2026-01-01T00:00:00.000Z'

describe('recurring instances and rollover through @metronome/sdk', () => {
  const live = useLiveSdk('contract-rollover')
  test('a recurring commit’s instances roll over into a renewal', async () => {
    const { client } = live
    const customer = await createCustomer(client, 'Rollover Co')
    const product = await createProduct(client, 'FIXED', 'Pool')
    const old = await createContract(client, {
      customer_id: customer,
      starting_at: '2025-11-01T00:00:00Z',
      ending_before: T,
      usage_statement_schedule: { frequency: 'MONTHLY', day: 'FIRST_OF_MONTH' },
      recurring_commits: [
        {
          product_id: product,
          priority: 1,
          starting_at: '2025-11-01T00:00:00Z',
          access_amount: { unit_price: 2000, quantity: 1, credit_type_id: USD },
          invoice_amount: { unit_price: 2000, quantity: 1, credit_type_id: USD },
          commit_duration: { value: 1, unit: 'PERIODS' },
          rollover_fraction: 0.5,
        },
      ],
    })
    const before = (
      await client.v2.contracts.retrieve({
        customer_id: customer,
        contract_id: old,
        include_ledgers: true,
      })
    ).data
    const recurringId = before.recurring_commits?.[0]?.id
    assert.deepEqual(
      before.commits.map((commit) => [
        commit.recurring_commit_id,
        commit.access_schedule?.schedule_items[0]?.amount,
      ]),
      [
        [recurringId, 2000],
        [recurringId, 2000],
      ],
    )
    // Nothing of December's instance is used: half of it rolls, the rest expires.
    const december = before.commits[1]!

    const renewal = await createContract(client, {
      customer_id: customer,
      starting_at: T,
      ending_before: '2027-01-01T00:00:00Z',
      transition: { type: 'RENEWAL', from_contract_id: old },
    })

    const renewed = (
      await client.v2.contracts.retrieve({
        customer_id: customer,
        contract_id: renewal,
        include_balance: true,
      })
    ).data
    assert.equal(renewed.commits.length, 1)
    const [rolled] = renewed.commits
    assert.deepEqual(rolled!.rolled_over_from, { commit_id: december.id, contract_id: old })
    assert.equal(rolled!.balance, 1000)

    const after = (
      await client.v1.contracts.retrieve({
        customer_id: customer,
        contract_id: old,
        include_ledgers: true,
      })
    ).data
    const ledger = after.current.commits.find((commit) => commit.id === december.id)?.ledger
    assert.deepEqual(
      ledger?.map((entry) => [entry.type, entry.amount]),
      [
        ['PREPAID_COMMIT_SEGMENT_START', 2000],
        ['PREPAID_COMMIT_ROLLOVER', -1000],
        ['PREPAID_COMMIT_EXPIRATION', -1000],
      ],
    )
    const rollover = ledger?.[1] as { new_contract_id?: string } | undefined
    assert.equal(rollover?.new_contract_id, renewal)
    const transitions = (
      await client.v2.contracts.retrieve({ customer_id: customer, contract_id: old })
    ).data.transitions
    assert.deepEqual(transitions, [
      { type: 'RENEWAL', from_contract_id: old, to_contract_id: renewal },
    ])
  })
})
