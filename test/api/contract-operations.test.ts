/**
 * The contract operations beside create/get/list, through the HTTP edge on both stores:
 * updateEndDate (truncation), setUsageFilter, archive, getContractRateSchedule (an override and
 * a scheduled rate change), the subscription histories, contract named schedules,
 * addManualBalanceLedgerEntry (the balance moves) and commits/disableTrueup. Every bad request
 * is a 400 naming the field, and leaves the contract's history as it was.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import { databaseKinds } from '../support/databases.js'
import { auditActions, jsonCalls, useTestApp } from '../support/app.js'
import {
  addFlatRate,
  createContract,
  createCustomer,
  createRateCard,
  storeProduct,
} from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'
const PAST = '2020-01-01T00:00:00.000Z'
const FAR = '2999-01-01T00:00:00.000Z'

for (const kind of await databaseKinds()) {
  describe(`contract operations API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)
    let fixed: string
    let usage: string
    let storage: string
    let seats: string
    let rateCardId: string

    /** The stored history's length: a refused request must not change it. */
    const editCount = async (contractId: string) =>
      (await t.app.store.findContractHistory(t.clientId, contractId))!.edits.length

    const getV2 = async (customerId: string, contractId: string, extra = {}) =>
      (
        await ok('/v2/contracts/get', {
          customer_id: customerId,
          contract_id: contractId,
          ...extra,
        })
      ).data

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
      usage = await storeProduct(t, 'USAGE', 'API calls', ['compute'])
      storage = await storeProduct(t, 'USAGE', 'Storage', ['storage'])
      seats = await storeProduct(t, 'SUBSCRIPTION', 'Seats')
      rateCardId = await createRateCard(t)
      const rate = (productId: string, price: number, startingAt: string, extra = {}) =>
        addFlatRate(t, { rateCardId, productId, price, startingAt }, extra)
      // API calls: 10¢, then 12¢ from MID (a scheduled change), with a commit rate.
      await rate(usage, 10, PAST, {
        ending_before: MID,
        commit_rate: { rate_type: 'FLAT', price: 8 },
      })
      await rate(usage, 12, MID)
      await rate(storage, 5, PAST)
      await rate(seats, 2000, PAST, { billing_frequency: 'MONTHLY' })
    })

    test('updateEndDate shortens and truncates the terms; extending moves only the end', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        rate_card_id: rateCardId,
        starting_at: START,
        ending_before: END,
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [
                { amount: 100, starting_at: START, ending_before: '2025-04-01T00:00:00.000Z' },
                { amount: 200, starting_at: '2025-04-01T00:00:00.000Z', ending_before: END },
              ],
            },
            invoice_schedule: {
              schedule_items: [
                { timestamp: START, amount: 100 },
                { timestamp: '2025-09-01T00:00:00.000Z', amount: 200 },
              ],
            },
          },
        ],
        overrides: [
          {
            starting_at: '2025-09-01T00:00:00.000Z',
            product_id: usage,
            type: 'MULTIPLIER',
            multiplier: 0.5,
          },
          { starting_at: START, product_id: storage, type: 'MULTIPLIER', multiplier: 0.9 },
        ],
        scheduled_charges: [
          {
            product_id: fixed,
            schedule: {
              schedule_items: [
                { timestamp: START, amount: 10 },
                { timestamp: '2025-10-01T00:00:00.000Z', amount: 10 },
              ],
            },
          },
        ],
      })

      const updated = await ok('/v1/contracts/updateEndDate', {
        customer_id: customerId,
        contract_id: id,
        ending_before: MID,
        allow_ending_before_finalized_invoice: true,
      })
      assert.deepEqual(updated, { data: { id } })
      const shortened = await getV2(customerId, id)
      assert.equal(shortened.ending_before, MID)
      const [commit] = shortened.commits
      assert.deepEqual(
        commit.access_schedule.schedule_items.map(
          (item: { amount: number; ending_before: string }) => [item.amount, item.ending_before],
        ),
        [
          [100, '2025-04-01T00:00:00.000Z'],
          [200, MID],
        ],
      )
      assert.deepEqual(
        commit.invoice_schedule.schedule_items.map((item: { timestamp: string }) => item.timestamp),
        [START],
      )
      // The override starting after the new end is gone; the other is cut at it.
      assert.deepEqual(
        shortened.overrides.map(
          (override: { product?: { id: string }; ending_before?: string }) => [
            override.product?.id,
            override.ending_before,
          ],
        ),
        [[storage, MID]],
      )
      assert.equal(shortened.scheduled_charges[0].schedule.schedule_items.length, 1)

      // Extending (here: open-ended) changes only the end; truncated terms stay truncated.
      await ok('/v1/contracts/updateEndDate', { customer_id: customerId, contract_id: id })
      const extended = await getV2(customerId, id)
      assert.equal(extended.ending_before, undefined)
      assert.equal(extended.commits[0].access_schedule.schedule_items.length, 2)
      assert.equal(extended.overrides.length, 1)

      // v1 `initial` still shows the contract as created.
      const v1 = (await ok('/v1/contracts/get', { customer_id: customerId, contract_id: id })).data
      assert.equal(v1.initial.ending_before, END)
      assert.equal(v1.initial.overrides.length, 2)
      assert.equal(v1.current.overrides.length, 1)
    })

    test('setUsageFilter schedules a new filter; v1 and v2 show it', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        usage_filter: { group_key: 'region', group_values: ['eu'] },
      })
      const set = await call('/v1/contracts/setUsageFilter', {
        customer_id: customerId,
        contract_id: id,
        group_key: 'region',
        group_values: ['us', 'eu'],
        starting_at: MID,
      })
      assert.equal(set.status, 200, JSON.stringify(set.body))
      assert.equal(set.body, undefined)
      assert.equal(set.headers['content-type'], undefined)
      const v2 = await getV2(customerId, id)
      assert.deepEqual(
        v2.usage_filter.map((entry: { group_values: string[]; starting_at: string }) => [
          entry.group_values,
          entry.starting_at,
        ]),
        [
          [['eu'], START],
          [['us', 'eu'], MID],
        ],
      )
      const v1 = (await ok('/v1/contracts/get', { customer_id: customerId, contract_id: id })).data
      assert.deepEqual(v1.current.usage_filter.initial.group_values, ['eu'])
      assert.deepEqual(v1.current.usage_filter.updates[0].group_values, ['us', 'eu'])
    })

    test('archive archives the contract and its commits; the prepaid balance expires', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: PAST,
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 500, starting_at: PAST, ending_before: FAR }],
            },
          },
        ],
      })
      const archived = await ok('/v1/contracts/archive', {
        customer_id: customerId,
        contract_id: id,
        void_invoices: false,
      })
      assert.deepEqual(archived, { data: { id } })
      const listed = await ok('/v1/contracts/list', { customer_id: customerId })
      assert.deepEqual(listed.data, [])
      const got = await getV2(customerId, id, { include_ledgers: true, include_balance: true })
      assert.ok(got.archived_at)
      const [commit] = got.commits
      assert.equal(commit.archived_at, got.archived_at)
      assert.equal(commit.balance, 0)
      assert.deepEqual(
        commit.ledger.map((entry: { type: string; amount: number }) => [entry.type, entry.amount]),
        [
          ['PREPAID_COMMIT_SEGMENT_START', 500],
          ['PREPAID_COMMIT_EXPIRATION', -500],
        ],
      )
      // Archiving again records nothing; editing an archived contract is refused.
      const count = await editCount(id)
      await ok('/v1/contracts/archive', {
        customer_id: customerId,
        contract_id: id,
        void_invoices: true,
      })
      assert.equal(await editCount(id), count)
      const refused = await call('/v1/contracts/updateEndDate', {
        customer_id: customerId,
        contract_id: id,
        ending_before: FAR,
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.contract_id names an archived contract/)
    })

    test('getContractRateSchedule: list rate, override rate, commit rate, scheduled change', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        rate_card_id: rateCardId,
        starting_at: START,
        overrides: [
          {
            starting_at: '2025-03-01T00:00:00.000Z',
            ending_before: '2025-09-01T00:00:00.000Z',
            product_id: usage,
            type: 'MULTIPLIER',
            multiplier: 0.5,
          },
        ],
      })
      const at = async (instant: string, selectors?: unknown[], query = '') =>
        ok(`/v1/contracts/getContractRateSchedule${query}`, {
          customer_id: customerId,
          contract_id: id,
          at: instant,
          ...(selectors ? { selectors } : {}),
        })
      const before = await at('2025-02-01T00:00:00.000Z', [{ product_id: usage }])
      assert.deepEqual(before.data, [
        {
          rate_card_id: rateCardId,
          product_id: usage,
          product_name: 'API calls',
          product_tags: ['compute'],
          product_custom_fields: {},
          starting_at: PAST,
          ending_before: '2025-03-01T00:00:00.000Z',
          entitled: true,
          list_rate: {
            rate_type: 'FLAT',
            price: 10,
            credit_type: { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' },
          },
          commit_rate: { rate_type: 'FLAT', price: 8 },
        },
      ])
      assert.equal(before.next_page, null)

      const during = (await at('2025-04-01T00:00:00.000Z', [{ product_id: usage }])).data
      assert.equal(during.length, 1)
      assert.equal(during[0].starting_at, '2025-03-01T00:00:00.000Z')
      assert.equal(during[0].ending_before, MID)
      assert.equal(during[0].list_rate.price, 10)
      assert.equal(during[0].override_rate.price, 5)

      // The card's scheduled change at MID: a new list price, still under the override.
      const changed = (await at('2025-08-01T00:00:00.000Z', [{ product_id: usage }])).data
      assert.equal(changed[0].starting_at, MID)
      assert.equal(changed[0].ending_before, '2025-09-01T00:00:00.000Z')
      assert.equal(changed[0].list_rate.price, 12)
      assert.equal(changed[0].override_rate.price, 6)
      assert.equal(changed[0].commit_rate, undefined)

      const after = (await at('2025-10-01T00:00:00.000Z', [{ product_id: usage }])).data
      assert.equal(after[0].starting_at, '2025-09-01T00:00:00.000Z')
      assert.equal(after[0].override_rate, undefined)

      // Tags select; every rate without selectors; pages of one.
      const tagged = (await at('2025-04-01T00:00:00.000Z', [{ product_tags: ['storage'] }])).data
      assert.deepEqual(
        tagged.map((row: { product_id: string }) => row.product_id),
        [storage],
      )
      const first = await at('2025-04-01T00:00:00.000Z', undefined, '?limit=1')
      assert.equal(first.data.length, 1)
      assert.ok(first.next_page)
      const all = (await at('2025-04-01T00:00:00.000Z')).data
      assert.deepEqual(
        all.map((row: { product_id: string }) => row.product_id).sort(),
        [usage, storage, seats].sort(),
      )
      const seatRow = all.find((row: { product_id: string }) => row.product_id === seats)
      assert.equal(seatRow.billing_frequency, 'MONTHLY')
    })

    test('subscription quantity and seats history', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        rate_card_id: rateCardId,
        starting_at: START,
        ending_before: END,
        subscriptions: [
          {
            temporary_id: 'plain',
            subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            initial_quantity: 3,
          },
          {
            subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            quantity_management_mode: 'SEAT_BASED',
            seat_config: {
              seat_group_key: 'user_id',
              initial_seat_ids: ['u1', 'u2'],
              initial_unassigned_seats: 1,
            },
          },
        ],
      })
      const got = await getV2(customerId, id)
      const [plain, seated] = got.subscriptions as { id: string }[]
      const quantity = await ok('/v1/contracts/getSubscriptionQuantityHistory', {
        customer_id: customerId,
        contract_id: id,
        subscription_id: plain!.id,
      })
      assert.equal(quantity.data.subscription_id, plain!.id)
      assert.ok(quantity.data.fiat_credit_type_id)
      assert.deepEqual(quantity.data.history, [
        { starting_at: START, data: [{ quantity: 3, unit_price: 2000, total: 6000 }] },
      ])

      const seatsBody = { customer_id: customerId, contract_id: id, subscription_id: seated!.id }
      const history = await ok('/v1/contracts/getSubscriptionSeatsHistory', seatsBody)
      assert.deepEqual(history, {
        data: [
          {
            starting_at: START,
            ending_before: END,
            total_quantity: 3,
            assigned_seat_ids: ['u1', 'u2'],
          },
        ],
        next_page: null,
      })
      const covering = await ok('/v1/contracts/getSubscriptionSeatsHistory', {
        ...seatsBody,
        covering_date: '2027-01-01T00:00:00.000Z',
      })
      assert.deepEqual(covering.data, [])
      const ranged = await ok('/v1/contracts/getSubscriptionSeatsHistory', {
        ...seatsBody,
        starting_at: MID,
        ending_before: '2025-08-01T00:00:00.000Z',
      })
      assert.equal(ranged.data.length, 1)

      // The spec documents these reads' 400s with a code: InvalidArgument and the not-found ones.
      const refusals: [unknown, RegExp, string][] = [
        [
          { ...seatsBody, covering_date: MID, starting_at: MID },
          /^body\.starting_at cannot be used with covering_date/,
          'InvalidArgument',
        ],
        [{ ...seatsBody, limit: 11 }, /^body\.limit must be between 1 and 10/, 'InvalidArgument'],
        [
          { ...seatsBody, subscription_id: plain!.id },
          /^body\.subscription_id names a QUANTITY_ONLY/,
          'InvalidArgument',
        ],
        [
          { ...seatsBody, subscription_id: randomUUID() },
          /^body\.subscription_id names no subscription/,
          'SubscriptionNotFound',
        ],
        [{ ...seatsBody, contract_id: randomUUID() }, /^Contract .* not found/, 'ContractNotFound'],
        [{ ...seatsBody, customer_id: randomUUID() }, /^Customer .* not found/, 'CustomerNotFound'],
      ]
      for (const [body, message, code] of refusals) {
        const refused = await call('/v1/contracts/getSubscriptionSeatsHistory', body)
        assert.equal(refused.status, 400, JSON.stringify(body))
        assert.match(refused.body.message, message)
        assert.equal(refused.body.code, code, JSON.stringify(body))
      }
      const quantityBody = {
        customer_id: customerId,
        contract_id: seatsBody.contract_id,
        subscription_id: plain!.id,
      }
      const quantityRefusals: [unknown, RegExp, string][] = [
        [
          { ...quantityBody, contract_id: randomUUID() },
          /^Contract .* not found/,
          'ContractNotFound',
        ],
        [
          { ...quantityBody, customer_id: randomUUID() },
          /^Customer .* not found/,
          'CustomerNotFound',
        ],
        [
          { ...quantityBody, subscription_id: randomUUID() },
          /^body\.subscription_id names no subscription/,
          'SubscriptionNotFound',
        ],
      ]
      for (const [body, message, code] of quantityRefusals) {
        const refused = await call('/v1/contracts/getSubscriptionQuantityHistory', body)
        assert.equal(refused.status, 400, JSON.stringify(body))
        assert.match(refused.body.message, message)
        assert.equal(refused.body.code, code, JSON.stringify(body))
      }
    })

    test('named schedules belong to a contract', async () => {
      const customerId = await createCustomer(t)
      const first = await createContract(t, { customer_id: customerId, starting_at: START })
      const second = await createContract(t, { customer_id: customerId, starting_at: START })
      const update = (contractId: string, name: string, value: unknown, extra = {}) =>
        call('/v1/contracts/updateNamedSchedule', {
          customer_id: customerId,
          contract_id: contractId,
          schedule_name: name,
          starting_at: START,
          value,
          ...extra,
        })
      const updated = await update(first, 'tier', { level: 'gold' })
      assert.equal(updated.status, 200, JSON.stringify(updated.body))
      assert.equal(updated.body, undefined)
      assert.equal(
        (await update(first, 'tier', { level: 'platinum' }, { starting_at: MID })).status,
        200,
      )
      assert.equal((await update(second, 'region', 'eu')).status, 200)

      const got = await ok('/v1/contracts/getNamedSchedule', {
        customer_id: customerId,
        contract_id: first,
        schedule_name: 'tier',
      })
      assert.deepEqual(got.data, [
        { starting_at: START, ending_before: MID, value: { level: 'gold' } },
        { starting_at: MID, value: { level: 'platinum' } },
      ])
      const covering = await ok('/v1/contracts/getNamedSchedule', {
        customer_id: customerId,
        contract_id: first,
        schedule_name: 'tier',
        covering_date: '2025-02-01T00:00:00.000Z',
      })
      assert.deepEqual(covering.data, [
        { starting_at: START, ending_before: MID, value: { level: 'gold' } },
      ])
      // Another contract's schedule of the same name is its own.
      const other = await ok('/v1/contracts/getNamedSchedule', {
        customer_id: customerId,
        contract_id: second,
        schedule_name: 'tier',
      })
      assert.deepEqual(other.data, [])

      const all = await ok('/v1/contracts/listNamedSchedules', { customer_id: customerId })
      assert.equal(all.next_page, null)
      assert.deepEqual(
        all.data.map((row: { contract_id: string; schedule_name: string }) => [
          row.contract_id,
          row.schedule_name,
        ]),
        [
          [first, 'tier'],
          [second, 'region'],
        ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
      )
      const one = await ok('/v1/contracts/listNamedSchedules', {
        customer_id: customerId,
        contract_id: first,
        covering_date: '2025-08-01T00:00:00.000Z',
      })
      assert.deepEqual(one.data, [
        {
          contract_id: first,
          schedule_name: 'tier',
          segments: [{ starting_at: MID, value: { level: 'platinum' } }],
        },
      ])
      const byName = await ok('/v1/contracts/listNamedSchedules', {
        customer_id: customerId,
        schedule_name: 'region',
      })
      assert.deepEqual(
        byName.data.map((row: { contract_id: string }) => row.contract_id),
        [second],
      )
      const paged = await ok('/v1/contracts/listNamedSchedules', {
        customer_id: customerId,
        limit: 1,
      })
      assert.equal(paged.data.length, 1)
      const rest = await ok('/v1/contracts/listNamedSchedules', {
        customer_id: customerId,
        limit: 1,
        next_page: paged.next_page,
      })
      assert.equal(rest.data.length, 1)
      assert.equal(rest.next_page, null)

      // Another customer's contract is not found, and nothing is written for it.
      const stranger = await createCustomer(t)
      const refused = await call('/v1/contracts/updateNamedSchedule', {
        customer_id: stranger,
        contract_id: first,
        schedule_name: 'tier',
        starting_at: START,
        value: 1,
      })
      assert.equal(refused.status, 404)
      const empty = await call('/v1/contracts/updateNamedSchedule', {
        customer_id: customerId,
        contract_id: first,
        schedule_name: '',
        starting_at: START,
        value: 1,
      })
      assert.equal(empty.status, 400)
      assert.match(empty.body.message, /body\.schedule_name must not be empty/)
    })

    test('a manual ledger entry changes the balance and shows in the ledger', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: PAST,
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 1000, starting_at: PAST, ending_before: FAR }],
            },
          },
        ],
        credits: [
          {
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 50, starting_at: PAST, ending_before: FAR }],
            },
          },
        ],
      })
      const contract = await getV2(customerId, id)
      const commit = contract.commits[0]
      const segmentId = commit.access_schedule.schedule_items[0].id
      const added = await call('/v1/contracts/addManualBalanceLedgerEntry', {
        customer_id: customerId,
        contract_id: id,
        id: commit.id,
        segment_id: segmentId,
        amount: -250.5,
        reason: 'outage correction',
        timestamp: '2021-01-01T00:00:00.000Z',
      })
      assert.equal(added.status, 200, JSON.stringify(added.body))
      assert.equal(added.body, undefined)
      const credit = contract.credits[0]
      await ok('/v1/contracts/addManualBalanceLedgerEntry', {
        customer_id: customerId,
        contract_id: id,
        id: credit.id,
        segment_id: credit.access_schedule.schedule_items[0].id,
        amount: 25,
        reason: 'goodwill',
      })

      const after = await getV2(customerId, id, { include_ledgers: true, include_balance: true })
      assert.equal(after.commits[0].balance, 749.5)
      assert.deepEqual(after.commits[0].ledger.at(-1), {
        type: 'PREPAID_COMMIT_MANUAL',
        timestamp: '2021-01-01T00:00:00.000Z',
        amount: -250.5,
        reason: 'outage correction',
      })
      assert.equal(after.credits[0].balance, 75)
      assert.equal(after.credits[0].ledger.at(-1).type, 'CREDIT_MANUAL')
      assert.equal(after.credits[0].ledger.at(-1).timestamp, PAST)
      const v1 = await ok('/v1/contracts/get', {
        customer_id: customerId,
        contract_id: id,
        include_balance: true,
      })
      assert.equal(v1.data.current.commits[0].balance, 749.5)
    })

    test('disableTrueup on a postpaid commit; refused on a prepaid one', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        commits: [
          {
            type: 'POSTPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 1000, starting_at: START, ending_before: END }],
            },
            invoice_schedule: { schedule_items: [{ timestamp: END, amount: 1000 }] },
          },
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: {
              schedule_items: [{ amount: 10, starting_at: START, ending_before: END }],
            },
          },
        ],
      })
      const [postpaid, prepaid] = (await getV2(customerId, id)).commits as { id: string }[]
      const body = { customer_id: customerId, contract_id: id, commit_id: postpaid!.id }
      assert.deepEqual(await ok('/v1/contracts/commits/disableTrueup', body), {
        data: { id: postpaid!.id },
      })
      const count = await editCount(id)
      await ok('/v1/contracts/commits/disableTrueup', body)
      assert.equal(await editCount(id), count, 'disabling twice records once')
      const refused = await call('/v1/contracts/commits/disableTrueup', {
        ...body,
        commit_id: prepaid!.id,
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.commit_id names a PREPAID commit/)
    })

    describe('bad requests are 400s naming the field, with nothing written', () => {
      let customerId: string
      let contractId: string
      let commitId: string
      let segmentId: string
      before(async () => {
        customerId = await createCustomer(t)
        contractId = await createContract(t, {
          customer_id: customerId,
          starting_at: START,
          ending_before: END,
          commits: [
            {
              type: 'PREPAID',
              product_id: fixed,
              access_schedule: {
                schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
              },
            },
          ],
        })
        const commit = (await getV2(customerId, contractId)).commits[0]
        commitId = commit.id
        segmentId = commit.access_schedule.schedule_items[0].id
      })
      const ids = () => ({ customer_id: customerId, contract_id: contractId })
      const cases: [string, string, () => Record<string, unknown>, RegExp][] = [
        [
          'end before start',
          '/v1/contracts/updateEndDate',
          () => ({ ...ids(), ending_before: PAST }),
          /^body\.ending_before must be after/,
        ],
        [
          'end not a date',
          '/v1/contracts/updateEndDate',
          () => ({ ...ids(), ending_before: 'soon' }),
          /^body\.ending_before must match format/,
        ],
        [
          'filter without values',
          '/v1/contracts/setUsageFilter',
          () => ({ ...ids(), group_key: 'k', group_values: [], starting_at: START }),
          /^body\.group_values must name at least one value/,
        ],
        [
          'filter with empty key',
          '/v1/contracts/setUsageFilter',
          () => ({ ...ids(), group_key: '', group_values: ['a'], starting_at: START }),
          /^body\.group_key must not be empty/,
        ],
        [
          'filter after the end',
          '/v1/contracts/setUsageFilter',
          () => ({ ...ids(), group_key: 'k', group_values: ['a'], starting_at: FAR }),
          /^body\.starting_at must be before/,
        ],
        [
          'filter without starting_at',
          '/v1/contracts/setUsageFilter',
          () => ({ ...ids(), group_key: 'k', group_values: ['a'] }),
          /starting_at/,
        ],
        ['archive without void_invoices', '/v1/contracts/archive', () => ids(), /void_invoices/],
        [
          'manual entry on an unknown balance',
          '/v1/contracts/addManualBalanceLedgerEntry',
          () => ({ ...ids(), id: randomUUID(), segment_id: segmentId, amount: 1, reason: 'r' }),
          /^body\.id names no commit or credit/,
        ],
        [
          'manual entry on an unknown segment',
          '/v1/contracts/addManualBalanceLedgerEntry',
          () => ({ ...ids(), id: commitId, segment_id: randomUUID(), amount: 1, reason: 'r' }),
          /^body\.segment_id is not a segment/,
        ],
        [
          'manual entry outside its segment',
          '/v1/contracts/addManualBalanceLedgerEntry',
          () => ({
            ...ids(),
            id: commitId,
            segment_id: segmentId,
            amount: 1,
            reason: 'r',
            timestamp: FAR,
          }),
          /^body\.timestamp must be within/,
        ],
        [
          'per-group amounts not summing',
          '/v1/contracts/addManualBalanceLedgerEntry',
          () => ({
            ...ids(),
            id: commitId,
            segment_id: segmentId,
            amount: 10,
            reason: 'r',
            per_group_amounts: { a: 3 },
          }),
          /^body\.per_group_amounts must sum to amount/,
        ],
        [
          'manual entry without contract',
          '/v1/contracts/addManualBalanceLedgerEntry',
          () => ({
            customer_id: customerId,
            id: commitId,
            segment_id: segmentId,
            amount: 1,
            reason: 'r',
          }),
          /^body\.contract_id is required/,
        ],
        [
          'unknown commit to disable',
          '/v1/contracts/commits/disableTrueup',
          () => ({ ...ids(), commit_id: randomUUID() }),
          /^body\.commit_id names no commit/,
        ],
        [
          'rate schedule at not a date',
          '/v1/contracts/getContractRateSchedule',
          () => ({ ...ids(), at: 'now' }),
          /^body\.at must match format/,
        ],
      ]
      for (const [name, path, payload, message] of cases) {
        test(name, async () => {
          const count = await editCount(contractId)
          const refused = await call(path, payload())
          assert.equal(refused.status, 400, JSON.stringify(refused.body))
          assert.match(refused.body.message, message)
          assert.equal(refused.headers['x-should-retry'], 'false')
          assert.equal(await editCount(contractId), count)
        })
      }

      test('unknown customer or contract is a 404 on every write', async () => {
        const writes: [string, Record<string, unknown>][] = [
          ['/v1/contracts/updateEndDate', {}],
          [
            '/v1/contracts/setUsageFilter',
            { group_key: 'k', group_values: ['a'], starting_at: START },
          ],
          ['/v1/contracts/archive', { void_invoices: false }],
          [
            '/v1/contracts/addManualBalanceLedgerEntry',
            { id: commitId, segment_id: segmentId, amount: 1, reason: 'r' },
          ],
          ['/v1/contracts/commits/disableTrueup', { commit_id: commitId }],
          ['/v1/contracts/getContractRateSchedule', {}],
          ['/v1/contracts/getNamedSchedule', { schedule_name: 'x' }],
        ]
        const stranger = await createCustomer(t)
        for (const [path, extra] of writes) {
          for (const target of [
            { customer_id: customerId, contract_id: randomUUID() },
            { customer_id: stranger, contract_id: contractId },
            { customer_id: randomUUID(), contract_id: contractId },
          ]) {
            const refused = await call(path, { ...target, ...extra })
            assert.equal(refused.status, 404, `${path} ${JSON.stringify(refused.body)}`)
          }
        }
        const count = await editCount(contractId)
        assert.equal(count, 1)
      })
    })

    test('every write is audited', async () => {
      const customerId = await createCustomer(t)
      const id = await createContract(t, { customer_id: customerId, starting_at: START })
      await ok('/v1/contracts/setUsageFilter', {
        customer_id: customerId,
        contract_id: id,
        group_key: 'k',
        group_values: ['a'],
        starting_at: START,
      })
      await ok('/v1/contracts/updateEndDate', {
        customer_id: customerId,
        contract_id: id,
        ending_before: END,
      })
      await call('/v1/contracts/updateNamedSchedule', {
        customer_id: customerId,
        contract_id: id,
        schedule_name: 'n',
        starting_at: START,
        value: 1,
      })
      await ok('/v1/contracts/archive', {
        customer_id: customerId,
        contract_id: id,
        void_invoices: false,
      })
      assert.deepEqual(await auditActions(t, { type: 'contract', id }), [
        'contract.create',
        'contract.set_usage_filter',
        'contract.update_end_date',
        'contract.update_named_schedule',
        'contract.archive',
      ])
    })
  })
}
