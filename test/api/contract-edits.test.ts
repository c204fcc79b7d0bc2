/**
 * Contract edits through the HTTP edge: v2 edit (adds, updates, archives, removals, end date,
 * name), getEditHistory, v1 amend (shown in `amendments` and `current`), commit/credit edit,
 * archive and retire; bad requests refused with the field named and nothing written; the edit
 * uniqueness key; `as_of_date` before and after an edit. On both stores.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomUUID } from 'node:crypto'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createCustomerContract, storeProduct } from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

for (const kind of await databaseKinds()) {
  describe(`contract edits API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)
    let fixed: string
    let usage: string

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
      usage = await storeProduct(t, 'USAGE', 'API calls')
    })

    /** A customer with a contract holding one commit, one credit, one charge, one override. */
    const setUp = async () => {
      const { customer, contract, ids } = await createCustomerContract(t, {
        starting_at: START,
        ending_before: END,
        name: 'Original',
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [
                { amount: 1000, starting_at: START, ending_before: MID },
                { amount: 500, starting_at: MID, ending_before: END },
              ],
            },
            invoice_schedule: { schedule_items: [{ timestamp: START, amount: 900 }] },
          },
        ],
        credits: [
          {
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
            },
          },
        ],
        scheduled_charges: [
          {
            product_id: fixed,
            schedule: { schedule_items: [{ timestamp: START, amount: 50 }] },
          },
        ],
        overrides: [{ product_id: usage, starting_at: START, type: 'MULTIPLIER', multiplier: 0.9 }],
      })
      const v2 = async (extra: Record<string, unknown> = {}) =>
        (await ok('/v2/contracts/get', { ...ids, ...extra })).data
      const terms = await v2()
      return { customer, contract, ids, v2, terms }
    }

    const editCount = async (ids: object) =>
      (await ok('/v2/contracts/getEditHistory', ids)).data.length as number

    test('v2 edit adds, updates, archives and removes terms, renames and moves the end', async () => {
      const { ids, v2, terms } = await setUp()
      const commit = terms.commits[0]
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      const edited = await ok('/v2/contracts/edit', {
        ...ids,
        uniqueness_key: 'edit-1',
        update_contract_name: 'Renamed',
        update_contract_end_date: '2026-06-01T00:00:00.000Z',
        update_net_payment_terms_days: 45,
        add_commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            name: 'Top-up',
            access_schedule: {
              schedule_items: [{ amount: 300, starting_at: MID, ending_before: END }],
            },
          },
        ],
        add_credits: [
          {
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 20, starting_at: START, ending_before: END }],
            },
          },
        ],
        add_scheduled_charges: [
          { product_id: fixed, schedule: { schedule_items: [{ timestamp: MID, amount: 70 }] } },
        ],
        add_overrides: [
          {
            starting_at: MID,
            type: 'OVERWRITE',
            product_id: usage,
            overwrite_rate: { rate_type: 'FLAT', price: 3 },
          },
        ],
        update_commits: [
          {
            commit_id: commit.id,
            name: 'Prepaid (edited)',
            access_schedule: {
              update_schedule_items: [
                { id: commit.access_schedule.schedule_items[1].id, amount: 700 },
              ],
              add_schedule_items: [
                { amount: 50, starting_at: END, ending_before: '2026-06-01T00:00:00.000Z' },
              ],
            },
            invoice_schedule: {
              update_schedule_items: [
                { id: commit.invoice_schedule.schedule_items[0].id, unit_price: 100, quantity: 10 },
              ],
            },
          },
        ],
        archive_credits: [{ id: terms.credits[0].id }],
        archive_scheduled_charges: [{ id: terms.scheduled_charges[0].id }],
        remove_overrides: [{ id: terms.overrides[0].id }],
      })
      assert.equal(typeof edited.data.id, 'string')
      assert.equal(edited.data.edit.id, edited.data.id)

      const now = await v2()
      assert.equal(now.name, 'Renamed')
      assert.equal(now.ending_before, '2026-06-01T00:00:00.000Z')
      assert.equal(now.net_payment_terms_days, 45)
      assert.equal(now.commits.length, 2)
      const updated = now.commits.find((c: { id: string }) => c.id === commit.id)
      assert.equal(updated.name, 'Prepaid (edited)')
      assert.deepEqual(
        updated.access_schedule.schedule_items.map((s: { amount: number }) => s.amount),
        [1000, 700, 50],
      )
      assert.equal(updated.invoice_schedule.schedule_items[0].amount, 1000)
      assert.equal(now.commits[1].name, 'Top-up')
      assert.ok(now.credits.find((c: { id: string }) => c.id === terms.credits[0].id).archived_at)
      assert.equal(now.credits.length, 2)
      assert.ok(now.scheduled_charges[0].archived_at)
      assert.equal(now.scheduled_charges.length, 2)
      assert.deepEqual(
        now.overrides.map((o: { type: string }) => o.type),
        ['OVERWRITE'],
      )

      // as_of_date before the edit shows the contract without it; after, with it.
      const then = await v2({ as_of_date: beforeEdit })
      assert.equal(then.name, 'Original')
      assert.equal(then.commits.length, 1)
      assert.equal(then.overrides.length, 1)
      assert.equal((await v2({ as_of_date: new Date().toISOString() })).name, 'Renamed')

      const history = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.equal(history.length, 1)
      const [entry] = history
      assert.equal(entry.id, edited.data.id)
      assert.equal(entry.uniqueness_key, 'edit-1')
      assert.equal(entry.update_contract_name, 'Renamed')
      assert.equal(entry.add_commits[0].name, 'Top-up')
      assert.equal(entry.add_commits[0].product.name, 'Platform fee')
      assert.equal(entry.update_commits[0].id, commit.id)
      assert.equal(entry.update_commits[0].access_schedule.update_schedule_items[0].amount, 700)
      assert.deepEqual(entry.archive_credits, [{ id: terms.credits[0].id }])
      assert.deepEqual(entry.remove_overrides, [{ id: terms.overrides[0].id }])

      // The same uniqueness key again: 409, nothing written.
      const again = await call('/v2/contracts/edit', { ...ids, uniqueness_key: 'edit-1' })
      assert.equal(again.status, 409, JSON.stringify(again.body))
      assert.equal(await editCount(ids), 1)
    })

    test('bad edits answer 400 naming the field, and write nothing', async () => {
      const { ids, terms } = await setUp()
      const commit = terms.commits[0]
      const cases: [Record<string, unknown>, string][] = [
        [{ update_commits: [{ commit_id: randomUUID() }] }, 'body.update_commits[0].commit_id'],
        [
          {
            update_commits: [
              {
                commit_id: commit.id,
                access_schedule: { update_schedule_items: [{ id: randomUUID(), amount: 1 }] },
              },
            ],
          },
          'body.update_commits[0].access_schedule.update_schedule_items[0].id',
        ],
        [
          {
            update_commits: [
              {
                commit_id: commit.id,
                access_schedule: {
                  update_schedule_items: [
                    { id: commit.access_schedule.schedule_items[0].id, amount: 5 },
                    { id: commit.access_schedule.schedule_items[1].id, amount: -5 },
                  ],
                },
              },
            ],
          },
          'body.update_commits[0].access_schedule.update_schedule_items[1].amount',
        ],
        [{ archive_commits: [{ id: randomUUID() }] }, 'body.archive_commits[0].id'],
        [{ remove_overrides: [{ id: randomUUID() }] }, 'body.remove_overrides[0].id'],
        [
          { archive_scheduled_charges: [{ id: randomUUID() }] },
          'body.archive_scheduled_charges[0].id',
        ],
        [
          {
            add_commits: [
              {
                type: 'PREPAID',
                product_id: randomUUID(),
                access_schedule: {
                  schedule_items: [{ amount: 1, starting_at: START, ending_before: END }],
                },
              },
            ],
          },
          'body.add_commits[0].product_id',
        ],
        [
          {
            add_scheduled_charges: [
              {
                product_id: usage,
                schedule: { schedule_items: [{ timestamp: START, amount: 1 }] },
              },
            ],
          },
          'body.add_scheduled_charges[0].product_id',
        ],
        [{ update_contract_end_date: '2024-01-01T00:00:00.000Z' }, 'body.update_contract_end_date'],
        [
          {
            add_overrides: [
              {
                starting_at: START,
                type: 'MULTIPLIER',
                multiplier: 2,
                is_commit_specific: true,
                override_specifiers: [{ product_id: usage, commit_ids: [randomUUID()] }],
              },
            ],
          },
          'body.add_overrides[0].override_specifiers[0].commit_ids[0]',
        ],
        [
          { update_subscriptions: [{ subscription_id: randomUUID() }] },
          'body.update_subscriptions[0].subscription_id',
        ],
      ]
      for (const [payload, field] of cases) {
        const answer = await call('/v2/contracts/edit', { ...ids, ...payload })
        assert.equal(answer.status, 400, `${field}: ${JSON.stringify(answer.body)}`)
        assert.match(answer.body.message, new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `))
      }
      assert.equal(await editCount(ids), 0)
      const unknown = await call('/v2/contracts/edit', { ...ids, contract_id: randomUUID() })
      assert.equal(unknown.status, 400)
      assert.match(unknown.body.message, /Contract .* not found/)
    })

    test('v1 amend: shown in amendments, in current, not in initial', async () => {
      const { ids } = await setUp()
      const amended = await ok('/v1/contracts/amend', {
        ...ids,
        starting_at: MID,
        salesforce_opportunity_id: 'OPP-2',
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            name: 'Amended commit',
            access_schedule: {
              schedule_items: [{ amount: 200, starting_at: MID, ending_before: END }],
            },
          },
        ],
        scheduled_charges: [
          { product_id: fixed, schedule: { schedule_items: [{ timestamp: MID, amount: 5 }] } },
        ],
        overrides: [{ product_id: usage, starting_at: MID, type: 'MULTIPLIER', multiplier: 0.5 }],
      })
      const v1 = (await ok('/v1/contracts/get', ids)).data
      assert.equal(v1.amendments.length, 1)
      const [amendment] = v1.amendments
      assert.equal(amendment.id, amended.data.id)
      assert.equal(amendment.starting_at, MID)
      assert.equal(amendment.salesforce_opportunity_id, 'OPP-2')
      assert.equal(amendment.commits[0].name, 'Amended commit')
      assert.equal(amendment.scheduled_charges.length, 1)
      assert.equal(amendment.overrides.length, 1)
      assert.equal(v1.initial.commits.length, 1)
      assert.equal(v1.current.commits.length, 2)
      assert.equal(v1.current.overrides.length, 2)
      assert.equal(v1.current.scheduled_charges.length, 2)

      const history = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.equal(history[0].add_commits[0].name, 'Amended commit')

      const bad = await call('/v1/contracts/amend', {
        ...ids,
        starting_at: '2024-01-01T00:00:00.000Z',
        commits: [{ type: 'PREPAID', product_id: usage }],
      })
      assert.equal(bad.status, 400)
      assert.match(bad.body.message, /^body\.(starting_at|commits\[0\])/)
      assert.equal(await editCount(ids), 1)
    })

    test('commits/edit, credits/edit, archive and retire', async () => {
      const { ids, customer, v2, terms } = await setUp()
      const commit = terms.commits[0]
      const credit = terms.credits[0]
      await ok('/v2/contracts/commits/edit', {
        customer_id: customer,
        commit_id: commit.id,
        priority: 5,
        access_schedule: {
          remove_schedule_items: [{ id: commit.access_schedule.schedule_items[1].id }],
        },
        invoice_schedule: { add_schedule_items: [{ timestamp: MID, amount: 10 }] },
      })
      await ok('/v2/contracts/credits/edit', {
        customer_id: customer,
        credit_id: credit.id,
        name: 'Renamed credit',
        applicable_product_ids: [usage],
      })
      let now = await v2()
      assert.equal(now.commits[0].priority, 5)
      assert.equal(now.commits[0].access_schedule.schedule_items.length, 1)
      assert.equal(now.commits[0].invoice_schedule.schedule_items.length, 2)
      assert.equal(now.credits[0].name, 'Renamed credit')
      assert.deepEqual(now.credits[0].applicable_product_ids, [usage])

      const badEdit = await call('/v2/contracts/commits/edit', {
        customer_id: customer,
        commit_id: commit.id,
        access_schedule: {
          update_schedule_items: [{ id: commit.access_schedule.schedule_items[1].id, amount: 1 }],
        },
      })
      assert.equal(badEdit.status, 400)
      assert.match(badEdit.body.message, /^body\.access_schedule\.update_schedule_items\[0\]\.id /)
      const unknownCommit = await call('/v2/contracts/commits/edit', {
        customer_id: customer,
        commit_id: randomUUID(),
      })
      assert.equal(unknownCommit.status, 400)
      assert.match(unknownCommit.body.message, /^body\.commit_id /)

      await ok('/v2/contracts/credits/archive', { customer_id: customer, credit_id: credit.id })
      await ok('/v2/contracts/commits/archive', { customer_id: customer, commit_id: commit.id })
      now = await v2()
      assert.ok(now.commits[0].archived_at)
      assert.ok(now.credits[0].archived_at)
      const twice = await call('/v2/contracts/commits/archive', {
        customer_id: customer,
        commit_id: commit.id,
      })
      assert.equal(twice.status, 400)

      // The archived commit's segments have all ended and it has nothing left: retired; an
      // unknown id: skipped.
      const unknown = randomUUID()
      const retired = await ok('/v2/contracts/commits/retire', {
        ...ids,
        commit_ids: [commit.id, unknown],
      })
      assert.deepEqual(retired.data.retired_commit_ids, [commit.id])
      assert.deepEqual(retired.data.skipped_reasons, [
        { commit_id: unknown, reason: 'COMMIT_NOT_FOUND' },
      ])
      assert.equal((await v2()).commits.length, 0)
      const history = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(
        history.map((entry: Record<string, unknown>) =>
          Object.keys(entry).filter((key) => key !== 'id' && key !== 'timestamp'),
        ),
        [['update_commits'], ['update_credits'], ['archive_credits'], ['archive_commits']],
      )
    })

    test('a fully used, ended commit is retired and leaves the contract', async () => {
      const { ids } = await createCustomerContract(t, {
        starting_at: '2020-01-01T00:00:00.000Z',
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [
                {
                  amount: 0,
                  starting_at: '2020-01-01T00:00:00.000Z',
                  ending_before: '2020-02-01T00:00:00.000Z',
                },
              ],
            },
          },
        ],
      })
      const commitId = (await ok('/v2/contracts/get', ids)).data.commits[0].id
      const dry = await ok('/v2/contracts/commits/retire', {
        ...ids,
        commit_ids: [commitId],
        dry_run: true,
      })
      assert.deepEqual(dry.data.retired_commit_ids, [commitId])
      assert.equal((await ok('/v2/contracts/get', ids)).data.commits.length, 1)
      const retired = await ok('/v2/contracts/commits/retire', {
        ...ids,
        commit_ids: [commitId],
      })
      assert.equal(retired.data.retired_count, 1)
      assert.equal((await ok('/v2/contracts/get', ids)).data.commits.length, 0)
    })
  })
}
