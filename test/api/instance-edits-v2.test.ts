/**
 * The v2 `edit` operation's update_commits / update_credits / archive_commits /
 * archive_credits naming a recurring instance, and archiving a whole contract with recurring
 * instances, through the API on both stores (decision 0014, rules 8 and 9): what v1/v2 get, the
 * ledgers, getEditHistory and `as_of_date` show, and bad requests refused with the field named
 * and nothing written. The server clock is the system clock: the contracts start on
 * 2026-01-01, so the instances from January to the current month have started, and an
 * instance ten years on has not.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomUUID } from 'node:crypto'
import {
  contractBalancesAt,
  recurringInstanceId,
} from '../../src/app/contracts/contract-balances.js'
import { contractAsOf, currentContract } from '../../src/domain/contracts/contract.js'
import { databaseKinds } from '../support/databases.js'
import { auditActions, jsonCalls, useTestApp } from '../support/app.js'
import { monthlyRecurringContract } from '../support/contract-terms.js'
import { createContract, createCustomer, createProduct } from '../support/contract-fixtures.js'

const START = '2026-01-01T00:00:00.000Z'

interface Entry {
  type: string
  amount: number
  timestamp: string
}
interface Balance {
  id: string
  name?: string
  priority?: number
  balance?: number
  ledger?: Entry[]
  archived_at?: string
  access_schedule: { schedule_items: Array<{ id: string; amount: number }> }
  recurring_commit_id?: string
  recurring_credit_id?: string
}
interface View {
  archived_at?: string
  commits: Balance[]
  credits: Balance[]
  recurring_commits: { id: string }[]
  recurring_credits: { id: string }[]
}

for (const kind of await databaseKinds()) {
  describe(`v2 edit and contract archive of recurring instances on ${kind}`, () => {
    const t = useTestApp(kind)
    const { ok, refused } = jsonCalls(t)

    const segmentOf = (balance: Balance) => balance.access_schedule.schedule_items[0]!
    const ledgerOf = (balance: Balance) =>
      (balance.ledger ?? []).map((entry) => [entry.type, entry.amount])

    /** A contract from START with a monthly recurring commit and credit of 100 each. */
    const setup = async () => {
      const customer = await createCustomer(t)
      const fixed = await createProduct(t, 'FIXED', 'Pool')
      const contract = await createContract(
        t,
        monthlyRecurringContract({ customerId: customer, productId: fixed, startingAt: START }),
      )
      const ids = { customer_id: customer, contract_id: contract }
      const get = async (extra: Record<string, unknown> = {}) =>
        (
          await ok('/v2/contracts/get', {
            ...ids,
            ...(extra['as_of_date'] ? {} : { include_ledgers: true, include_balance: true }),
            ...extra,
          })
        ).data as View
      const view = await get()
      assert.ok(view.commits.length >= 2, 'instances from January to now')
      const later = (what: 'commits' | 'credits') =>
        recurringInstanceId(view[`recurring_${what}`][0]!.id, 120, 'balance')
      const historyLength = async () =>
        (await t.app.store.findContractHistory(t.clientId, contract))!.edits.length
      return { customer, contract, ids, get, view, later, historyLength }
    }

    test('update_commits changes an instance, archive_credits archives one: get, history, as_of_date', async () => {
      const { contract, ids, get, view } = await setup()
      const current = view.commits.at(-1)!
      const february = view.commits[1]!
      const currentCredit = view.credits.at(-1)!
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      const edited = await ok('/v2/contracts/edit', {
        ...ids,
        update_commits: [
          {
            commit_id: current.id,
            name: 'Bigger month',
            access_schedule: {
              update_schedule_items: [{ id: segmentOf(current).id, amount: 250 }],
            },
          },
        ],
        update_credits: [{ credit_id: view.credits[0]!.id, priority: 5 }],
        archive_credits: [{ id: currentCredit.id }],
        archive_commits: [{ id: february.id }],
      })
      assert.deepEqual(edited.data.edit.update_commits[0].id, current.id)
      assert.deepEqual(edited.data.edit.archive_credits, [{ id: currentCredit.id }])

      const now = await get()
      const shown = now.commits.find((each) => each.id === current.id)!
      assert.equal(shown.name, 'Bigger month')
      assert.equal(segmentOf(shown).amount, 250)
      assert.equal(shown.balance, 250)
      assert.deepEqual(ledgerOf(shown), [['PREPAID_COMMIT_SEGMENT_START', 250]])
      assert.equal(shown.recurring_commit_id, view.recurring_commits[0]!.id)
      const archivedCredit = now.credits.find((each) => each.id === currentCredit.id)!
      assert.ok(archivedCredit.archived_at, 'archived_at is shown')
      assert.deepEqual(ledgerOf(archivedCredit), [
        ['CREDIT_SEGMENT_START', 100],
        ['CREDIT_EXPIRATION', -100],
      ])
      assert.equal(archivedCredit.balance, 0)
      assert.ok(now.commits.find((each) => each.id === february.id)!.archived_at)
      assert.equal(now.credits[0]!.priority, 5)
      const untouched = (list: Balance[], changed: string[]) =>
        list.filter((each) => !changed.includes(each.id))
      assert.deepEqual(
        untouched(now.commits, [current.id, february.id]),
        untouched(view.commits, [current.id, february.id]),
        'the other instances are as they were',
      )

      // v1 get reads the same history.
      const v1 = await ok('/v1/contracts/get', ids)
      const v1Current = (v1.data.current.commits as Balance[]).find((c) => c.id === current.id)!
      assert.equal(v1Current.name, 'Bigger month')
      assert.equal(segmentOf(v1Current).amount, 250)

      // as_of_date before the edit shows the instances as they were.
      const then = await get({ as_of_date: beforeEdit })
      const old = then.commits.find((each) => each.id === current.id)!
      assert.equal(old.name, undefined)
      assert.equal(segmentOf(old).amount, 100)
      assert.equal(
        then.credits.find((each) => each.id === currentCredit.id)!.archived_at,
        undefined,
      )
      assert.equal(then.commits.find((each) => each.id === february.id)!.archived_at, undefined)

      const history = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.equal(history.length, 1)
      const [entry] = history
      assert.equal(entry.id, edited.data.id)
      assert.equal(entry.update_commits[0].id, current.id)
      assert.equal(entry.update_commits[0].name, 'Bigger month')
      assert.deepEqual(entry.update_commits[0].access_schedule.update_schedule_items, [
        { id: segmentOf(current).id, amount: 250 },
      ])
      assert.deepEqual(entry.update_credits, [{ id: view.credits[0]!.id, priority: 5 }])
      assert.deepEqual(entry.archive_commits, [{ id: february.id }])
      assert.deepEqual(entry.archive_credits, [{ id: currentCredit.id }])
      assert.deepEqual(await auditActions(t, { type: 'contract', id: contract }), [
        'contract.create',
        'contract.edit',
      ])
    })

    test('an instance not started, an id that is nothing, and the update rules: 400s, nothing written', async () => {
      const { ids, get, view, later, historyLength } = await setup()
      const current = view.commits.at(-1)!
      const count = await historyLength()
      const cases: [string, Record<string, unknown>, RegExp][] = [
        [
          'update_commits: not started yet',
          { update_commits: [{ commit_id: later('commits'), name: 'x' }] },
          /^body\.update_commits\[0\]\.commit_id names no commit of this contract .*a recurring instance exists once its access has started/,
        ],
        [
          'update_credits: nothing',
          { update_credits: [{ credit_id: randomUUID(), priority: 2 }] },
          /^body\.update_credits\[0\]\.credit_id names no credit of this contract/,
        ],
        [
          'archive_commits: not started yet',
          { archive_commits: [{ id: later('commits') }] },
          /^body\.archive_commits\[0\]\.id names no commit of this contract/,
        ],
        [
          'archive_credits: not started yet',
          { archive_credits: [{ id: later('credits') }] },
          /^body\.archive_credits\[0\]\.id names no credit of this contract/,
        ],
        [
          'a commit instance named as a credit',
          { archive_credits: [{ id: current.id }] },
          /^body\.archive_credits\[0\]\.id names no credit of this contract/,
        ],
        [
          'a segment of no segment of the instance',
          {
            update_commits: [
              {
                commit_id: current.id,
                access_schedule: { update_schedule_items: [{ id: randomUUID(), amount: 1 }] },
              },
            ],
          },
          /^body\.update_commits\[0\]\.access_schedule\.update_schedule_items\[0\]\.id names no schedule item/,
        ],
        [
          'removing the only segment',
          {
            update_commits: [
              {
                commit_id: current.id,
                access_schedule: { remove_schedule_items: [{ id: segmentOf(current).id }] },
              },
            ],
          },
          /^body\.update_commits\[0\]\.access_schedule\.remove_schedule_items cannot remove every schedule item/,
        ],
        [
          'updated and archived in one request',
          {
            update_commits: [{ commit_id: current.id, name: 'x' }],
            archive_commits: [{ id: current.id }],
          },
          /^body\.update_commits\[0\]\.commit_id is also archived in this request/,
        ],
      ]
      for (const [name, change, message] of cases) {
        await refused('/v2/contracts/edit', { ...ids, ...change }, message)
        assert.equal(await historyLength(), count, name)
      }
      assert.deepEqual(await get(), view, 'nothing changed')

      // An archived instance takes no update and no second archive.
      await ok('/v2/contracts/edit', { ...ids, archive_commits: [{ id: current.id }] })
      await refused(
        '/v2/contracts/edit',
        { ...ids, update_commits: [{ commit_id: current.id, name: 'x' }] },
        /^body\.update_commits\[0\] names an archived commit/,
      )
      await refused(
        '/v2/contracts/edit',
        { ...ids, archive_commits: [{ id: current.id }] },
        /^body\.archive_commits\[0\]\.id names an archived commit/,
      )
      assert.equal(await historyLength(), count + 1)
    })

    test('archiving the contract archives its started instances; ledgers close; none starts later', async () => {
      const { contract, ids, get, view } = await setup()
      const currentCredit = view.credits.at(-1)!
      await ok('/v2/contracts/edit', { ...ids, archive_credits: [{ id: currentCredit.id }] })
      const creditArchivedAt = (await get()).credits.at(-1)!.archived_at!
      await sleep(5)
      await ok('/v1/contracts/archive', { ...ids, void_invoices: false })
      const now = await get()
      assert.ok(now.archived_at, 'the contract is archived')
      const idsOf = (list: readonly { id: string }[]) => list.map((each) => each.id)
      assert.deepEqual(idsOf(now.commits), idsOf(view.commits), 'the same instances, none added')
      assert.deepEqual(idsOf(now.credits), idsOf(view.credits))
      for (const each of now.commits) assert.equal(each.archived_at, now.archived_at, each.id)
      for (const each of now.credits.slice(0, -1)) {
        assert.equal(each.archived_at, now.archived_at, each.id)
      }
      assert.equal(now.credits.at(-1)!.archived_at, creditArchivedAt, 'an earlier archive stands')
      assert.notEqual(creditArchivedAt, now.archived_at)

      // The current month's prepaid ledger closes at the archive; January's had expired.
      const current = now.commits.at(-1)!
      assert.deepEqual(ledgerOf(current), [
        ['PREPAID_COMMIT_SEGMENT_START', 100],
        ['PREPAID_COMMIT_EXPIRATION', -100],
      ])
      assert.equal(current.ledger!.at(-1)!.timestamp, now.archived_at)
      assert.equal(current.balance, 0)
      assert.deepEqual(
        now.commits[0]!.ledger!.map((entry) => [entry.type, entry.timestamp]),
        [
          ['PREPAID_COMMIT_SEGMENT_START', START],
          ['PREPAID_COMMIT_EXPIRATION', '2026-02-01T00:00:00.000Z'],
        ],
      )
      const v1 = await ok('/v1/contracts/get', ids)
      const v1Current = (v1.data.current.commits as Balance[]).find((c) => c.id === current.id)!
      assert.equal(v1Current.archived_at, now.archived_at)

      // Months on, no instance starts on the archived contract; unarchived, they would.
      const history = (await t.app.store.findContractHistory(t.clientId, contract))!
      const farLater = new Date('2027-06-01T00:00:00.000Z')
      assert.deepEqual(
        idsOf(contractBalancesAt(currentContract(history), farLater).commits),
        idsOf(view.commits),
      )
      const unarchived = contractAsOf(history, new Date(Date.parse(now.archived_at!) - 1))!
      assert.ok(contractBalancesAt(unarchived, farLater).commits.length > view.commits.length)

      // The archived contract's instances take no more edits.
      await refused(
        '/v2/contracts/commits/edit',
        { customer_id: ids.customer_id, commit_id: current.id, name: 'x' },
        /^body\.commit_id names an archived commit/,
      )
      await refused(
        '/v2/contracts/edit',
        { ...ids, update_commits: [{ commit_id: current.id, name: 'x' }] },
        /^body\.contract_id names an archived contract/,
      )
    })
  })
}
