/**
 * The parameters of the contract operations that the other SDK files leave out, through the
 * official @metronome/sdk against a live server: list filters and flags, archive with
 * `void_invoices: true`, open-ended `updateEndDate`, rate schedule selectors and paging, seat
 * history paging and ranges, every add/update/archive kind of v2 `edit`, a real retire, manual
 * entries at a timestamp, `disableTrueup` with `amendment_id`, customer commit and credit paging
 * and filters, package provisioning and filters. The SDK files contract named schedules under
 * `v1.contracts.rateCards.namedSchedules`, and has no method for commits/credits archive,
 * commits/retire, commits/disableTrueup, listNamedSchedules or createCustomerWithContract: those
 * go through `client.post`, as an integrator sends them.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'
import { badRequest, createContract, createCustomer } from '../support/sdk-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
/** The first of a month, as the server writes instants. */
const at = (year: number, month = 1) => new Date(Date.UTC(year, month - 1, 1)).toISOString()
const JAN = at(2025, 1)
const FEB = at(2025, 2)
const MAR = at(2025, 3)
const APR = at(2025, 4)
const JUL = at(2025, 7)
const AUG = at(2025, 8)
const SEP = at(2025, 9)
const OCT = at(2025, 10)
const NOV = at(2025, 11)
const [Y26, Y27, Y28] = [at(2026), at(2027), at(2028)] as const
const month = (offset: number) => at(2026, offset + 1)

const access = (amount: number, starting_at: string, ending_before: string) => ({
  schedule_items: [{ amount, starting_at, ending_before }],
})
const ledgerOf = (balance: { ledger?: { type: string; amount: number }[] } | undefined) =>
  balance?.ledger?.map((entry) => [entry.type, entry.amount])
const firstSegment = (term: { access_schedule?: { schedule_items: unknown[] } } | undefined) =>
  term?.access_schedule?.schedule_items[0] as
    { id: string; amount: number; starting_at: string; ending_before: string } | undefined
type Ids = { customer_id: string; contract_id: string }
type CreateParams = Omit<Metronome.V1.ContractCreateParams, 'customer_id' | 'starting_at'>

describe('contract operations coverage through @metronome/sdk', () => {
  const live = useLiveSdk('contracts-coverage')
  let client: Metronome
  let fee: string
  let seats: string
  let model: string
  let embed: string
  let disk: string
  let card: string
  /** A new customer with one contract. */
  const contractFor = async (name: string, starting_at: string, params: CreateParams = {}) => {
    const customer_id = await createCustomer(client, name)
    const create = { customer_id, starting_at, ...params }
    return { customer_id, contract_id: await createContract(client, create) }
  }
  const v2Of = async (ids: Ids) => (await client.v2.contracts.retrieve(ids)).data
  const prepaid = (amount: number, starting_at: string, ending_before: string) => ({
    type: 'PREPAID' as const,
    product_id: fee,
    access_schedule: access(amount, starting_at, ending_before),
  })

  before(async () => {
    client = live.client
    const product = async (name: string, params: Record<string, unknown>) =>
      (await client.v1.contracts.products.create({ name, type: 'FIXED', ...params })).data.id
    fee = await product('Fee', {})
    seats = await product('Seats', { type: 'SUBSCRIPTION' })
    const metric = await client.v1.billableMetrics.create({
      name: 'Tokens',
      aggregation_type: 'COUNT',
      event_type_filter: { in_values: ['tokens'] },
    })
    const usage = { type: 'USAGE', billable_metric_id: metric.data.id }
    model = await product('Model', { ...usage, tags: ['ai'] })
    embed = await product('Embed', { ...usage, tags: ['ai'] })
    disk = await product('Disk', { ...usage, tags: ['storage'] })
    card = (await client.v1.contracts.rateCards.create({ name: 'Coverage card' })).data.id
    const rate = { entitled: true, rate_type: 'FLAT' as const, starting_at: JAN }
    await client.v1.contracts.rateCards.rates.addMany({
      rate_card_id: card,
      rates: [
        { ...rate, product_id: model, ending_before: JUL, price: 10 },
        { ...rate, product_id: model, starting_at: JUL, price: 20 },
        { ...rate, product_id: embed, price: 5 },
        { ...rate, product_id: disk, price: 1 },
        { ...rate, product_id: seats, price: 1500, billing_frequency: 'MONTHLY' },
      ],
    })
  })

  describe('v1.contracts.create', () => {
    test('a reused uniqueness_key is a 409 the SDK does not retry, and writes nothing', async () => {
      const customer_id = await createCustomer(client, 'Unique Co')
      let calls = 0
      const counting = new Metronome({
        bearerToken: live.token,
        baseURL: live.server.baseURL,
        maxRetries: 2,
        fetch: (input, init) => ((calls += 1), fetch(input, init)),
      })
      const request = { customer_id, starting_at: JAN, uniqueness_key: 'cov-unique' }
      await counting.v1.contracts.create({ ...request, name: 'First' })
      await assert.rejects(
        counting.v1.contracts.create({ ...request, name: 'Second' }),
        (error: unknown) =>
          error instanceof Metronome.ConflictError &&
          error.headers.get('x-should-retry') === 'false',
      )
      assert.equal(calls, 2, 'one request each: the 409 is not retried')
      const listed = (await client.v1.contracts.list({ customer_id })).data
      assert.deepEqual(
        listed.map((contract) => contract.current.name),
        ['First'],
      )
    })
  })

  describe('v1 and v2 contracts list filters, and archive with void_invoices', () => {
    let customer_id: string
    const ids = { a: '', b: '', c: '' }
    before(async () => {
      customer_id = await createCustomer(client, 'Lists Co')
      const contract = async (starting_at: string, ending_before?: string) => {
        const end = ending_before ? { ending_before } : {}
        const commits = [prepaid(1000, starting_at, ending_before ?? '2030-01-01T00:00:00Z')]
        const create = { customer_id, starting_at, ...end, commits }
        return (await client.v1.contracts.create(create)).data.id
      }
      ids.a = await contract(Y26, Y27)
      ids.b = await contract(Y27, Y28)
      ids.c = await contract(Y28)
      const commit = (await v2Of({ customer_id, contract_id: ids.a })).commits[0]
      await client.v1.contracts.addManualBalanceEntry({
        customer_id,
        contract_id: ids.a,
        id: commit!.id,
        segment_id: firstSegment(commit)!.id,
        amount: -100,
        reason: 'usage',
      })
      const archive = { customer_id, contract_id: ids.c, void_invoices: true }
      assert.equal((await client.v1.contracts.archive(archive)).data.id, ids.c)
    })
    const named = (list: { id: string }[]) =>
      list.map((contract) => Object.entries(ids).find(([, id]) => id === contract.id)?.[0])
    const fullLedger = [
      ['PREPAID_COMMIT_SEGMENT_START', 1000],
      ['PREPAID_COMMIT_MANUAL', -100],
    ]

    test('archive with void_invoices: true archives the contract and its commits', async () => {
      const v2 = await v2Of({ customer_id, contract_id: ids.c })
      assert.ok(v2.archived_at)
      assert.ok(v2.commits[0]?.archived_at)
      const v1 = await client.v1.contracts.retrieve({ customer_id, contract_id: ids.c })
      assert.equal(v1.data.archived_at, v2.archived_at)
    })

    test('v1 list: covering_date, starting_at, include_archived, include_ledgers, include_balance', async () => {
      const list = async (params: Omit<Metronome.V1.ContractListParams, 'customer_id'>) =>
        (await client.v1.contracts.list({ customer_id, ...params })).data
      assert.deepEqual(named(await list({})), ['a', 'b'])
      assert.deepEqual(named(await list({ include_archived: true })), ['a', 'b', 'c'])
      assert.deepEqual(named(await list({ covering_date: '2026-06-01T00:00:00Z' })), ['a'])
      assert.deepEqual(named(await list({ covering_date: Y27 })), ['b'], 'periods are half-open')
      assert.deepEqual(named(await list({ starting_at: Y27 })), ['b'])
      assert.deepEqual(named(await list({ starting_at: Y27, include_archived: true })), ['b', 'c'])
      const plain = (await list({}))[0]?.current.commits[0]
      assert.deepEqual([plain?.ledger, plain?.balance], [undefined, undefined])
      const full = (await list({ include_ledgers: true, include_balance: true }))[0]
      assert.deepEqual(ledgerOf(full?.current.commits[0]), fullLedger)
      assert.equal(full?.current.commits[0]?.balance, 900)
      await assert.rejects(
        list({ covering_date: Y26, starting_at: Y26 }),
        badRequest(/body\.starting_at/),
      )
    })

    test('v2 list: starting_at, include_archived, include_ledgers, include_balance', async () => {
      const list = async (params: Omit<Metronome.V2.ContractListParams, 'customer_id'>) =>
        (await client.v2.contracts.list({ customer_id, ...params })).data
      assert.deepEqual(named(await list({})), ['a', 'b'])
      assert.deepEqual(named(await list({ starting_at: Y27, include_archived: true })), ['b', 'c'])
      const full = (await list({ include_ledgers: true, include_balance: true }))[0]
      assert.deepEqual(ledgerOf(full?.commits[0]), fullLedger)
      assert.equal(full?.commits[0]?.balance, 900)
      assert.equal((await list({}))[0]?.commits[0]?.balance, undefined)
    })
  })

  describe('v1.contracts.updateEndDate', () => {
    test('an earlier end truncates the terms; no ending_before makes it open-ended', async () => {
      const items = [
        { timestamp: APR, amount: 100 },
        { timestamp: OCT, amount: 50 },
      ]
      const ids = await contractFor('End date Co', JAN, {
        ending_before: Y27,
        scheduled_charges: [{ product_id: fee, schedule: { schedule_items: items } }],
      })
      const charges = async () =>
        (await v2Of(ids)).scheduled_charges[0]?.schedule.schedule_items?.map((item) => [
          item.timestamp,
          item.amount,
        ])
      const flag = { allow_ending_before_finalized_invoice: true }
      await client.v1.contracts.updateEndDate({ ...ids, ending_before: JUL, ...flag })
      assert.equal((await v2Of(ids)).ending_before, JUL)
      assert.deepEqual(await charges(), [[APR, 100]])
      await client.v1.contracts.updateEndDate(ids)
      assert.equal((await v2Of(ids)).ending_before, undefined)
      assert.deepEqual(await charges(), [[APR, 100]], 'no term is stretched')
      await assert.rejects(
        client.v1.contracts.updateEndDate({ ...ids, ending_before: JAN }),
        badRequest(/body\.ending_before/),
      )
    })
  })

  describe('v1.contracts.retrieveRateSchedule', () => {
    test('at picks the rate in force; selectors match any; limit and next_page page', async () => {
      const ids = await contractFor('Rates Co', JAN, {
        rate_card_id: card,
        overrides: [
          {
            starting_at: JAN,
            type: 'MULTIPLIER',
            multiplier: 0.5,
            override_specifiers: [{ product_tags: ['storage'] }],
          },
        ],
      })
      type Params = Partial<Metronome.V1.ContractRetrieveRateScheduleParams>
      const schedule = (params: Params) =>
        client.v1.contracts.retrieveRateSchedule({ ...ids, ...params })
      const rows = async (params: Params) =>
        (await schedule(params)).data.map((row) => [row.product_id, row.override_rate?.price])
      const modelAt = async (at: string) => {
        const row = (await schedule({ at })).data.find((each) => each.product_id === model)
        return [row?.list_rate.price, row?.starting_at, row?.ending_before]
      }
      assert.deepEqual(await modelAt(APR), [10, JAN, JUL])
      assert.deepEqual(await modelAt(AUG), [20, JUL, undefined])
      const storage = (await schedule({ at: APR, selectors: [{ product_tags: ['storage'] }] })).data
      assert.deepEqual(
        storage.map((row) => [row.product_id, row.list_rate.price, row.override_rate?.price]),
        [[disk, 1, 0.5]],
      )
      const either = await rows({
        at: APR,
        selectors: [{ product_id: embed }, { product_id: disk }],
      })
      assert.deepEqual(
        either.sort(),
        [
          [embed, undefined],
          [disk, 0.5],
        ].sort(),
      )
      const monthly = await rows({ at: APR, selectors: [{ billing_frequency: 'MONTHLY' }] })
      assert.deepEqual(monthly, [[seats, undefined]])

      const first = await schedule({ at: APR, limit: 3 })
      assert.equal(first.data.length, 3)
      assert.ok(first.next_page)
      const second = await schedule({ at: APR, limit: 3, next_page: first.next_page })
      assert.equal(second.data.length, 1)
      assert.equal(second.next_page, null)
      const all = [...first.data, ...second.data].map((row) => row.product_id)
      assert.deepEqual(all.sort(), [model, embed, disk, seats].sort())
    })
  })

  describe('v1.contracts.getSubscriptionSeatsHistory and v2 seat removals', () => {
    test('remove_seat_ids, remove_unassigned_seats; limit, cursor, covering_date, range', async () => {
      const ids = await contractFor('Seats Co', JAN, {
        ending_before: Y26,
        subscriptions: [
          {
            subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            quantity_management_mode: 'SEAT_BASED',
            seat_config: { seat_group_key: 'user', initial_seat_ids: ['a', 'b'] },
          },
        ],
      })
      const subscription_id = (await v2Of(ids)).subscriptions![0]!.id!
      const seat_updates = {
        add_seat_ids: [{ seat_ids: ['c'], starting_at: APR }],
        remove_seat_ids: [{ seat_ids: ['a'], starting_at: JUL }],
        add_unassigned_seats: [{ quantity: 2, starting_at: OCT }],
        remove_unassigned_seats: [{ quantity: 1, starting_at: NOV }],
      }
      await client.v2.contracts.edit({
        ...ids,
        update_subscriptions: [{ subscription_id, seat_updates }],
      })
      type Params = Partial<Metronome.V1.ContractGetSubscriptionSeatsHistoryParams>
      const history = (params: Params) =>
        client.v1.contracts.getSubscriptionSeatsHistory({ ...ids, subscription_id, ...params })
      const rows = async (params: Params) =>
        (await history(params)).data.map((entry) => [
          entry.starting_at,
          entry.total_quantity,
          entry.assigned_seat_ids,
        ])
      const expected = [
        [JAN, 2, ['a', 'b']],
        [APR, 3, ['a', 'b', 'c']],
        [JUL, 2, ['b', 'c']],
        [OCT, 4, ['b', 'c']],
        [NOV, 3, ['b', 'c']],
      ]
      assert.deepEqual(await rows({}), expected)
      const paged = []
      let cursor: string | null | undefined
      do {
        const page = await history({ limit: 2, ...(cursor ? { cursor } : {}) })
        assert.ok(page.data.length <= 2)
        paged.push(...page.data.map((entry) => entry.starting_at))
        cursor = page.next_page
      } while (cursor)
      assert.deepEqual(paged, [JAN, APR, JUL, OCT, NOV])
      assert.deepEqual(await rows({ covering_date: AUG }), [expected[2]])
      assert.deepEqual(await rows({ starting_at: AUG, ending_before: OCT }), expected.slice(2, 4))
      await assert.rejects(history({ limit: 11 }), badRequest(/body\.limit/))
      const quantities = await client.v1.contracts.retrieveSubscriptionQuantityHistory({
        ...ids,
        subscription_id,
      })
      assert.deepEqual(
        quantities.data.history?.map((entry) => entry.data[0]?.quantity),
        [2, 3, 2, 4, 3],
      )
    })
  })

  describe('v2.contracts.edit: every add, update and archive kind', () => {
    test('commits, credits, recurring terms, overrides, scheduled charges, subscriptions', async () => {
      const recurring = (unit_price: number, starting_at: string, ending_before?: string) => ({
        product_id: fee,
        priority: 1,
        starting_at,
        ...(ending_before ? { ending_before } : {}),
        access_amount: { unit_price, quantity: 1, credit_type_id: USD },
        commit_duration: { value: 1, unit: 'PERIODS' as const },
        recurrence_frequency: 'MONTHLY' as const,
      })
      const charge = (timestamp: string, amount: number) => ({
        product_id: fee,
        schedule: { schedule_items: [{ timestamp, amount }] },
      })
      const ids = await contractFor('Edits Co', JAN, {
        rate_card_id: card,
        ending_before: Y27,
        commits: [prepaid(1000, JAN, Y27)],
        credits: [100, 60].map((amount) => ({
          product_id: fee,
          access_schedule: access(amount, JAN, Y26),
        })),
        scheduled_charges: [charge(APR, 100), charge(OCT, 50)],
        overrides: [{ starting_at: JAN, product_id: model, type: 'MULTIPLIER', multiplier: 0.5 }],
        recurring_credits: [recurring(10, JAN)],
      })
      const before = await v2Of(ids)
      const [commit] = before.commits
      const [credit, archivedCredit] = before.credits!
      const [charged, dropped] = before.scheduled_charges
      const oldRecurringCredit = before.recurring_credits![0]!.id
      const edited = await client.v2.contracts.edit({
        ...ids,
        uniqueness_key: 'cov-edit-1',
        update_net_payment_terms_days: 15,
        archive_commits: [{ id: commit!.id }],
        archive_credits: [{ id: archivedCredit!.id }],
        add_credits: [{ product_id: fee, name: 'Added', access_schedule: access(30, JAN, Y26) }],
        update_credits: [
          {
            credit_id: credit!.id,
            name: 'Renamed',
            access_schedule: {
              add_schedule_items: [{ amount: 40, starting_at: Y26, ending_before: Y27 }],
            },
          },
        ],
        add_recurring_commits: [recurring(200, JUL, OCT)],
        add_recurring_credits: [recurring(7, OCT, Y26)],
        update_recurring_credits: [{ recurring_credit_id: oldRecurringCredit, ending_before: APR }],
        remove_overrides: [{ id: before.overrides[0]!.id }],
        add_overrides: [
          {
            starting_at: JAN,
            product_id: embed,
            type: 'OVERWRITE',
            overwrite_rate: { rate_type: 'FLAT', price: 3 },
          },
        ],
        add_scheduled_charges: [charge(JUL, 75)],
        update_scheduled_charges: [
          {
            scheduled_charge_id: charged!.id,
            invoice_schedule: {
              update_schedule_items: [
                { id: charged!.schedule.schedule_items![0]!.id, amount: 120 },
              ],
            },
          },
        ],
        archive_scheduled_charges: [{ id: dropped!.id }],
        add_subscriptions: [
          {
            subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
            collection_schedule: 'ADVANCE',
            proration: {},
            initial_quantity: 4,
            starting_at: APR,
          },
        ],
      })
      const after = await v2Of(ids)
      assert.equal(after.net_payment_terms_days, 15)
      assert.ok(after.commits.find((each) => each.id === commit!.id)?.archived_at)
      assert.ok(after.credits?.find((each) => each.id === archivedCredit!.id)?.archived_at)
      type Instance = Parameters<typeof firstSegment>[0] & {
        recurring_commit_id?: string
        recurring_credit_id?: string
      }
      const instances = (terms: Instance[] | undefined, recurringId: string | undefined) =>
        terms
          ?.filter((each) => (each.recurring_commit_id ?? each.recurring_credit_id) === recurringId)
          .map((each) => [firstSegment(each)?.starting_at, firstSegment(each)?.amount])
      const series = (amount: number, months: string[]) => months.map((m) => [m, amount])
      const addedCommit = after.recurring_commits?.[0]?.id
      assert.deepEqual(instances(after.commits, addedCommit), series(200, [JUL, AUG, SEP]))
      // Ended at April: three monthly instances are left of the open-ended recurring credit.
      const oldInstances = instances(after.credits, oldRecurringCredit)
      assert.deepEqual(oldInstances, series(10, [JAN, FEB, MAR]))
      const added = after.recurring_credits?.find((each) => each.id !== oldRecurringCredit)?.id
      assert.deepEqual(instances(after.credits, added), series(7, [OCT, NOV, at(2025, 12)]))
      const renamed = after.credits?.find((each) => each.id === credit!.id)
      assert.equal(renamed?.name, 'Renamed')
      assert.deepEqual(
        renamed?.access_schedule?.schedule_items.map((item) => item.amount),
        [100, 40],
      )
      assert.equal(firstSegment(after.credits?.find((each) => each.name === 'Added'))?.amount, 30)
      assert.deepEqual(
        after.overrides.map((each) => [each.product?.id, each.type]),
        [[embed, 'OVERWRITE']],
      )
      const rates = (await client.v1.contracts.retrieveRateSchedule({ ...ids, at: APR })).data
      const overrideOf = (product: string) =>
        rates.find((row) => row.product_id === product)?.override_rate?.price
      assert.equal(overrideOf(model), undefined, 'the removed multiplier no longer applies')
      assert.equal(overrideOf(embed), 3)
      assert.deepEqual(
        after.scheduled_charges.map((each) => [
          each.schedule.schedule_items?.[0]?.amount,
          Boolean(each.archived_at),
        ]),
        [
          [120, false],
          [50, true],
          [75, false],
        ],
      )
      assert.deepEqual(
        after.subscriptions?.map((each) =>
          each.quantity_schedule.map((entry) => [entry.starting_at, entry.quantity]),
        ),
        [[[APR, 4]]],
      )
      const last = (await client.v2.contracts.getEditHistory(ids)).data.at(-1)
      assert.equal(last?.id, edited.data.id)
      assert.equal(last?.add_credits?.length, 1)
      assert.equal(last?.archive_scheduled_charges?.[0]?.id, dropped!.id)

      const again = { ...ids, uniqueness_key: 'cov-edit-1', update_net_payment_terms_days: 30 }
      await assert.rejects(client.v2.contracts.edit(again), Metronome.ConflictError)
      assert.equal((await v2Of(ids)).net_payment_terms_days, 15)
    })
  })

  describe('v2 commits/retire, addManualBalanceEntry timestamp, commits/disableTrueup', () => {
    test('retire with dry_run false retires only a depleted past commit', async () => {
      const ids = await contractFor('Retire Co', JAN, {
        commits: [prepaid(100, JAN, APR), prepaid(100, JAN, Y28)],
      })
      const [past, active] = (await v2Of(ids)).commits
      const beforeRetire = new Date().toISOString()
      await new Promise((resolve) => setTimeout(resolve, 5))
      const retired = await client.post('/v2/contracts/commits/retire', {
        body: { ...ids, commit_ids: [past!.id, active!.id], dry_run: false },
      })
      assert.deepEqual(retired, {
        data: {
          retired_count: 1,
          retired_commit_ids: [past!.id],
          skipped_count: 1,
          skipped_reasons: [{ commit_id: active!.id, reason: 'COMMIT_STILL_ACTIVE' }],
        },
      })
      const commitIds = (contract: Metronome.ContractV2) => contract.commits.map((each) => each.id)
      assert.deepEqual(commitIds(await v2Of(ids)), [active!.id])
      const then = await client.v2.contracts.retrieve({ ...ids, as_of_date: beforeRetire })
      assert.deepEqual(commitIds(then.data), [past!.id, active!.id])
    })

    test('a manual entry lands at its timestamp, or at the segment start without one', async () => {
      const ids = await contractFor('Manual Co', JAN, { commits: [prepaid(1000, JAN, Y28)] })
      const commit = (await v2Of(ids)).commits[0]!
      const entry = { ...ids, id: commit.id, segment_id: firstSegment(commit)!.id }
      await client.v1.contracts.addManualBalanceEntry({
        ...entry,
        amount: -50,
        reason: 'April',
        timestamp: APR,
      })
      await client.v1.contracts.addManualBalanceEntry({ ...entry, amount: 20, reason: 'start' })
      const flags = { include_ledgers: true, include_balance: true }
      const got = (await client.v1.contracts.retrieve({ ...ids, ...flags })).data.current.commits[0]
      assert.deepEqual(
        got?.ledger?.map((each) => [each.type, each.amount, each.timestamp]),
        [
          ['PREPAID_COMMIT_SEGMENT_START', 1000, JAN],
          ['PREPAID_COMMIT_MANUAL', 20, JAN],
          ['PREPAID_COMMIT_MANUAL', -50, APR],
        ],
      )
      assert.equal(got?.balance, 970)
    })

    test('disableTrueup with amendment_id: answers the commit, records once, refuses prepaid', async () => {
      const ids = await contractFor('Trueup Co', JAN, {
        ending_before: Y26,
        commits: [prepaid(100, JAN, Y26)],
      })
      const amendment_id = (
        await client.v1.contracts.amend({
          ...ids,
          starting_at: JAN,
          commits: [
            {
              type: 'POSTPAID',
              product_id: fee,
              access_schedule: access(500, JAN, Y26),
              invoice_schedule: { schedule_items: [{ timestamp: Y26, amount: 500 }] },
            },
          ],
        })
      ).data.id
      const [first, postpaid] = (await v2Of(ids)).commits
      assert.equal(postpaid?.type, 'POSTPAID')
      const disable = (commit_id: string) =>
        client.post('/v1/contracts/commits/disableTrueup', {
          body: { ...ids, commit_id, amendment_id },
        })
      assert.deepEqual(await disable(postpaid!.id), { data: { id: postpaid!.id } })
      assert.deepEqual(await disable(postpaid!.id), { data: { id: postpaid!.id } })
      await assert.rejects(disable(first!.id), badRequest(/body\.commit_id/))
      const audit = { resource_type: 'contract', resource_id: ids.contract_id }
      const actions = (await client.v1.auditLogs.list(audit)).data.map((entry) => entry.action)
      assert.equal(
        actions.filter((action) => action === 'contract.disable_commit_trueup').length,
        1,
      )
    })
  })

  describe('contract named schedules (v1.contracts.rateCards.namedSchedules in the SDK)', () => {
    test('update with ending_before splits; retrieve covering_date; listNamedSchedules filters, pages', async () => {
      const ids = await contractFor('Named Co', JAN)
      const schedules = client.v1.contracts.rateCards.namedSchedules
      const set = (schedule_name: string, value: string, starting_at: string, end?: string) =>
        schedules.update({
          ...ids,
          schedule_name,
          value,
          starting_at,
          ...(end ? { ending_before: end } : {}),
        })
      await set('tier', 'silver', JAN)
      await set('tier', 'gold', APR, JUL)
      await set('region', 'eu', JAN)
      assert.deepEqual((await schedules.retrieve({ ...ids, schedule_name: 'tier' })).data, [
        { starting_at: JAN, ending_before: APR, value: 'silver' },
        { starting_at: APR, ending_before: JUL, value: 'gold' },
        { starting_at: JUL, value: 'silver' },
      ])
      const may = '2025-05-01T00:00:00Z'
      const covering = await schedules.retrieve({
        ...ids,
        schedule_name: 'tier',
        covering_date: may,
      })
      assert.deepEqual(
        covering.data.map((segment) => segment.value),
        ['gold'],
      )
      type Listed = {
        data: { schedule_name: string; segments: { value: unknown }[] }[]
        next_page: string | null
      }
      const list = (body: Record<string, unknown>) =>
        client.post<Listed>('/v1/contracts/listNamedSchedules', { body: { ...ids, ...body } })
      const rows = (page: Listed) =>
        page.data.map((row) => [row.schedule_name, row.segments.length])
      assert.deepEqual(rows(await list({ schedule_name: 'region' })), [['region', 1]])
      const listedOn = await list({ covering_date: may })
      assert.deepEqual(
        listedOn.data.map((row) => [row.schedule_name, row.segments.map((each) => each.value)]),
        [
          ['region', ['eu']],
          ['tier', ['gold']],
        ],
      )
      const first = await list({ limit: 1 })
      const second = await list({ limit: 1, next_page: first.next_page })
      assert.deepEqual(
        [rows(first), rows(second), second.next_page],
        [[['region', 1]], [['tier', 3]], null],
      )
    })
  })

  describe('v1.customers.commits and credits', () => {
    type ListParams = Omit<
      Metronome.V1.Customers.CommitListParams & Metronome.V1.Customers.CreditListParams,
      'customer_id'
    >
    test('27 of each: pages of 25 by next_page, filters, include flags, updateEndDate', async () => {
      const ids = await contractFor('Balances Co', JAN, {
        commits: [prepaid(5, JAN, Y28)],
        credits: [{ product_id: fee, access_schedule: access(5, JAN, Y28) }],
      })
      const { customer_id } = ids
      const made = { commit: [] as string[], credit: [] as string[] }
      for (let i = 0; i < 27; i += 1) {
        const term = { customer_id, priority: 1, product_id: fee, name: `${i}` }
        const schedule = { access_schedule: access((i + 1) * 10, month(i), month(i + 1)) }
        const commit = { ...term, ...schedule, type: 'PREPAID' as const }
        made.commit.push((await client.v1.customers.commits.create(commit)).data.id)
        made.credit.push(
          (await client.v1.customers.credits.create({ ...term, ...schedule })).data.id,
        )
      }
      for (const kind of ['commit', 'credit'] as const) {
        const { commits, credits } = client.v1.customers
        const list = (params: ListParams = {}) =>
          (kind === 'commit' ? commits : credits).list({ customer_id, ...params })
        const names = async (params: ListParams) => (await list(params)).data.map((x) => x.name)
        const byId = (index: number, more: ListParams = {}) =>
          list({ [`${kind}_id`]: made[kind][index], ...more }).then((page) => page.data[0])
        const first = await list()
        assert.equal(first.data.length, 25, kind)
        const second = await list({ next_page: first.next_page })
        assert.equal(second.hasNextPage(), false)
        const wire = await list({ next_page: first.next_page }).asResponse()
        assert.equal(((await wire.json()) as { next_page: unknown }).next_page, null)
        const paged = [...first.data, ...second.data].map((each) => each.id)
        assert.deepEqual(paged, made[kind])
        const next = (await first.getNextPage()).data.map((each) => each.id)
        assert.deepEqual(next, made[kind].slice(25))
        assert.equal((await byId(5))?.name, '5')
        assert.deepEqual(await names({ covering_date: '2026-03-15T00:00:00Z' }), ['2'])
        assert.deepEqual(await names({ covering_date: month(2) }), ['2'], 'half-open')
        assert.deepEqual(await names({ starting_at: month(25) }), ['25', '26'])
        assert.deepEqual(await names({ effective_before: month(2) }), ['0', '1'])
        const withContract = []
        const includeContract = { [`include_contract_${kind}s`]: true }
        for await (const each of list(includeContract)) withContract.push(each.contract?.id)
        assert.equal(withContract.length, 28)
        assert.deepEqual(withContract.filter(Boolean), [ids.contract_id])

        const plain = await byId(11)
        assert.deepEqual([plain?.ledger, plain?.balance], [undefined, undefined])
        const flags = { include_ledgers: true, include_balance: true }
        const [start, expiry] =
          kind === 'commit'
            ? ['PREPAID_COMMIT_SEGMENT_START', 'PREPAID_COMMIT_EXPIRATION']
            : ['CREDIT_SEGMENT_START', 'CREDIT_EXPIRATION']
        const current = await byId(11, flags)
        assert.deepEqual([ledgerOf(current), current?.balance], [[[start, 120]], 120])
        const expired = await byId(0, flags)
        const ledger = [
          [start, 10],
          [expiry, -10],
        ]
        assert.deepEqual([ledgerOf(expired), expired?.balance], [ledger, 0])

        const archive = { customer_id, [`${kind}_id`]: made[kind][26] }
        await client.post(`/v2/contracts/${kind}s/archive`, { body: archive })
        assert.deepEqual(await names({ starting_at: month(25) }), ['25'])
        const archived = await names({ starting_at: month(25), include_archived: true })
        assert.deepEqual(archived, ['25', '26'])
      }

      const endOf = async (kind: 'commit' | 'credit') => {
        const { commits, credits } = client.v1.customers
        const params = { customer_id, [`${kind}_id`]: made[kind][11] }
        const page = await (kind === 'commit' ? commits : credits).list(params)
        return firstSegment(page.data[0])?.ending_before
      }
      const credit_id = made.credit[11]!
      const midDecember = '2026-12-15T00:00:00.000Z'
      const ended = { customer_id, credit_id, access_ending_before: midDecember }
      assert.equal((await client.v1.customers.credits.updateEndDate(ended)).data.id, credit_id)
      assert.equal(await endOf('credit'), midDecember)
      assert.equal(await endOf('commit'), month(12), 'the commit of the same month is untouched')

      const invoiced = await client.v1.customers.commits.create({
        customer_id,
        type: 'PREPAID',
        priority: 1,
        product_id: fee,
        access_schedule: access(100, month(0), month(6)),
        invoice_schedule: {
          schedule_items: [
            { timestamp: month(0), amount: 50 },
            { timestamp: month(4), amount: 50 },
          ],
        },
        invoice_contract_id: ids.contract_id,
      })
      const commit_id = invoiced.data.id
      await client.v1.customers.commits.updateEndDate({
        customer_id,
        commit_id,
        access_ending_before: month(5),
        invoices_ending_before: month(3),
      })
      const [updated] = (await client.v1.customers.commits.list({ customer_id, commit_id })).data
      assert.equal(firstSegment(updated)?.ending_before, month(5))
      assert.deepEqual(
        updated?.invoice_schedule?.schedule_items?.map((item) => [item.timestamp, item.amount]),
        [[month(0), 50]],
      )
    })
  })

  describe('v1.packages', () => {
    test('contracts by package_id and package_alias; listContractsOnPackage filters; archive_filter', async () => {
      const segment = {
        amount: 600,
        starting_at_offset: { unit: 'MONTHS' as const, value: 0 },
        duration: { unit: 'MONTHS' as const, value: 6 },
      }
      const created = await client.v1.packages.create({
        name: 'Half year',
        contract_name: 'Half-year plan',
        aliases: [{ name: 'half-year' }],
        duration: { unit: 'MONTHS', value: 6 },
        net_payment_terms_days: 20,
        rate_card_id: card,
        commits: [
          { type: 'PREPAID', product_id: fee, access_schedule: { schedule_items: [segment] } },
        ],
      })
      const package_id = created.data.id
      const customer_id = await createCustomer(client, 'Package Co')
      const provision = async (starting_at: string, from: CreateParams) =>
        (await client.v1.contracts.create({ customer_id, starting_at, ...from })).data.id
      const byId = await provision(JAN, { package_id })
      const byAlias = await provision(JUL, { package_alias: 'half-year' })
      const got = await v2Of({ customer_id, contract_id: byId })
      assert.deepEqual(
        [got.name, got.ending_before, got.rate_card_id, got.net_payment_terms_days],
        ['Half-year plan', JUL, card, 20],
      )
      const provided = firstSegment(got.commits[0])
      assert.deepEqual(
        [provided?.amount, provided?.starting_at, provided?.ending_before],
        [600, JAN, JUL],
      )
      const v1 = await client.v1.contracts.retrieve({ customer_id, contract_id: byAlias })
      assert.deepEqual([v1.data.package_id, v1.data.current.ending_before], [package_id, Y26])
      const archive = { customer_id, contract_id: byId, void_invoices: false }
      await client.v1.contracts.archive(archive)

      type Params = Partial<Metronome.V1.PackageListContractsOnPackageParams>
      const on = async (params: Params) => {
        const rows = []
        const pages = client.v1.packages.listContractsOnPackage({ package_id, ...params })
        for await (const row of pages) rows.push([row.contract_id, Boolean(row.archived_at)])
        return rows
      }
      const [archivedRow, activeRow] = [
        [byId, true],
        [byAlias, false],
      ]
      assert.deepEqual(await on({}), [activeRow])
      assert.deepEqual(await on({ include_archived: true }), [archivedRow, activeRow])
      assert.deepEqual(await on({ include_archived: true, starting_at: JUL }), [activeRow])
      assert.deepEqual(await on({ include_archived: true, covering_date: FEB }), [archivedRow])
      const params = { package_id, include_archived: true, limit: 1 }
      const page = await client.v1.packages.listContractsOnPackage(params)
      assert.deepEqual(
        page.data.map((row) => row.contract_id),
        [byId],
      )
      const next = await page.getNextPage()
      assert.deepEqual(
        next.data.map((row) => row.contract_id),
        [byAlias],
      )
      assert.equal(next.hasNextPage(), false)
      const both = { package_id, starting_at: JAN, covering_date: FEB }
      await assert.rejects(
        client.v1.packages.listContractsOnPackage(both).then(() => null),
        badRequest(/body\.covering_date/),
      )

      await client.v1.packages.archive({ package_id })
      const listed = async (archive_filter: 'ARCHIVED' | 'NOT_ARCHIVED' | 'ALL') =>
        (await client.v1.packages.list({ archive_filter })).data.map((each) => each.id)
      assert.deepEqual(await listed('ARCHIVED'), [package_id])
      assert.deepEqual(await listed('NOT_ARCHIVED'), [])
      assert.deepEqual(await listed('ALL'), [package_id])
    })
  })
})
