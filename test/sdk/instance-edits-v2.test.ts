/**
 * The v2 `edit` operation naming recurring instances, and archiving a contract with recurring
 * instances, through the official @metronome/sdk against a live server (decision 0014).
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { recurringInstanceId } from '../../src/app/contracts/contract-balances.js'
import { monthlyRecurringContract } from '../support/contract-terms.js'
import { useLiveSdk } from '../support/sdk.js'
import {
  badRequest,
  createContract,
  createCustomer,
  createProduct,
  ledgerOf,
  retrieveWithBalances,
} from '../support/sdk-fixtures.js'

const START = '2026-01-01T00:00:00.000Z'

describe('v2 edit of recurring instances through @metronome/sdk', () => {
  const live = useLiveSdk('instance-edits-v2')
  let customer: string
  let contract: string
  before(async () => {
    customer = await createCustomer(live.client, 'Instance Edits Co')
    contract = await createContract(
      live.client,
      monthlyRecurringContract({
        customerId: customer,
        productId: await createProduct(live.client, 'FIXED', 'Pool'),
        startingAt: START,
      }),
    )
  })

  test('update_commits and archive_credits on instances, a later one refused, then the contract archived', async () => {
    const { client } = live
    const get = () => retrieveWithBalances(client, { customer_id: customer, contract_id: contract })
    const view = await get()
    const current = view.commits.at(-1)!
    const segment = current.access_schedule!.schedule_items[0]!.id
    const credit = view.credits!.at(-1)!
    const edited = await client.v2.contracts.edit({
      customer_id: customer,
      contract_id: contract,
      update_commits: [
        {
          commit_id: current.id,
          access_schedule: { update_schedule_items: [{ id: segment, amount: 300 }] },
        },
      ],
      archive_credits: [{ id: credit.id }],
    })
    assert.ok(edited.data.id)

    const after = await get()
    const shown = after.commits.find((each) => each.id === current.id)!
    assert.equal(shown.access_schedule!.schedule_items[0]!.amount, 300)
    assert.deepEqual(ledgerOf(shown), [['PREPAID_COMMIT_SEGMENT_START', 300]])
    assert.equal(shown.balance, 300)
    assert.equal(shown.recurring_commit_id, view.recurring_commits![0]!.id)
    const archived = after.credits!.find((each) => each.id === credit.id)!
    assert.ok(archived.archived_at)
    assert.deepEqual(ledgerOf(archived), [
      ['CREDIT_SEGMENT_START', 100],
      ['CREDIT_EXPIRATION', -100],
    ])

    const history = await client.v2.contracts.getEditHistory({
      customer_id: customer,
      contract_id: contract,
    })
    assert.equal(history.data.length, 1)
    assert.equal(history.data[0]!.update_commits![0]!.id, current.id)
    assert.deepEqual(history.data[0]!.archive_credits, [{ id: credit.id }])

    // Ten years on, the recurring commit's instance has not started: its id names nothing yet.
    const later = recurringInstanceId(view.recurring_commits![0]!.id, 120, 'balance')
    await assert.rejects(
      client.v2.contracts.edit({
        customer_id: customer,
        contract_id: contract,
        update_commits: [{ commit_id: later, priority: 2 }],
      }),
      badRequest(/body\.update_commits\[0\]\.commit_id names no commit of this contract/),
    )

    // Archiving the contract archives the started instances; the current one's ledger closes.
    await client.v1.contracts.archive({
      customer_id: customer,
      contract_id: contract,
      void_invoices: false,
    })
    const closed = await get()
    assert.deepEqual(
      closed.commits.map((each) => each.id),
      view.commits.map((each) => each.id),
    )
    const closedCurrent = closed.commits.find((each) => each.id === current.id)!
    assert.ok(closedCurrent.archived_at)
    assert.deepEqual(ledgerOf(closedCurrent), [
      ['PREPAID_COMMIT_SEGMENT_START', 300],
      ['PREPAID_COMMIT_EXPIRATION', -300],
    ])
    assert.equal(closedCurrent.balance, 0)
    assert.ok(closed.commits.every((each) => each.archived_at))
  })
})
