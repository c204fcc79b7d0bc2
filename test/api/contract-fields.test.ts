/**
 * Contract fields accepted late (decisions 0009, 0013): specifier `exclude` on commits, credits,
 * recurring terms and overrides (stored, shown by v1/v2 get and the edit history, honoured by
 * getContractRateSchedule); `access_schedule.access_type: QUANTITY` (stored with the balance;
 * no response schema has the field); v2 edit `update_contract_end_date: null`; and
 * `proration_rounding` in `update_recurring_commits` / `update_recurring_credits`. Bad values
 * answer 400 naming the field and write nothing. On both stores.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { currentContract } from '../../src/domain/contracts/contract.js'
import { USD_CENTS_CREDIT_TYPE_ID as USD } from '../../src/domain/pricing/credit-type.js'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import {
  addFlatRate,
  createCustomer,
  createCustomerContract,
  createRateCard,
  storeProduct,
} from '../support/contract-fixtures.js'

const START = '2030-01-01T00:00:00.000Z'
const MID = '2030-07-01T00:00:00.000Z'
const END = '2031-01-01T00:00:00.000Z'

for (const kind of await databaseKinds()) {
  describe(`contract fields API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { ok, refused: refusedMatching } = jsonCalls(t)
    let fixed: string
    /** Tagged [ai, beta]. */
    let beta: string
    /** Tagged [ai]. */
    let stable: string
    let rateCardId: string

    /** Refused with the field's path (its dots and brackets taken literally) in the message. */
    const refused = (path: string, payload: unknown, field: string) =>
      refusedMatching(path, payload, new RegExp(field.replace(/[[\].]/g, '\\$&')))

    const history = async (contractId: string) =>
      (await t.app.store.findContractHistory(t.clientId, contractId))!
    const contractCount = async (customerId: string) =>
      (await ok('/v2/contracts/list', { customer_id: customerId })).data.length as number

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
      beta = await storeProduct(t, 'USAGE', 'Beta model', ['ai', 'beta'])
      stable = await storeProduct(t, 'USAGE', 'Stable model', ['ai'])
      rateCardId = await createRateCard(t)
      for (const productId of [beta, stable]) {
        await addFlatRate(t, {
          rateCardId,
          productId,
          price: 10,
          startingAt: '2029-01-01T00:00:00.000Z',
        })
      }
    })

    const access = (amount: number, extra: Record<string, unknown> = {}) => ({
      ...extra,
      schedule_items: [{ amount, starting_at: START, ending_before: END }],
    })
    const recurring = (extra: Record<string, unknown> = {}) => ({
      product_id: fixed,
      priority: 1,
      starting_at: START,
      access_amount: { unit_price: 1000, quantity: 1, credit_type_id: USD },
      commit_duration: { value: 1, unit: 'PERIODS' },
      ...extra,
    })
    const notBeta = [{ product_tags: ['beta'] }]

    test('exclude: stored, shown by v1 and v2 get, changed by an edit, as_of shows the old', async () => {
      const { contract, ids } = await createCustomerContract(t, {
        rate_card_id: rateCardId,
        starting_at: START,
        ending_before: END,
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(1000),
            specifiers: [{ product_tags: ['ai'], exclude: notBeta }],
          },
        ],
        credits: [
          {
            product_id: fixed,
            access_schedule: access(100),
            specifiers: [{ exclude: [{ product_tags: ['ai', 'beta'] }] }],
          },
        ],
        recurring_commits: [recurring({ specifiers: [{ product_id: stable, exclude: notBeta }] })],
        recurring_credits: [recurring({ specifiers: [{ product_tags: ['ai'], exclude: [] }] })],
        overrides: [
          {
            starting_at: START,
            type: 'MULTIPLIER',
            multiplier: 0.5,
            override_specifiers: [{ product_tags: ['ai'], exclude: notBeta }],
          },
        ],
      })
      const v1 = (await ok('/v1/contracts/get', ids)).data
      for (const view of [v1.initial, v1.current]) {
        assert.deepEqual(view.commits[0].specifiers, [{ product_tags: ['ai'], exclude: notBeta }])
        assert.deepEqual(view.credits[0].specifiers, [
          { exclude: [{ product_tags: ['ai', 'beta'] }] },
        ])
        assert.deepEqual(view.recurring_commits[0].specifiers, [
          { product_id: stable, exclude: notBeta },
        ])
        assert.deepEqual(view.recurring_credits[0].specifiers, [
          { product_tags: ['ai'], exclude: [] },
        ])
        assert.deepEqual(view.overrides[0].override_specifiers, [
          { product_tags: ['ai'], exclude: notBeta },
        ])
      }
      const v2 = (await ok('/v2/contracts/get', ids)).data
      assert.deepEqual(v2.commits[0].specifiers, [{ product_tags: ['ai'], exclude: notBeta }])
      assert.deepEqual(v2.overrides[0].override_specifiers, [
        { product_tags: ['ai'], exclude: notBeta },
      ])

      // An edit changes the commit's exclusion and adds an override with one.
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      const nowExcluded = [{ product_tags: ['ai', 'beta'] }, { product_tags: ['legacy'] }]
      const edited = await ok('/v2/contracts/edit', {
        ...ids,
        update_commits: [
          {
            commit_id: v2.commits[0].id,
            specifiers: [{ product_tags: ['ai'], exclude: nowExcluded }],
          },
        ],
        add_overrides: [
          {
            starting_at: MID,
            type: 'MULTIPLIER',
            multiplier: 0.8,
            override_specifiers: [{ product_id: stable, exclude: notBeta }],
          },
        ],
      })
      assert.ok(edited.data.id)
      const after = (await ok('/v2/contracts/get', ids)).data
      assert.deepEqual(after.commits[0].specifiers, [
        { product_tags: ['ai'], exclude: nowExcluded },
      ])
      assert.deepEqual(after.overrides[1].override_specifiers, [
        { product_id: stable, exclude: notBeta },
      ])
      const then = (await ok('/v2/contracts/get', { ...ids, as_of_date: beforeEdit })).data
      assert.deepEqual(then.commits[0].specifiers, [{ product_tags: ['ai'], exclude: notBeta }])
      assert.equal(then.overrides.length, 1)
      const [edit] = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(edit.update_commits[0].specifiers, [
        { product_tags: ['ai'], exclude: nowExcluded },
      ])
      assert.deepEqual(edit.add_overrides[0].override_specifiers, [
        { product_id: stable, exclude: notBeta },
      ])
      // The stored commit carries the domain's form.
      const terms = currentContract(await history(contract))
      assert.deepEqual(terms.commits[0]!.specifiers, [
        {
          productTags: ['ai'],
          exclude: [{ productTags: ['ai', 'beta'] }, { productTags: ['legacy'] }],
        },
      ])
    })

    test('exclude: getContractRateSchedule leaves excluded products at the list rate', async () => {
      const { customer, contract } = await createCustomerContract(t, {
        rate_card_id: rateCardId,
        starting_at: START,
        overrides: [
          {
            starting_at: START,
            type: 'MULTIPLIER',
            multiplier: 0.5,
            override_specifiers: [{ product_tags: ['ai'], exclude: notBeta }],
          },
        ],
      })
      const rows = (
        await ok('/v1/contracts/getContractRateSchedule', {
          customer_id: customer,
          contract_id: contract,
          at: MID,
        })
      ).data as { product_id: string; list_rate: { price: number }; override_rate?: unknown }[]
      const byProduct = new Map(rows.map((row) => [row.product_id, row]))
      assert.equal(byProduct.get(beta)!.override_rate, undefined)
      assert.equal(byProduct.get(beta)!.list_rate.price, 10)
      assert.deepEqual(byProduct.get(stable)!.override_rate, {
        rate_type: 'FLAT',
        price: 5,
        credit_type: { id: USD, name: 'USD (cents)' },
      })
    })

    test('exclude: an entry with no criteria is refused naming it; nothing is written', async () => {
      const customer = await createCustomer(t)
      const base = { customer_id: customer, starting_at: START }
      const commit = (exclude: unknown) => ({
        type: 'PREPAID',
        product_id: fixed,
        access_schedule: access(10),
        specifiers: [{ product_tags: ['ai'], exclude }],
      })
      await refused(
        '/v1/contracts/create',
        { ...base, commits: [commit([{ product_tags: ['x'] }, {}])] },
        'body.commits[0].specifiers[0].exclude[1]',
      )
      await refused(
        '/v1/contracts/create',
        {
          ...base,
          credits: [
            {
              product_id: fixed,
              access_schedule: access(10),
              specifiers: [{ exclude: [{ product_tags: [] }] }],
            },
          ],
        },
        'body.credits[0].specifiers[0].exclude[0].product_tags',
      )
      await refused(
        '/v1/contracts/create',
        { ...base, recurring_credits: [recurring({ specifiers: [{ exclude: [{}] }] })] },
        'body.recurring_credits[0].specifiers[0].exclude[0]',
      )
      await refused(
        '/v1/contracts/create',
        {
          ...base,
          overrides: [
            {
              starting_at: START,
              type: 'MULTIPLIER',
              multiplier: 0.5,
              override_specifiers: [{ product_tags: ['ai'], exclude: [{}] }],
            },
          ],
        },
        'body.overrides[0].override_specifiers[0].exclude[0]',
      )
      assert.equal(await contractCount(customer), 0)

      const contract = (await ok('/v1/contracts/create', { ...base, commits: [commit(notBeta)] }))
        .data.id as string
      const ids = { customer_id: customer, contract_id: contract }
      const commitId = (await ok('/v2/contracts/get', ids)).data.commits[0].id
      const stored = (await history(contract)).edits.length
      await refused(
        '/v2/contracts/edit',
        {
          ...ids,
          add_overrides: [
            {
              starting_at: START,
              type: 'MULTIPLIER',
              multiplier: 0.5,
              override_specifiers: [{ product_tags: ['ai'], exclude: [{}] }],
            },
          ],
        },
        'body.add_overrides[0].override_specifiers[0].exclude[0]',
      )
      await refused(
        '/v2/contracts/edit',
        { ...ids, add_commits: [commit([{}])] },
        'body.add_commits[0].specifiers[0].exclude[0]',
      )
      await refused(
        '/v2/contracts/edit',
        { ...ids, update_commits: [{ commit_id: commitId, specifiers: [{ exclude: [{}] }] }] },
        'body.update_commits[0].specifiers[0].exclude[0]',
      )
      assert.equal((await history(contract)).edits.length, stored)
    })

    test('access_type QUANTITY: stored with the balance on create and on edit', async () => {
      const { customer, contract, ids } = await createCustomerContract(t, {
        starting_at: START,
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(500, { access_type: 'QUANTITY' }),
          },
          { type: 'PREPAID', product_id: fixed, access_schedule: access(7) },
        ],
        credits: [
          { product_id: fixed, access_schedule: access(50, { access_type: 'QUANTITY' }) },
          { product_id: fixed, access_schedule: access(5, { access_type: 'SPEND' }) },
        ],
      })
      await ok('/v2/contracts/edit', {
        ...ids,
        add_commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(9, { access_type: 'QUANTITY' }),
          },
        ],
      })
      const terms = currentContract(await history(contract))
      assert.deepEqual(
        terms.commits.map((commit) => commit.accessSchedule.accessType),
        ['QUANTITY', undefined, 'QUANTITY'],
      )
      assert.deepEqual(
        terms.credits.map((credit) => credit.accessSchedule.accessType),
        ['QUANTITY', 'SPEND'],
      )
      // The response schemas (ScheduleDuration) have no access_type: the views leave it out.
      const v2 = (await ok('/v2/contracts/get', ids)).data
      assert.equal(v2.commits.length, 3)
      assert.equal(v2.commits[0].access_schedule.access_type, undefined)
      assert.equal(v2.commits[0].access_schedule.schedule_items[0].amount, 500)

      await refused(
        '/v1/contracts/create',
        {
          customer_id: customer,
          starting_at: START,
          credits: [{ product_id: fixed, access_schedule: access(5, { access_type: 'UNITS' }) }],
        },
        'access_type',
      )
    })

    test('update_contract_end_date: null makes the contract open-ended; as_of shows the end', async () => {
      const { contract, ids } = await createCustomerContract(t, {
        starting_at: START,
        ending_before: END,
        commits: [{ type: 'PREPAID', product_id: fixed, access_schedule: access(10) }],
      })
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      await ok('/v2/contracts/edit', { ...ids, update_contract_end_date: null })
      const v2 = (await ok('/v2/contracts/get', ids)).data
      assert.equal(v2.ending_before, undefined)
      // Like extending: the terms are not stretched.
      assert.equal(v2.commits[0].access_schedule.schedule_items[0].ending_before, END)
      assert.equal((await ok('/v1/contracts/get', ids)).data.current.ending_before, undefined)
      const then = (await ok('/v2/contracts/get', { ...ids, as_of_date: beforeEdit })).data
      assert.equal(then.ending_before, END)
      const edits = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.equal(edits.length, 1)
      assert.equal(edits[0].update_contract_end_date, undefined)

      // An end can be set again afterwards; an archived contract takes no edit.
      await ok('/v2/contracts/edit', { ...ids, update_contract_end_date: MID })
      assert.equal((await ok('/v2/contracts/get', ids)).data.ending_before, MID)
      await ok('/v1/contracts/archive', { ...ids, void_invoices: false })
      await refused('/v2/contracts/edit', { ...ids, update_contract_end_date: null }, 'contract_id')
      assert.equal((await history(contract)).edits.filter((e) => e.kind === 'edit').length, 2)
    })

    test('update_recurring_*: proration_rounding is changed, cleared per part, or cleared', async () => {
      const { contract, ids } = await createCustomerContract(t, {
        starting_at: START,
        recurring_commits: [
          recurring({
            invoice_amount: { unit_price: 900, quantity: 1, credit_type_id: USD },
            proration_rounding: {
              access: { decimal_places: 2, rounding_method: 'HALF_UP' },
              invoice: { decimal_places: 0, rounding_method: 'FLOOR' },
            },
          }),
          recurring({
            proration_rounding: { access: { decimal_places: 1, rounding_method: 'FLOOR' } },
          }),
        ],
        recurring_credits: [
          recurring({
            proration_rounding: { access: { decimal_places: 2, rounding_method: 'CEILING' } },
          }),
          recurring(),
        ],
      })
      const initial = (await ok('/v2/contracts/get', ids)).data
      const [commitA, commitB] = initial.recurring_commits
      const [creditA, creditB] = initial.recurring_credits
      const beforeEdit = new Date().toISOString()
      await sleep(5)
      await ok('/v2/contracts/edit', {
        ...ids,
        update_recurring_commits: [
          {
            recurring_commit_id: commitA.id,
            proration_rounding: { access: { decimal_places: -2, rounding_method: 'CEILING' } },
          },
          { recurring_commit_id: commitB.id, proration_rounding: null },
        ],
        update_recurring_credits: [
          { recurring_credit_id: creditA.id, proration_rounding: { access: null } },
          {
            recurring_credit_id: creditB.id,
            proration_rounding: { access: { decimal_places: 0, rounding_method: 'HALF_UP' } },
          },
        ],
      })
      const after = (await ok('/v2/contracts/get', ids)).data
      // The invoice part was not named: it stays.
      assert.deepEqual(after.recurring_commits[0].proration_rounding, {
        access: { decimal_places: -2, rounding_method: 'CEILING' },
        invoice: { decimal_places: 0, rounding_method: 'FLOOR' },
      })
      assert.equal(after.recurring_commits[1].proration_rounding, undefined)
      assert.equal(after.recurring_credits[0].proration_rounding, undefined)
      assert.deepEqual(after.recurring_credits[1].proration_rounding, {
        access: { decimal_places: 0, rounding_method: 'HALF_UP' },
      })
      const v1 = (await ok('/v1/contracts/get', ids)).data
      assert.deepEqual(
        v1.current.recurring_commits[0].proration_rounding,
        after.recurring_commits[0].proration_rounding,
      )
      assert.deepEqual(
        v1.initial.recurring_commits[0].proration_rounding,
        commitA.proration_rounding,
      )
      const then = (await ok('/v2/contracts/get', { ...ids, as_of_date: beforeEdit })).data
      assert.deepEqual(then.recurring_commits, initial.recurring_commits)
      assert.deepEqual(then.recurring_credits, initial.recurring_credits)
      const [edit] = (await ok('/v2/contracts/getEditHistory', ids)).data
      assert.deepEqual(edit.update_recurring_commits[0].proration_rounding, {
        access: { decimal_places: -2, rounding_method: 'CEILING' },
      })
      assert.equal(edit.update_recurring_commits[1].proration_rounding, null)
      assert.equal(edit.update_recurring_credits[0].proration_rounding, null)
      assert.deepEqual(edit.update_recurring_credits[1].proration_rounding, {
        access: { decimal_places: 0, rounding_method: 'HALF_UP' },
      })
      // The stored recurring term is what later instances are generated from.
      const terms = currentContract(await history(contract))
      assert.deepEqual(terms.recurringCommits[0]!.prorationRounding, {
        access: { decimalPlaces: -2, roundingMethod: 'CEILING' },
        invoice: { decimalPlaces: 0, roundingMethod: 'FLOOR' },
      })
      assert.deepEqual(terms.recurringCredits[0]!.prorationRounding, {
        access: null,
        invoice: null,
      })

      const count = (await history(contract)).edits.length
      await refused(
        '/v2/contracts/edit',
        {
          ...ids,
          update_recurring_commits: [
            {
              recurring_commit_id: commitA.id,
              proration_rounding: { invoice: { decimal_places: 1.5, rounding_method: 'FLOOR' } },
            },
          ],
        },
        'body.update_recurring_commits[0].proration_rounding.invoice.decimal_places',
      )
      assert.equal((await history(contract)).edits.length, count)
    })
  })
}
