/**
 * Manual entries, edits and archives of customer-level commits and credits and of recurring
 * instances through the official @metronome/sdk against a live server (decision 0014).
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
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

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
const START = '2026-01-01T00:00:00.000Z'
const LATER = '2031-01-01T00:00:00.000Z'

describe('balance edits beyond a contract own commits through @metronome/sdk', () => {
  const live = useLiveSdk('balance-edits-extended')
  let customer: string
  let product: string
  let contract: string
  before(async () => {
    customer = await createCustomer(live.client, 'Extended Co')
    product = await createProduct(live.client, 'FIXED', 'Pool')
    contract = await createContract(
      live.client,
      monthlyRecurringContract({
        customerId: customer,
        productId: product,
        startingAt: START,
      }),
    )
  })

  test('customer-level: manual entries, an edit, an archive, and refusals', async () => {
    const { client } = live
    const access = (amount: number) => ({
      credit_type_id: USD,
      schedule_items: [{ amount, starting_at: START, ending_before: LATER }],
    })
    const commit = (
      await client.v1.customers.commits.create({
        customer_id: customer,
        type: 'PREPAID',
        priority: 1,
        product_id: product,
        access_schedule: access(1000),
      })
    ).data.id
    const credit = (
      await client.v1.customers.credits.create({
        customer_id: customer,
        priority: 1,
        product_id: product,
        access_schedule: access(50),
      })
    ).data.id
    const commits = async () =>
      (
        await client.v1.customers.commits.list({
          customer_id: customer,
          include_ledgers: true,
          include_balance: true,
        })
      ).data
    const [created] = await commits()
    const segment = created!.access_schedule!.schedule_items[0]!.id
    await client.v1.contracts.addManualBalanceEntry({
      customer_id: customer,
      id: commit,
      segment_id: segment,
      amount: -200,
      reason: 'usage',
    })
    const creditSegment = (await client.v1.customers.credits.list({ customer_id: customer }))
      .data[0]!.access_schedule!.schedule_items[0]!.id
    await client.v1.contracts.addManualBalanceEntry({
      customer_id: customer,
      id: credit,
      segment_id: creditSegment,
      amount: -10,
      reason: 'usage',
    })
    let [listed] = await commits()
    assert.deepEqual(ledgerOf(listed!), [
      ['PREPAID_COMMIT_SEGMENT_START', 1000],
      ['PREPAID_COMMIT_MANUAL', -200],
    ])
    assert.equal(listed!.balance, 800)

    const edited = await client.v2.contracts.editCommit({
      customer_id: customer,
      commit_id: commit,
      access_schedule: { update_schedule_items: [{ id: segment, amount: 1200 }] },
      applicable_contract_ids: [contract],
    })
    assert.equal(edited.data.id, commit)
    ;[listed] = await commits()
    assert.equal(listed!.access_schedule!.schedule_items[0]!.amount, 1200)
    assert.equal(listed!.balance, 1000)
    assert.deepEqual(listed!.applicable_contract_ids, [contract])

    await assert.rejects(
      client.v2.contracts.editCommit({
        customer_id: customer,
        commit_id: commit,
        invoice_contract_id: randomUUID(),
      }),
      badRequest(/body\.invoice_contract_id names no contract of this customer/),
    )
    ;[listed] = await commits()
    assert.equal(listed!.invoice_contract, undefined, 'nothing written')

    await client.post('/v2/contracts/credits/archive', {
      body: { customer_id: customer, credit_id: credit },
    })
    const [archived] = (
      await client.v1.customers.credits.list({
        customer_id: customer,
        include_archived: true,
        include_ledgers: true,
        include_balance: true,
      })
    ).data
    // The spec's `Credit` has no archived_at; the server shows it as on commits (decision 0014).
    assert.ok((archived as { archived_at?: string }).archived_at)
    assert.equal(archived!.balance, 0)
    assert.deepEqual(ledgerOf(archived!).slice(0, 2), [
      ['CREDIT_SEGMENT_START', 50],
      ['CREDIT_MANUAL', -10],
    ])

    await assert.rejects(
      client.v1.contracts.addManualBalanceEntry({
        customer_id: customer,
        id: randomUUID(),
        segment_id: segment,
        amount: 1,
        reason: 'r',
      }),
      badRequest(/body\.id names no customer-level commit or credit/),
    )
    await assert.rejects(
      client.v2.contracts.editCredit({ customer_id: customer, credit_id: randomUUID(), name: 'x' }),
      badRequest(/body\.credit_id names no credit/),
    )
  })

  test('recurring instances: a manual entry, an edit, an archive, and one not started yet', async () => {
    const { client } = live
    const get = () => retrieveWithBalances(client, { customer_id: customer, contract_id: contract })
    const view = await get()
    const current = view.commits.at(-1)!
    const segment = current.access_schedule!.schedule_items[0]!.id
    await client.v1.contracts.addManualBalanceEntry({
      customer_id: customer,
      contract_id: contract,
      id: current.id,
      segment_id: segment,
      amount: -25,
      reason: 'usage',
    })
    await client.v2.contracts.editCommit({
      customer_id: customer,
      commit_id: current.id,
      access_schedule: { update_schedule_items: [{ id: segment, amount: 300 }] },
    })
    const credit = view.credits![0]!
    await client.post('/v2/contracts/credits/archive', {
      body: { customer_id: customer, credit_id: credit.id },
    })
    const after = await get()
    const shown = after.commits.find((each) => each.id === current.id)!
    assert.deepEqual(ledgerOf(shown), [
      ['PREPAID_COMMIT_SEGMENT_START', 300],
      ['PREPAID_COMMIT_MANUAL', -25],
    ])
    assert.equal(shown.balance, 275)
    assert.equal(shown.recurring_commit_id, view.recurring_commits![0]!.id)
    assert.ok(after.credits!.find((each) => each.id === credit.id)!.archived_at)

    // Ten years on, the recurring commit's instance has not started: its id names nothing yet.
    const later = recurringInstanceId(view.recurring_commits![0]!.id, 120, 'balance')
    await assert.rejects(
      client.v2.contracts.editCommit({ customer_id: customer, commit_id: later, priority: 2 }),
      badRequest(/body\.commit_id names no commit/),
    )
    await assert.rejects(
      client.v1.contracts.addManualBalanceEntry({
        customer_id: customer,
        contract_id: contract,
        id: later,
        segment_id: segment,
        amount: 1,
        reason: 'r',
      }),
      badRequest(/body\.id names no commit or credit/),
    )
  })
})
