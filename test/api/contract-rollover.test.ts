/**
 * Recurring instances and rollover on renewal through the HTTP edge, on both stores (decision
 * 0012): a WE-20-style renewal with rollover fractions 1, 0.5 and none (the new contract's
 * rollover commits and credits, the old ledgers' ROLLOVER and EXPIRATION entries, a second
 * renewal refused), and a WE-26-style monthly recurring commit whose instances show prorated,
 * with stable ids, in v1 and v2 get and in customerCommits/list.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { uuidV5 } from '../../src/lib/uuid-v5.js'
import { databaseKinds } from '../support/databases.js'
import { auditActions, jsonCalls, useTestApp } from '../support/app.js'
import { createContract, createCustomer, createProduct } from '../support/contract-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
const OLD_START = '2025-01-01T00:00:00.000Z'
const T = '2026-01-01T00:00:00.000Z'
const NEW_END = '2027-01-01T00:00:00.000Z'

interface Entry {
  type: string
  amount: number
  new_contract_id?: string
}
interface Balance {
  id: string
  type: string
  name?: string
  balance?: number
  ledger?: Entry[]
  access_schedule: {
    schedule_items: Array<{
      id: string
      amount: number
      starting_at: string
      ending_before: string
    }>
  }
  invoice_schedule?: {
    schedule_items: Array<{ amount: number; unit_price: number; quantity: number }>
  }
  applicable_product_tags?: string[]
  rolled_over_from?: { commit_id?: string; credit_id?: string; contract_id: string }
  recurring_commit_id?: string
  recurring_credit_id?: string
  contract?: { id: string }
}

test('instance ids are UUID v5: the RFC 9562 example', () => {
  const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
  assert.equal(uuidV5(dns, 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2')
})

for (const kind of await databaseKinds()) {
  describe(`recurring instances and rollover on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)

    const setup = async () => {
      const customer = await createCustomer(t)
      const fixed = await createProduct(t, 'FIXED', 'Fee')
      return { customer, fixed }
    }
    const segment = (amount: number, start: string, end: string) => ({
      credit_type_id: USD,
      schedule_items: [{ amount, starting_at: start, ending_before: end }],
    })
    const ledgerOf = (balance: Balance) =>
      (balance.ledger ?? []).map((entry) => [entry.type, entry.amount, entry.new_contract_id])
    const getV2 = async (customer: string, contract: string) =>
      (
        await ok('/v2/contracts/get', {
          customer_id: customer,
          contract_id: contract,
          include_ledgers: true,
          include_balance: true,
        })
      ).data as { commits: Balance[]; credits: Balance[]; transitions: unknown[] }

    test('WE-20: a renewal rolls min(remaining, fraction × amount) for fractions 1, 0.5 and none', async () => {
      const { customer, fixed } = await setup()
      const commit = (name: string, fraction: number | null) => ({
        type: 'PREPAID',
        name,
        product_id: fixed,
        priority: 100,
        applicable_product_tags: ['a'],
        access_schedule: segment(100_000, OLD_START, T),
        ...(fraction === null ? {} : { rollover_fraction: fraction }),
      })
      const old = await createContract(t, {
        customer_id: customer,
        starting_at: OLD_START,
        ending_before: T,
        commits: [commit('all', 1), commit('half', 0.5), commit('none', null)],
        credits: [
          {
            product_id: fixed,
            name: 'credit',
            priority: 1,
            access_schedule: segment(20_000, OLD_START, T),
            rollover_fraction: 0.5,
          },
        ],
      })
      const before = await getV2(customer, old)
      // $60,000 of each commit unused, $10,000 of the credit: manual entries stand in for usage.
      const use = async (balance: Balance, amount: number) =>
        ok('/v1/contracts/addManualBalanceLedgerEntry', {
          customer_id: customer,
          contract_id: old,
          id: balance.id,
          segment_id: balance.access_schedule.schedule_items[0]!.id,
          amount: -amount,
          reason: 'usage',
          timestamp: '2025-06-01T00:00:00.000Z',
        })
      for (const each of before.commits) await use(each, 40_000)
      await use(before.credits[0]!, 10_000)

      const renewal = await createContract(t, {
        customer_id: customer,
        starting_at: T,
        ending_before: NEW_END,
        transition: { type: 'RENEWAL', from_contract_id: old },
        commits: [
          {
            type: 'PREPAID',
            name: 'new',
            product_id: fixed,
            priority: 101,
            access_schedule: segment(200_000, T, NEW_END),
          },
        ],
      })

      const renewed = await getV2(customer, renewal)
      const byName = new Map(before.commits.map((each) => [each.id, each.name]))
      const rolled = renewed.commits.filter((each) => each.rolled_over_from)
      assert.deepEqual(
        rolled.map((each) => [
          byName.get(each.rolled_over_from!.commit_id!),
          each.access_schedule.schedule_items[0]!.amount,
          each.balance,
        ]),
        [
          ['all', 60_000, 60_000],
          ['half', 50_000, 50_000],
        ],
      )
      for (const each of rolled) {
        assert.equal(each.rolled_over_from!.contract_id, old)
        assert.deepEqual(each.applicable_product_tags, ['a'])
        assert.equal(each.type, 'PREPAID')
        assert.equal(each.invoice_schedule, undefined, 'paid for on the old contract')
        const [item] = each.access_schedule.schedule_items
        assert.deepEqual([item!.starting_at, item!.ending_before], [T, NEW_END])
      }
      assert.equal(renewed.commits.length, 3, 'the new commit and two rollovers')
      const [credit] = renewed.credits
      assert.deepEqual(credit!.rolled_over_from, {
        credit_id: before.credits[0]!.id,
        contract_id: old,
      })
      assert.equal(credit!.access_schedule.schedule_items[0]!.amount, 10_000)

      const after = await getV2(customer, old)
      const ledgers = new Map(after.commits.map((each) => [each.name, ledgerOf(each)]))
      assert.deepEqual(ledgers.get('all'), [
        ['PREPAID_COMMIT_SEGMENT_START', 100_000, undefined],
        ['PREPAID_COMMIT_MANUAL', -40_000, undefined],
        ['PREPAID_COMMIT_ROLLOVER', -60_000, renewal],
      ])
      assert.deepEqual(ledgers.get('half'), [
        ['PREPAID_COMMIT_SEGMENT_START', 100_000, undefined],
        ['PREPAID_COMMIT_MANUAL', -40_000, undefined],
        ['PREPAID_COMMIT_ROLLOVER', -50_000, renewal],
        ['PREPAID_COMMIT_EXPIRATION', -10_000, undefined],
      ])
      assert.deepEqual(ledgers.get('none'), [
        ['PREPAID_COMMIT_SEGMENT_START', 100_000, undefined],
        ['PREPAID_COMMIT_MANUAL', -40_000, undefined],
        ['PREPAID_COMMIT_EXPIRATION', -60_000, undefined],
      ])
      assert.deepEqual(ledgerOf(after.credits[0]!).slice(2), [
        ['CREDIT_ROLLOVER', -10_000, renewal],
      ])
      assert.deepEqual(after.transitions, [
        { type: 'RENEWAL', from_contract_id: old, to_contract_id: renewal },
      ])

      // The v1 view and the customer list read the same history.
      const v1 = await ok('/v1/contracts/get', {
        customer_id: customer,
        contract_id: old,
        include_ledgers: true,
      })
      const halfV1 = (v1.data.current.commits as Balance[]).find((each) => each.name === 'half')!
      assert.deepEqual(ledgerOf(halfV1), ledgers.get('half'))
      const listed = (
        await ok('/v1/contracts/customerCommits/list', {
          customer_id: customer,
          include_contract_commits: true,
          include_ledgers: true,
        })
      ).data as Balance[]
      const halfListed = listed.find((each) => each.name === 'half' && each.contract?.id === old)!
      assert.deepEqual(ledgerOf(halfListed), ledgers.get('half'))
      assert.equal(listed.filter((each) => each.contract?.id === renewal).length, 3)

      const again = await call('/v1/contracts/create', {
        customer_id: customer,
        starting_at: T,
        transition: { type: 'RENEWAL', from_contract_id: old },
      })
      assert.equal(again.status, 400)
      assert.match(JSON.stringify(again.body), /transition\.from_contract_id/)

      // The renewal changed the old contract too: audited on its id, after its other changes.
      const oldActions = await auditActions(t, { type: 'contract', id: old })
      assert.equal(oldActions.filter((action) => action === 'contract.renewal').length, 1)
      assert.equal(oldActions.at(-1), 'contract.renewal')
      assert.deepEqual(await auditActions(t, { type: 'contract', id: renewal }), [
        'contract.create',
      ])
    })

    test('a recurring instance in use at the transition rolls over too', async () => {
      const { customer, fixed } = await setup()
      const old = await createContract(t, {
        customer_id: customer,
        starting_at: '2025-10-01T00:00:00.000Z',
        ending_before: T,
        usage_statement_schedule: { frequency: 'MONTHLY', day: 'FIRST_OF_MONTH' },
        recurring_credits: [
          {
            product_id: fixed,
            priority: 1,
            starting_at: '2025-10-01T00:00:00.000Z',
            access_amount: { unit_price: 1000, quantity: 1, credit_type_id: USD },
            commit_duration: { value: 1, unit: 'PERIODS' },
            rollover_fraction: 0.5,
          },
        ],
      })
      const renewal = await createContract(t, {
        customer_id: customer,
        starting_at: T,
        transition: { type: 'RENEWAL', from_contract_id: old },
      })
      const instances = (await getV2(customer, old)).credits
      assert.equal(instances.length, 3)
      const december = instances[2]!
      assert.deepEqual(ledgerOf(december), [
        ['CREDIT_SEGMENT_START', 1000, undefined],
        ['CREDIT_ROLLOVER', -500, renewal],
        ['CREDIT_EXPIRATION', -500, undefined],
      ])
      const [rolled] = (await getV2(customer, renewal)).credits
      assert.deepEqual(rolled!.rolled_over_from, { credit_id: december.id, contract_id: old })
      assert.equal(rolled!.access_schedule.schedule_items[0]!.amount, 500)
      // Open-ended renewal: the December segment's own length from the transition.
      assert.equal(
        rolled!.access_schedule.schedule_items[0]!.ending_before,
        '2026-02-01T00:00:00.000Z',
      )
    })

    test('WE-26-style: a monthly recurring commit shows its started instances, prorated', async () => {
      const { customer, fixed } = await setup()
      const recurring = {
        product_id: fixed,
        priority: 1,
        starting_at: '2025-01-16T00:00:00.000Z',
        access_amount: { unit_price: 10_000, quantity: 1, credit_type_id: USD },
        invoice_amount: { unit_price: 10_000, quantity: 1, credit_type_id: USD },
        commit_duration: { value: 1, unit: 'PERIODS' },
        proration: 'FIRST_AND_LAST',
        proration_rounding: { access: { decimal_places: -2, rounding_method: 'HALF_UP' } },
      }
      const contract = await createContract(t, {
        customer_id: customer,
        starting_at: '2025-01-16T00:00:00.000Z',
        ending_before: '2025-05-01T00:00:00.000Z',
        usage_statement_schedule: { frequency: 'MONTHLY', day: 'FIRST_OF_MONTH' },
        recurring_commits: [recurring],
      })
      const v2 = await getV2(customer, contract)
      const recurringId = (
        await ok('/v2/contracts/get', { customer_id: customer, contract_id: contract })
      ).data.recurring_commits[0].id as string
      assert.deepEqual(
        v2.commits.map((each) => [
          each.recurring_commit_id,
          each.access_schedule.schedule_items[0]!.amount,
          each.access_schedule.schedule_items[0]!.starting_at.slice(0, 10),
        ]),
        [
          [recurringId, 5200, '2025-01-16'],
          [recurringId, 10_000, '2025-02-01'],
          [recurringId, 10_000, '2025-03-01'],
          [recurringId, 10_000, '2025-04-01'],
        ],
      )
      const [first] = v2.commits
      // 10,000 × 16/31, not rounded (only the access amount has a rounding).
      assert.equal(first!.invoice_schedule!.schedule_items[0]!.amount.toFixed(2), '5161.29')
      assert.equal(first!.invoice_schedule!.schedule_items[0]!.quantity, 1)
      assert.deepEqual(ledgerOf(first!), [
        ['PREPAID_COMMIT_SEGMENT_START', 5200, undefined],
        ['PREPAID_COMMIT_EXPIRATION', -5200, undefined],
      ])
      assert.equal(first!.balance, 0)

      // Ids are derived, so every read agrees: v2 again, v1, and the customer list.
      const ids = v2.commits.map((each) => each.id)
      assert.deepEqual(
        (await getV2(customer, contract)).commits.map((each) => each.id),
        ids,
      )
      const v1 = await ok('/v1/contracts/get', { customer_id: customer, contract_id: contract })
      assert.deepEqual(
        (v1.data.current.commits as Balance[]).map((each) => each.id),
        ids,
      )
      const listed = await ok('/v1/contracts/customerCommits/list', {
        customer_id: customer,
        commit_id: ids[1],
        include_contract_commits: true,
        include_balance: true,
      })
      assert.deepEqual(
        (listed.data as Balance[]).map((each) => [each.id, each.recurring_commit_id, each.balance]),
        [[ids[1], recurringId, 0]],
      )

      // A contract that has not started shows no instances yet.
      const future = await createContract(t, {
        customer_id: customer,
        starting_at: '2099-01-01T00:00:00.000Z',
        recurring_commits: [{ ...recurring, starting_at: '2099-01-01T00:00:00.000Z' }],
      })
      assert.deepEqual((await getV2(customer, future)).commits, [])
    })
  })
}
