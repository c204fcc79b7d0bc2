/**
 * Manual ledger entries, edits and archives of customer-level commits and credits and of
 * recurring instances through the API, on both stores (decision 0014): what the lists and the
 * contract views show after each, the audit entries, and bad requests refused with the field
 * named and nothing written.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { recurringInstanceId } from '../../src/app/contracts/contract-balances.js'
import { databaseKinds } from '../support/databases.js'
import { auditActions, jsonCalls, useTestApp } from '../support/app.js'
import { monthlyRecurringContract } from '../support/contract-terms.js'
import { createContract, createCustomer, createProduct } from '../support/contract-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
const START = '2026-01-01T00:00:00.000Z'
// Customer-level balances run well past the server clock, so they are in force when tested.
const LATER = '2031-01-01T00:00:00.000Z'

interface Entry {
  type: string
  amount: number
  reason?: string
  timestamp: string
}
interface Balance {
  id: string
  type: string
  name?: string
  balance?: number
  ledger?: Entry[]
  archived_at?: string
  access_schedule: {
    schedule_items: Array<{ id: string; amount: number; starting_at: string }>
  }
  applicable_contract_ids?: string[]
  invoice_contract?: { id: string }
  recurring_commit_id?: string
  recurring_credit_id?: string
}

for (const kind of await databaseKinds()) {
  describe(`balance edits beyond a contract's own commits on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok, refused } = jsonCalls(t)

    const access = (amount: number, start = START, end = LATER) => ({
      credit_type_id: USD,
      schedule_items: [{ amount, starting_at: start, ending_before: end }],
    })
    const setup = async () => {
      const customer = await createCustomer(t)
      const fixed = await createProduct(t, 'FIXED', 'Pool')
      const contract = async () =>
        (await ok('/v1/contracts/create', { customer_id: customer, starting_at: START })).data
          .id as string
      return { customer, fixed, first: await contract(), second: await contract() }
    }
    const listed = async (
      customer: string,
      what: 'Commits' | 'Credits',
      extra: Record<string, unknown> = {},
    ) =>
      (
        await ok(`/v1/contracts/customer${what}/list`, {
          customer_id: customer,
          include_ledgers: true,
          include_balance: true,
          ...extra,
        })
      ).data as Balance[]
    const ledgerOf = (balance: Balance) =>
      (balance.ledger ?? []).map((entry) => [entry.type, entry.amount, entry.reason])
    const segmentOf = (balance: Balance) => balance.access_schedule.schedule_items[0]!

    describe('customer-level commits and credits', () => {
      test('manual entries show in the ledgers and balances of customerCommits/list and customerCredits/list', async () => {
        const { customer, fixed, first } = await setup()
        const prepaid = (
          await ok('/v1/contracts/customerCommits/create', {
            customer_id: customer,
            type: 'PREPAID',
            priority: 1,
            product_id: fixed,
            access_schedule: access(1000),
          })
        ).data.id as string
        const postpaid = (
          await ok('/v1/contracts/customerCommits/create', {
            customer_id: customer,
            type: 'POSTPAID',
            priority: 2,
            product_id: fixed,
            access_schedule: access(500),
            invoice_schedule: {
              credit_type_id: USD,
              schedule_items: [{ timestamp: LATER, amount: 500 }],
            },
            invoice_contract_id: first,
          })
        ).data.id as string
        const credit = (
          await ok('/v1/contracts/customerCredits/create', {
            customer_id: customer,
            priority: 1,
            product_id: fixed,
            access_schedule: access(50),
          })
        ).data.id as string
        const before = await listed(customer, 'Commits')
        const entry = async (id: string, amount: number, reason: string) => {
          const balance = [...before, ...(await listed(customer, 'Credits'))].find(
            (each) => each.id === id,
          )!
          const answer = await call('/v1/contracts/addManualBalanceLedgerEntry', {
            customer_id: customer,
            id,
            segment_id: segmentOf(balance).id,
            amount,
            reason,
            timestamp: '2026-03-01T00:00:00.000Z',
          })
          assert.equal(answer.status, 200, JSON.stringify(answer.body))
          assert.equal(answer.body, undefined, 'the spec answers no body')
        }
        await entry(prepaid, -250.5, 'usage')
        await entry(prepaid, 100, 'goodwill')
        await entry(postpaid, -20, 'usage')
        await entry(credit, -5, 'usage')

        const commits = await listed(customer, 'Commits')
        const byId = new Map(commits.map((each) => [each.id, each]))
        assert.deepEqual(ledgerOf(byId.get(prepaid)!), [
          ['PREPAID_COMMIT_SEGMENT_START', 1000, undefined],
          ['PREPAID_COMMIT_MANUAL', -250.5, 'usage'],
          ['PREPAID_COMMIT_MANUAL', 100, 'goodwill'],
        ])
        assert.equal(byId.get(prepaid)!.balance, 849.5)
        assert.deepEqual(ledgerOf(byId.get(postpaid)!), [
          ['POSTPAID_COMMIT_INITIAL_BALANCE', 500, undefined],
          ['POSTPAID_COMMIT_MANUAL', -20, 'usage'],
        ])
        assert.equal(byId.get(postpaid)!.balance, 480)
        const [listedCredit] = await listed(customer, 'Credits')
        assert.deepEqual(ledgerOf(listedCredit!), [
          ['CREDIT_SEGMENT_START', 50, undefined],
          ['CREDIT_MANUAL', -5, 'usage'],
        ])
        assert.equal(listedCredit!.balance, 45)
        assert.deepEqual(await auditActions(t, { type: 'commit', id: prepaid }), [
          'customer_commit.create',
          'customer_commit.add_manual_balance_entry',
          'customer_commit.add_manual_balance_entry',
        ])
        assert.deepEqual(await auditActions(t, { type: 'credit', id: credit }), [
          'customer_credit.create',
          'customer_credit.add_manual_balance_entry',
        ])
      })

      test('a manual entry below what is left is taken (decision 0009, rule 6); bad ones write nothing', async () => {
        const { customer, fixed } = await setup()
        const id = (
          await ok('/v1/contracts/customerCommits/create', {
            customer_id: customer,
            type: 'PREPAID',
            priority: 1,
            product_id: fixed,
            access_schedule: access(100),
          })
        ).data.id as string
        const [commit] = await listed(customer, 'Commits')
        const body = {
          customer_id: customer,
          id,
          segment_id: segmentOf(commit!).id,
          amount: -300,
          reason: 'overdraw',
        }
        await ok('/v1/contracts/addManualBalanceLedgerEntry', body)
        const [after] = await listed(customer, 'Commits')
        assert.deepEqual(ledgerOf(after!).at(-1), ['PREPAID_COMMIT_MANUAL', -300, 'overdraw'])
        // The segment is overdrawn: its balance floors at 0 (decision 0009, rule 5).
        assert.equal(after!.balance, 0)

        const cases: [string, Record<string, unknown>, RegExp][] = [
          ['unknown id', { id: randomUUID() }, /^body\.id names no customer-level commit/],
          ['unknown segment', { segment_id: randomUUID() }, /^body\.segment_id is not a segment/],
          [
            'timestamp outside the segment',
            { timestamp: '2035-01-01T00:00:00.000Z' },
            /^body\.timestamp must be within/,
          ],
          [
            'per-group amounts not summing',
            { per_group_amounts: { a: 1 } },
            /^body\.per_group_amounts must sum to amount/,
          ],
        ]
        for (const [name, change, message] of cases) {
          await refused(
            '/v1/contracts/addManualBalanceLedgerEntry',
            { ...body, ...change },
            message,
          )
          const [unchanged] = await listed(customer, 'Commits')
          assert.deepEqual(unchanged, after, name)
        }
        // Archived balances take no entries.
        await ok('/v2/contracts/commits/archive', { customer_id: customer, commit_id: id })
        await refused(
          '/v1/contracts/addManualBalanceLedgerEntry',
          body,
          /^body\.id names an archived/,
        )
      })

      test('a contract commit named without contract_id is refused, pointing at contract_id', async () => {
        const { customer, fixed } = await setup()
        const contract = await createContract(t, {
          customer_id: customer,
          starting_at: START,
          commits: [{ type: 'PREPAID', product_id: fixed, access_schedule: access(10) }],
        })
        const [commit] = (
          await ok('/v2/contracts/get', { customer_id: customer, contract_id: contract })
        ).data.commits as Balance[]
        await refused(
          '/v1/contracts/addManualBalanceLedgerEntry',
          {
            customer_id: customer,
            id: commit!.id,
            segment_id: segmentOf(commit!).id,
            amount: 1,
            reason: 'r',
          },
          new RegExp(`^body\\.contract_id is required: ${commit!.id} is a commit of contract`),
        )
      })

      test('commits/edit changes the access schedule and the scope; bad scope is refused', async () => {
        const { customer, fixed, first, second } = await setup()
        const id = (
          await ok('/v1/contracts/customerCommits/create', {
            customer_id: customer,
            type: 'PREPAID',
            priority: 1,
            product_id: fixed,
            access_schedule: access(1000),
            invoice_schedule: {
              credit_type_id: USD,
              schedule_items: [{ timestamp: START, amount: 900 }],
            },
            invoice_contract_id: first,
            applicable_contract_ids: [first],
          })
        ).data.id as string
        const [created] = await listed(customer, 'Commits')
        await ok('/v2/contracts/commits/edit', {
          customer_id: customer,
          commit_id: id,
          name: 'Edited pool',
          access_schedule: {
            update_schedule_items: [{ id: segmentOf(created!).id, amount: 1500 }],
          },
          applicable_contract_ids: [first, second],
        })
        const [edited] = await listed(customer, 'Commits')
        assert.equal(edited!.name, 'Edited pool')
        assert.equal(segmentOf(edited!).amount, 1500)
        assert.equal(edited!.balance, 1500)
        assert.deepEqual(edited!.applicable_contract_ids, [first, second])
        assert.deepEqual(edited!.invoice_contract, { id: first })

        // Moving the invoicing to a contract it applies to; null scope: every contract.
        await ok('/v2/contracts/commits/edit', {
          customer_id: customer,
          commit_id: id,
          invoice_contract_id: second,
          applicable_contract_ids: null,
        })
        const [rescoped] = await listed(customer, 'Commits')
        assert.equal(rescoped!.applicable_contract_ids, undefined)
        assert.deepEqual(rescoped!.invoice_contract, { id: second })

        const cases: [string, Record<string, unknown>, RegExp][] = [
          [
            'an invoice contract of no contract of the customer',
            { invoice_contract_id: randomUUID() },
            /^body\.invoice_contract_id names no contract of this customer/,
          ],
          [
            'an invoice contract the commit does not apply to',
            { applicable_contract_ids: [first] },
            /^body\.invoice_contract_id must be one of applicable_contract_ids/,
          ],
          [
            'an applicable contract of no contract of the customer',
            { applicable_contract_ids: [second, randomUUID()] },
            /^body\.applicable_contract_ids\[1\] names no contract of this customer/,
          ],
          [
            'an update naming no segment',
            { access_schedule: { update_schedule_items: [{ id: randomUUID(), amount: 1 }] } },
            /^body\.access_schedule\.update_schedule_items\[0\]\.id names no schedule item/,
          ],
          ['a negative priority', { priority: -1 }, /^body\.priority must not be negative/],
        ]
        const actions = await auditActions(t, { type: 'commit', id })
        for (const [name, change, message] of cases) {
          await refused(
            '/v2/contracts/commits/edit',
            { customer_id: customer, commit_id: id, ...change },
            message,
          )
          assert.deepEqual((await listed(customer, 'Commits'))[0], rescoped, name)
        }
        assert.deepEqual(await auditActions(t, { type: 'commit', id }), actions)
        assert.deepEqual(actions, [
          'customer_commit.create',
          'customer_commit.edit',
          'customer_commit.edit',
        ])
      })

      test('applicable_contract_ids cannot be edited on a POSTPAID commit or a contract commit', async () => {
        const { customer, fixed, first } = await setup()
        const postpaid = (
          await ok('/v1/contracts/customerCommits/create', {
            customer_id: customer,
            type: 'POSTPAID',
            priority: 1,
            product_id: fixed,
            access_schedule: access(10),
            invoice_schedule: {
              credit_type_id: USD,
              schedule_items: [{ timestamp: LATER, amount: 10 }],
            },
            invoice_contract_id: first,
          })
        ).data.id as string
        await refused(
          '/v2/contracts/commits/edit',
          { customer_id: customer, commit_id: postpaid, applicable_contract_ids: [first] },
          /^body\.applicable_contract_ids cannot be edited for POSTPAID commits/,
        )
        const contract = await createContract(t, {
          customer_id: customer,
          starting_at: START,
          credits: [{ product_id: fixed, access_schedule: access(10) }],
        })
        const [credit] = (
          await ok('/v2/contracts/get', { customer_id: customer, contract_id: contract })
        ).data.credits as Balance[]
        const edits = async () =>
          (await t.app.store.findContractHistory(t.clientId, contract))!.edits.length
        const count = await edits()
        await refused(
          '/v2/contracts/credits/edit',
          { customer_id: customer, credit_id: credit!.id, applicable_contract_ids: [contract] },
          /^body\.applicable_contract_ids cannot be set on a contract's credit/,
        )
        assert.equal(await edits(), count)
      })

      test('credits/archive shows archived_at; the list hides it unless include_archived', async () => {
        const { customer, fixed } = await setup()
        const id = (
          await ok('/v1/contracts/customerCredits/create', {
            customer_id: customer,
            priority: 1,
            product_id: fixed,
            access_schedule: access(40),
          })
        ).data.id as string
        const archived = await ok('/v2/contracts/credits/archive', {
          customer_id: customer,
          credit_id: id,
        })
        assert.deepEqual(archived, { data: { id } })
        assert.deepEqual(await listed(customer, 'Credits'), [])
        const [shown] = await listed(customer, 'Credits', { include_archived: true })
        assert.ok(shown!.archived_at, 'archived_at is shown')
        assert.ok(Date.now() - Date.parse(shown!.archived_at!) < 60_000)
        // The ledger closes at the archive (decision 0009, rule 7).
        assert.deepEqual(ledgerOf(shown!), [
          ['CREDIT_SEGMENT_START', 40, undefined],
          ['CREDIT_EXPIRATION', -40, undefined],
        ])
        assert.equal(shown!.balance, 0)
        await refused(
          '/v2/contracts/credits/archive',
          { customer_id: customer, credit_id: id },
          /^body\.credit_id names an archived credit/,
        )
        await refused(
          '/v2/contracts/credits/edit',
          { customer_id: customer, credit_id: id, name: 'x' },
          /^body\.credit_id names an archived credit/,
        )
        assert.deepEqual(await auditActions(t, { type: 'credit', id }), [
          'customer_credit.create',
          'customer_credit.archive',
        ])
      })

      test('an unknown id is a 400 naming the id field', async () => {
        const { customer } = await setup()
        const unknown = randomUUID()
        await refused(
          '/v2/contracts/commits/edit',
          { customer_id: customer, commit_id: unknown, name: 'x' },
          /^body\.commit_id names no commit of this customer/,
        )
        await refused(
          '/v2/contracts/credits/edit',
          { customer_id: customer, credit_id: unknown, name: 'x' },
          /^body\.credit_id names no credit of this customer/,
        )
        await refused(
          '/v2/contracts/commits/archive',
          { customer_id: customer, commit_id: unknown },
          /^body\.commit_id names no commit/,
        )
        await refused(
          '/v2/contracts/credits/archive',
          { customer_id: customer, credit_id: unknown },
          /^body\.credit_id names no credit/,
        )
        await refused(
          '/v1/contracts/addManualBalanceLedgerEntry',
          { customer_id: customer, id: unknown, segment_id: unknown, amount: 1, reason: 'r' },
          /^body\.id names no customer-level commit or credit/,
        )
      })
    })

    describe('recurring instances', () => {
      /** A contract from START with a monthly recurring commit and credit of 100 each. */
      const setupRecurring = async () => {
        const { customer, fixed } = await setup()
        const contract = await createContract(
          t,
          monthlyRecurringContract({ customerId: customer, productId: fixed, startingAt: START }),
        )
        const get = async () =>
          (
            await ok('/v2/contracts/get', {
              customer_id: customer,
              contract_id: contract,
              include_ledgers: true,
              include_balance: true,
            })
          ).data as {
            commits: Balance[]
            credits: Balance[]
            recurring_commits: { id: string }[]
            recurring_credits: { id: string }[]
          }
        const view = await get()
        assert.ok(view.commits.length >= 2, 'instances from January to now')
        return { customer, contract, get, view }
      }
      const historyLength = async (contract: string) =>
        (await t.app.store.findContractHistory(t.clientId, contract))!.edits.length

      test('a manual entry on an instance shows in its ledger and balance', async () => {
        const { customer, contract, get, view } = await setupRecurring()
        const february = view.commits[1]!
        const current = view.commits.at(-1)!
        const entry = (balance: Balance, amount: number, timestamp?: string) =>
          ok('/v1/contracts/addManualBalanceLedgerEntry', {
            customer_id: customer,
            contract_id: contract,
            id: balance.id,
            segment_id: segmentOf(balance).id,
            amount,
            reason: 'usage',
            ...(timestamp ? { timestamp } : {}),
          })
        await entry(february, -30, '2026-02-10T00:00:00.000Z')
        await entry(current, -40)
        await entry(view.credits.at(-1)!, -1)
        const after = await get()
        const shownFebruary = after.commits.find((each) => each.id === february.id)!
        assert.deepEqual(ledgerOf(shownFebruary), [
          ['PREPAID_COMMIT_SEGMENT_START', 100, undefined],
          ['PREPAID_COMMIT_MANUAL', -30, 'usage'],
          ['PREPAID_COMMIT_EXPIRATION', -70, undefined],
        ])
        const shownCurrent = after.commits.find((each) => each.id === current.id)!
        assert.deepEqual(ledgerOf(shownCurrent), [
          ['PREPAID_COMMIT_SEGMENT_START', 100, undefined],
          ['PREPAID_COMMIT_MANUAL', -40, 'usage'],
        ])
        assert.equal(shownCurrent.balance, 60)
        assert.deepEqual(ledgerOf(after.credits.at(-1)!).at(-1), ['CREDIT_MANUAL', -1, 'usage'])
        assert.equal(after.credits.at(-1)!.balance, 99)
        // The customer list of contract commits derives the same instance and entry.
        const [listedCurrent] = await listed(customer, 'Commits', {
          commit_id: current.id,
          include_contract_commits: true,
        })
        assert.equal(listedCurrent!.balance, 60)
        assert.deepEqual(await auditActions(t, { type: 'contract', id: contract }), [
          'contract.create',
          'contract.add_manual_balance_entry',
          'contract.add_manual_balance_entry',
          'contract.add_manual_balance_entry',
        ])
      })

      test('commits/edit changes an instance; credits/archive archives one; others stay', async () => {
        const { customer, contract, get, view } = await setupRecurring()
        const current = view.commits.at(-1)!
        await ok('/v2/contracts/commits/edit', {
          customer_id: customer,
          commit_id: current.id,
          name: 'Bigger month',
          access_schedule: {
            update_schedule_items: [{ id: segmentOf(current).id, amount: 250 }],
          },
        })
        const credit = view.credits[1]!
        await ok('/v2/contracts/credits/archive', { customer_id: customer, credit_id: credit.id })
        const after = await get()
        const edited = after.commits.find((each) => each.id === current.id)!
        assert.equal(edited.name, 'Bigger month')
        assert.equal(segmentOf(edited).amount, 250)
        assert.equal(edited.balance, 250)
        assert.equal(edited.recurring_commit_id, view.recurring_commits[0]!.id)
        assert.deepEqual(
          after.commits.filter((each) => each.id !== current.id),
          view.commits.filter((each) => each.id !== current.id),
          'the other instances are as they were',
        )
        const archived = after.credits.find((each) => each.id === credit.id)!
        assert.ok(archived.archived_at, 'archived_at is shown')
        assert.equal(
          after.credits.filter((each) => each.archived_at !== undefined).length,
          1,
          'only that instance is archived',
        )
        await refused(
          '/v2/contracts/credits/archive',
          { customer_id: customer, credit_id: credit.id },
          /^body\.credit_id names an archived credit/,
        )
        await refused(
          '/v1/contracts/addManualBalanceLedgerEntry',
          {
            customer_id: customer,
            contract_id: contract,
            id: credit.id,
            segment_id: segmentOf(credit).id,
            amount: 1,
            reason: 'r',
          },
          /^body\.id names an archived/,
        )
        // The edits read back through the history (v1 get and the edit history too).
        const v1 = await ok('/v1/contracts/get', { customer_id: customer, contract_id: contract })
        assert.equal(
          (v1.data.current.commits as Balance[]).find((each) => each.id === current.id)!.name,
          'Bigger month',
        )
        const history = await ok('/v2/contracts/getEditHistory', {
          customer_id: customer,
          contract_id: contract,
        })
        assert.equal(history.data.length, 2)
        assert.deepEqual(await auditActions(t, { type: 'contract', id: contract }), [
          'contract.create',
          'contract.commit.edit',
          'contract.credit.archive',
        ])
      })

      test('an instance that has not started yet, or an unknown id, is a 400 with nothing written', async () => {
        const { customer, contract, view } = await setupRecurring()
        const count = await historyLength(contract)
        const commitLater = recurringInstanceId(view.recurring_commits[0]!.id, 120, 'balance')
        const creditLater = recurringInstanceId(view.recurring_credits[0]!.id, 120, 'balance')
        for (const id of [commitLater, randomUUID()]) {
          await refused(
            '/v2/contracts/commits/edit',
            { customer_id: customer, commit_id: id, name: 'x' },
            /^body\.commit_id names no commit/,
          )
          await refused(
            '/v2/contracts/commits/archive',
            { customer_id: customer, commit_id: id },
            /^body\.commit_id names no commit/,
          )
          await refused(
            '/v1/contracts/addManualBalanceLedgerEntry',
            {
              customer_id: customer,
              contract_id: contract,
              id,
              segment_id: recurringInstanceId(view.recurring_commits[0]!.id, 120, 'segment'),
              amount: 1,
              reason: 'r',
            },
            /^body\.id names no commit or credit of contract/,
          )
        }
        await refused(
          '/v2/contracts/credits/archive',
          { customer_id: customer, credit_id: creditLater },
          /^body\.credit_id names no credit/,
        )
        // A commit instance's id is no credit.
        await refused(
          '/v2/contracts/credits/edit',
          { customer_id: customer, credit_id: view.commits[0]!.id, name: 'x' },
          /^body\.credit_id names no credit/,
        )
        await refused(
          '/v2/contracts/commits/edit',
          {
            customer_id: customer,
            commit_id: view.commits[0]!.id,
            access_schedule: { update_schedule_items: [{ id: randomUUID(), amount: 1 }] },
          },
          /^body\.access_schedule\.update_schedule_items\[0\]\.id names no schedule item/,
        )
        assert.equal(await historyLength(contract), count)
      })
    })
  })
}
