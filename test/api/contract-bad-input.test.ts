/**
 * Bad input to the contract operations, table-driven, on both stores: contracts/create, amend,
 * v2 edit, customerCommits/create, customerCredits/create and packages/create. Every row is one
 * request that must answer 400 with a message naming the field (v2: code InvalidArgument, or the
 * documented CustomerNotFound), and write nothing: the customer's contracts, every contract's
 * edit history, the customer-level commits and credits, the packages and the audit log are
 * compared before and after. Rows marked `bug` are known to answer otherwise today; they run as
 * `todo` (reported, not failing) until fixed.
 *
 * Cases already covered elsewhere are not repeated here (contracts.test.ts "400 with nothing
 * written: …", contract-edits.test.ts "bad edits answer 400 …", subscription-updates.test.ts
 * "bad updates are 400s …", customer-balances.test.ts "bad input is a 400 …", packages.test.ts
 * "bad package requests are 400 …").
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { USD_CENTS_CREDIT_TYPE_ID as USD } from '../../src/domain/pricing/credit-type.js'
import {
  initialSettings,
  type Product,
  type ProductType,
} from '../../src/domain/pricing/product.js'
import { hashToken } from '../../src/lib/token-hash.js'
import { databaseKinds } from '../support/databases.js'
import { requestJson, startTestApp, type TestApp } from '../support/app.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'
const LATER = '2027-01-01T00:00:00.000Z'

type Body = Record<string, unknown>

interface Item {
  readonly id: string
}
interface Balance extends Item {
  readonly access_schedule: { readonly schedule_items: readonly Item[] }
  readonly invoice_schedule?: { readonly schedule_items: readonly Item[] }
  readonly rolled_over_from?: unknown
}
interface Terms {
  readonly commits: readonly Balance[]
  readonly credits: readonly Balance[]
  readonly overrides: readonly Item[]
  readonly scheduled_charges: readonly Item[]
  readonly recurring_commits: readonly Item[]
  readonly subscriptions: readonly Item[]
}

/** What the rows refer to: one customer with a contract holding every term kind, and more. */
interface Fixture {
  readonly customer: string
  readonly contract: string
  /** `{ customer_id, contract_id }` of the contract. */
  readonly ids: { readonly customer_id: string; readonly contract_id: string }
  /** A prepaid commit with two access segments [START, MID), [MID, END). */
  readonly prepaid: Balance
  /** A postpaid commit: one segment of 100 [START, END), invoiced 100 at END. */
  readonly postpaid: Balance
  /** A commit archived by a v2 edit. */
  readonly archivedCommit: Balance
  /** A customer-level postpaid commit: one segment of 100 [START, END), invoiced 100 at END. */
  readonly customerPostpaid: Balance
  readonly terms: Terms
  /** An archived contract of the same customer. */
  readonly archivedContract: string
  /** A renewal (of another customer) holding a rollover commit and a rollover credit. */
  readonly renewal: {
    readonly customer: string
    readonly contract: string
    readonly rolled: string
    readonly rolledCredit: string
  }
}

interface Row {
  readonly name: string
  readonly path: string
  readonly body: (f: Fixture) => Body
  /** The message must match: it names the field. */
  readonly message: RegExp
  /** The expected status: 400 unless the spec documents another (a 404 for an unknown customer). */
  readonly status?: number
  /** v2 only: the expected `code` (default InvalidArgument). */
  readonly code?: string
  /** What it answers today when that is not a 400 naming the field with nothing written. */
  readonly bug?: string
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The message starts with the field (then `says`, when given). */
const at = (field: string, says?: string) =>
  new RegExp(
    says === undefined ? `^${escape(field)}(?=[ .[])` : `^${escape(field)} ${escape(says)}`,
  )

const segment = (amount: number, startingAt = START, endingBefore = END) => ({
  amount,
  starting_at: startingAt,
  ending_before: endingBefore,
})
const access = (...items: object[]) => ({ schedule_items: items })
const points = (...items: [string, number][]) => ({
  schedule_items: items.map(([timestamp, amount]) => ({ timestamp, amount })),
})
const offset = (value: number) => ({ unit: 'DAYS', value })
const relative = (amount: number, start: number, days: number) => ({
  amount,
  starting_at_offset: offset(start),
  duration: offset(days),
})

for (const kind of await databaseKinds()) {
  describe(`contract bad input on ${kind}`, () => {
    let t: TestApp
    let clientId: string
    let fixed: string
    let usage: string
    let seats: string
    let rateCard: string
    let packageId: string
    let packageAlias: string
    let shared: Fixture

    const call = (path: string, payload: unknown) => requestJson(t, path, payload)
    const ok = async (path: string, payload: unknown) => {
      const answer = await call(path, payload)
      assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`)
      return answer.body
    }

    const makeProduct = async (type: ProductType, name: string) => {
      const id = randomUUID()
      const product: Product = {
        id,
        type,
        initial: initialSettings({ type, name, tags: [] }),
        updates: [],
        customFields: {},
        createdAt: new Date('2024-01-01T00:00:00Z'),
        createdBy: 'test',
        archivedAt: null,
      }
      await t.app.store.insertProduct(clientId, product)
      return id
    }
    const makeCustomer = async () =>
      (await ok('/v1/customers', { name: `c ${randomUUID()}` })).data.id as string

    const prepaid = (extra: Body = {}): Body => ({
      type: 'PREPAID',
      product_id: fixed,
      access_schedule: access(segment(100)),
      ...extra,
    })
    const postpaid = (extra: Body = {}): Body => ({
      type: 'POSTPAID',
      product_id: fixed,
      access_schedule: access(segment(100)),
      invoice_schedule: points([END, 100]),
      ...extra,
    })
    const credit = (extra: Body = {}): Body => ({
      product_id: fixed,
      access_schedule: access(segment(10)),
      ...extra,
    })
    const override = (extra: Body = {}): Body => ({
      product_id: usage,
      starting_at: START,
      type: 'MULTIPLIER',
      multiplier: 0.9,
      ...extra,
    })
    const recurring = (extra: Body = {}): Body => ({
      product_id: fixed,
      priority: 1,
      starting_at: START,
      access_amount: { unit_price: 10, quantity: 1, credit_type_id: USD },
      commit_duration: { value: 1 },
      ...extra,
    })
    const subscription = (extra: Body = {}): Body => ({
      subscription_rate: { product_id: seats, billing_frequency: 'MONTHLY' },
      collection_schedule: 'ADVANCE',
      proration: {},
      initial_quantity: 2,
      ...extra,
    })
    const charge = (extra: Body = {}): Body => ({
      product_id: fixed,
      schedule: points([START, 5]),
      ...extra,
    })
    const customerCommit = (f: Pick<Fixture, 'customer'>, extra: Body = {}): Body => ({
      customer_id: f.customer,
      type: 'PREPAID',
      priority: 1,
      product_id: fixed,
      access_schedule: access(segment(100)),
      ...extra,
    })
    const customerCredit = (f: Fixture, extra: Body = {}): Body => ({
      customer_id: f.customer,
      priority: 1,
      product_id: fixed,
      access_schedule: access(segment(100)),
      ...extra,
    })
    const packageTemplate = (extra: Body = {}): Body => ({
      name: `Package ${randomUUID()}`,
      ...extra,
    })

    /** A fresh customer with a contract of every term kind, an archived contract and a renewal. */
    const setUp = async (): Promise<Fixture> => {
      const customer = await makeCustomer()
      const contract = (
        await ok('/v1/contracts/create', {
          customer_id: customer,
          starting_at: START,
          ending_before: END,
          rate_card_id: rateCard,
          commits: [
            prepaid({
              access_schedule: access(segment(100, START, MID), segment(100, MID, END)),
            }),
            prepaid({ name: 'to archive' }),
            postpaid(),
          ],
          credits: [credit()],
          scheduled_charges: [charge()],
          overrides: [override()],
          recurring_commits: [recurring()],
          subscriptions: [
            subscription(),
            subscription({
              initial_quantity: undefined,
              quantity_management_mode: 'SEAT_BASED',
              seat_config: { seat_group_key: 'user', initial_seat_ids: ['u1'] },
            }),
          ],
        })
      ).data.id as string
      const ids = { customer_id: customer, contract_id: contract }
      const terms = (await ok('/v2/contracts/get', ids)).data as Terms
      const [first, toArchive, second] = terms.commits
      await ok('/v2/contracts/edit', { ...ids, archive_commits: [{ id: toArchive!.id }] })
      const customerPostpaidId = (
        await ok(
          '/v1/contracts/customerCommits/create',
          customerCommit(
            { customer },
            {
              type: 'POSTPAID',
              invoice_contract_id: contract,
              invoice_schedule: points([END, 100]),
            },
          ),
        )
      ).data.id as string
      const customerCommits = (
        await ok('/v1/contracts/customerCommits/list', { customer_id: customer })
      ).data as Balance[]
      const customerPostpaid = customerCommits.find((each) => each.id === customerPostpaidId)!
      const archivedContract = (
        await ok('/v1/contracts/create', { customer_id: customer, starting_at: START })
      ).data.id as string
      await ok('/v1/contracts/archive', {
        customer_id: customer,
        contract_id: archivedContract,
        void_invoices: false,
      })

      const renewalCustomer = await makeCustomer()
      const old = (
        await ok('/v1/contracts/create', {
          customer_id: renewalCustomer,
          starting_at: START,
          ending_before: END,
          commits: [prepaid({ rollover_fraction: 1 })],
          credits: [credit({ rollover_fraction: 1 })],
        })
      ).data.id as string
      const renewal = (
        await ok('/v1/contracts/create', {
          customer_id: renewalCustomer,
          starting_at: END,
          ending_before: LATER,
          transition: { type: 'RENEWAL', from_contract_id: old },
        })
      ).data.id as string
      const renewed = (
        await ok('/v2/contracts/get', { customer_id: renewalCustomer, contract_id: renewal })
      ).data as Terms
      const rolled = renewed.commits.find((commit) => commit.rolled_over_from)
      const rolledCredit = renewed.credits.find((each) => each.rolled_over_from)
      assert.ok(rolled && rolledCredit, 'the renewal holds a rollover commit and credit')
      return {
        customer,
        contract,
        ids,
        prepaid: first!,
        postpaid: second!,
        archivedCommit: toArchive!,
        customerPostpaid,
        terms,
        archivedContract,
        renewal: {
          customer: renewalCustomer,
          contract: renewal,
          rolled: rolled.id,
          rolledCredit: rolledCredit.id,
        },
      }
    }

    /** Everything a refused request must leave as it was. */
    const snapshot = async (f: Fixture) => {
      const contracts: unknown[] = []
      const histories: unknown[] = []
      for (const customer of [f.customer, f.renewal.customer]) {
        const listed = (
          await ok('/v1/contracts/list', { customer_id: customer, include_archived: true })
        ).data as Item[]
        contracts.push(listed)
        for (const contract of listed) {
          histories.push(
            await ok('/v2/contracts/getEditHistory', {
              customer_id: customer,
              contract_id: contract.id,
            }),
          )
        }
      }
      const commits = await ok('/v1/contracts/customerCommits/list', { customer_id: f.customer })
      const credits = await ok('/v1/contracts/customerCredits/list', { customer_id: f.customer })
      const packages = (
        (await ok('/v1/packages/list?limit=100', { archive_filter: 'ALL' })).data as Item[]
      ).map((pkg) => pkg.id)
      const audit = await t.app.store.listAudit({
        clientId,
        sort: 'date_desc',
        limit: 1,
        after: null,
        startingOn: null,
        endingBefore: null,
        resource: null,
      })
      return { contracts, histories, commits, credits, packages, audit }
    }

    before(async () => {
      t = await startTestApp(kind)
      const caller = await t.app.store.findTokenByHash(hashToken(t.token))
      assert.ok(caller)
      clientId = caller.clientId
      fixed = await makeProduct('FIXED', 'Platform fee')
      usage = await makeProduct('USAGE', 'API calls')
      seats = await makeProduct('SUBSCRIPTION', 'Seats')
      rateCard = (await ok('/v1/contract-pricing/rate-cards/create', { name: 'Card' })).data.id
      packageAlias = `package-${randomUUID()}`
      packageId = (
        await ok('/v1/packages/create', packageTemplate({ aliases: [{ name: packageAlias }] }))
      ).data.id
      shared = await setUp()
    })
    after(() => t.close())

    const create = '/v1/contracts/create'
    const amend = '/v1/contracts/amend'
    const edit = '/v2/contracts/edit'
    const commits = '/v1/contracts/customerCommits/create'
    const credits = '/v1/contracts/customerCredits/create'
    const packages = '/v1/packages/create'
    const base = (f: Fixture): Body => ({ customer_id: f.customer, starting_at: START })
    const amendBase = (f: Fixture): Body => ({ ...f.ids, starting_at: MID })

    const unknownReferences: Row[] = [
      {
        name: 'amend: unknown customer',
        path: amend,
        body: (f) => ({ ...amendBase(f), customer_id: randomUUID() }),
        // The spec documents a 404 for an unknown customer on amend and the customer-level creates.
        status: 404,
        message: /^Customer [0-9a-f-]{36} not found/,
      },
      {
        name: 'v2 edit: unknown customer (the documented CustomerNotFound)',
        path: edit,
        body: (f) => ({ ...f.ids, customer_id: randomUUID(), update_contract_name: 'x' }),
        message: /^Customer [0-9a-f-]{36} not found/,
        code: 'CustomerNotFound',
      },
      {
        name: 'customerCommits/create: unknown customer',
        path: commits,
        body: (f) => customerCommit(f, { customer_id: randomUUID() }),
        status: 404,
        message: /^Customer [0-9a-f-]{36} not found/,
      },
      {
        name: 'customerCredits/create: unknown customer',
        path: credits,
        body: (f) => customerCredit(f, { customer_id: randomUUID() }),
        status: 404,
        message: /^Customer [0-9a-f-]{36} not found/,
      },
      {
        name: 'create: unknown credit product',
        path: create,
        body: (f) => ({ ...base(f), credits: [credit({ product_id: randomUUID() })] }),
        message: at('body.credits[0].product_id', 'names no product'),
      },
      {
        name: 'create: unknown scheduled charge product',
        path: create,
        body: (f) => ({ ...base(f), scheduled_charges: [charge({ product_id: randomUUID() })] }),
        message: at('body.scheduled_charges[0].product_id', 'names no product'),
      },
      {
        name: 'create: unknown subscription product',
        path: create,
        body: (f) => ({
          ...base(f),
          subscriptions: [
            subscription({
              subscription_rate: { product_id: randomUUID(), billing_frequency: 'MONTHLY' },
            }),
          ],
        }),
        message: at('body.subscriptions[0].subscription_rate.product_id', 'names no product'),
      },
      {
        name: 'create: unknown recurring commit product',
        path: create,
        body: (f) => ({ ...base(f), recurring_commits: [recurring({ product_id: randomUUID() })] }),
        message: at('body.recurring_commits[0].product_id', 'names no product'),
      },
      {
        name: 'amend: unknown commit product',
        path: amend,
        body: (f) => ({ ...amendBase(f), commits: [prepaid({ product_id: randomUUID() })] }),
        message: at('body.commits[0].product_id', 'names no product'),
      },
      {
        name: 'amend: unknown scheduled charge product',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          scheduled_charges: [charge({ product_id: randomUUID() })],
        }),
        message: at('body.scheduled_charges[0].product_id', 'names no product'),
      },
      {
        name: 'amend: unknown override product',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          overrides: [override({ product_id: randomUUID(), starting_at: MID })],
        }),
        message: at('body.overrides[0].product_id', 'names no product'),
      },
      {
        name: 'v2 edit: unknown product in add_credits',
        path: edit,
        body: (f) => ({ ...f.ids, add_credits: [credit({ product_id: randomUUID() })] }),
        message: at('body.add_credits[0].product_id', 'names no product'),
      },
      {
        name: 'v2 edit: unknown product in add_overrides',
        path: edit,
        body: (f) => ({ ...f.ids, add_overrides: [override({ product_id: randomUUID() })] }),
        message: at('body.add_overrides[0].product_id', 'names no product'),
      },
      {
        name: 'v2 edit: unknown product in update_commits',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [{ commit_id: f.prepaid.id, product_id: randomUUID() }],
        }),
        message: at('body.update_commits[0].product_id', 'names no product'),
      },
      {
        name: 'customerCredits/create: unknown product',
        path: credits,
        body: (f) => customerCredit(f, { product_id: randomUUID() }),
        message: at('body.product_id', 'names no product'),
      },
      {
        name: 'customerCredits/create: unknown applicable contract',
        path: credits,
        body: (f) => customerCredit(f, { applicable_contract_ids: [randomUUID()] }),
        message: at('body.applicable_contract_ids[0]', 'names no contract of this customer'),
      },
      {
        name: 'customerCommits/create: unknown invoice contract',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            type: 'POSTPAID',
            invoice_contract_id: randomUUID(),
            invoice_schedule: points([END, 100]),
          }),
        message: at('body.invoice_contract_id', 'names no contract of this customer'),
      },
      {
        name: 'packages/create: unknown rate card alias',
        path: packages,
        body: () => packageTemplate({ rate_card_alias: `missing-${randomUUID()}` }),
        message: at('body.rate_card_alias', 'names no rate card'),
      },
      {
        name: 'packages/create: unknown commit product',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              {
                type: 'PREPAID',
                product_id: randomUUID(),
                access_schedule: access(relative(1, 0, 1)),
              },
            ],
          }),
        message: at('body.commits[0].product_id', 'names no product'),
      },
      {
        name: 'packages/create: unknown credit product',
        path: packages,
        body: () =>
          packageTemplate({
            credits: [{ product_id: randomUUID(), access_schedule: access(relative(1, 0, 1)) }],
          }),
        message: at('body.credits[0].product_id', 'names no product'),
      },
      {
        name: 'packages/create: unknown override product',
        path: packages,
        body: () =>
          packageTemplate({
            overrides: [
              {
                starting_at_offset: offset(0),
                type: 'MULTIPLIER',
                multiplier: 1,
                override_specifiers: [{ product_id: randomUUID() }],
              },
            ],
          }),
        message: at('body.overrides[0].override_specifiers[0].product_id', 'names no product'),
      },
      {
        name: 'packages/create: unknown subscription product',
        path: packages,
        body: () =>
          packageTemplate({
            subscriptions: [
              subscription({
                subscription_rate: { product_id: randomUUID(), billing_frequency: 'MONTHLY' },
              }),
            ],
          }),
        message: at('body.subscriptions[0].subscription_rate.product_id', 'names no product'),
      },
      {
        name: 'packages/create: unknown recurring commit product',
        path: packages,
        body: () =>
          packageTemplate({
            recurring_commits: [
              recurring({
                product_id: randomUUID(),
                starting_at: undefined,
                starting_at_offset: offset(0),
              }),
            ],
          }),
        message: at('body.recurring_commits[0].product_id', 'names no product'),
      },
    ]

    const nonFixed: Row[] = [
      {
        name: 'amend: a USAGE product on a commit',
        path: amend,
        body: (f) => ({ ...amendBase(f), commits: [prepaid({ product_id: usage })] }),
        message: at('body.commits[0].product_id', 'must name a FIXED product'),
      },
      {
        name: 'v2 edit: a USAGE product on add_commits',
        path: edit,
        body: (f) => ({ ...f.ids, add_commits: [prepaid({ product_id: usage })] }),
        message: at('body.add_commits[0].product_id', 'must name a FIXED product'),
      },
      {
        name: 'v2 edit: a USAGE product on update_commits',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [{ commit_id: f.prepaid.id, product_id: usage }],
        }),
        message: at('body.update_commits[0].product_id', 'must name a FIXED product'),
      },
      {
        name: 'create: a USAGE product on a recurring commit',
        path: create,
        body: (f) => ({ ...base(f), recurring_commits: [recurring({ product_id: usage })] }),
        message: at('body.recurring_commits[0].product_id', 'must name a FIXED product'),
      },
      {
        name: 'customerCredits/create: a USAGE product',
        path: credits,
        body: (f) => customerCredit(f, { product_id: usage }),
        message: at('body.product_id', 'must name a FIXED product'),
      },
      {
        name: 'packages/create: a USAGE product on a commit',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              { type: 'PREPAID', product_id: usage, access_schedule: access(relative(1, 0, 1)) },
            ],
          }),
        message: at('body.commits[0].product_id', 'must name a FIXED product'),
      },
    ]

    const postpaidRules: Row[] = [
      {
        name: 'create: postpaid commit with two invoice items',
        path: create,
        body: (f) => ({
          ...base(f),
          commits: [postpaid({ invoice_schedule: points([MID, 50], [END, 50]) })],
        }),
        message: at(
          'body.commits[0].invoice_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'amend: postpaid commit with two access segments',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          commits: [
            postpaid({
              access_schedule: access(
                segment(50, MID, '2025-09-01T00:00:00.000Z'),
                segment(50, '2025-09-01T00:00:00.000Z', END),
              ),
            }),
          ],
        }),
        message: at(
          'body.commits[0].access_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'amend: postpaid invoice amount not the access amount',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          commits: [
            postpaid({
              access_schedule: access(segment(100, MID)),
              invoice_schedule: points([END, 99]),
            }),
          ],
        }),
        message: at(
          'body.commits[0].invoice_schedule.schedule_items[0].amount',
          'must equal the access amount',
        ),
      },
      {
        name: 'v2 edit: add_commits postpaid with two access segments',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_commits: [
            postpaid({ access_schedule: access(segment(50, START, MID), segment(50, MID, END)) }),
          ],
        }),
        message: at(
          'body.add_commits[0].access_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'v2 edit: add_commits postpaid invoice amount not the access amount',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_commits: [postpaid({ invoice_schedule: points([END, 99]) })],
        }),
        message: at(
          'body.add_commits[0].invoice_schedule.schedule_items[0].amount',
          'must equal the access amount',
        ),
      },
      {
        name: 'v2 edit: add_commits postpaid with two invoice items',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_commits: [postpaid({ invoice_schedule: points([MID, 50], [END, 50]) })],
        }),
        message: at(
          'body.add_commits[0].invoice_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'v2 edit: update_commits adds a second access segment to a postpaid commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.postpaid.id,
              access_schedule: { add_schedule_items: [segment(1, END, LATER)] },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule',
          'would leave the POSTPAID commit with 2 access segments',
        ),
      },
      {
        name: 'v2 edit: update_commits changes a postpaid access amount away from the invoice amount',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.postpaid.id,
              access_schedule: {
                update_schedule_items: [
                  { id: f.postpaid.access_schedule.schedule_items[0]!.id, amount: 7 },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.update_schedule_items[0].amount',
          'would leave the POSTPAID commit with access amount 7 and invoice amount 100',
        ),
      },
      {
        name: 'v2 edit: update_commits adds a second invoice item to a postpaid commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.postpaid.id,
              invoice_schedule: { add_schedule_items: [{ timestamp: MID, amount: 1 }] },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].invoice_schedule',
          'would leave the POSTPAID commit with 2 invoice items',
        ),
      },
      {
        name: 'v2 edit: update_commits removes the invoice item of a postpaid commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.postpaid.id,
              invoice_schedule: {
                remove_schedule_items: [{ id: f.postpaid.invoice_schedule!.schedule_items[0]!.id }],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].invoice_schedule',
          'would leave the POSTPAID commit with 0 invoice items',
        ),
      },
      {
        name: 'v2 edit: update_commits changes a postpaid invoice amount away from the access amount',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.postpaid.id,
              invoice_schedule: {
                update_schedule_items: [
                  { id: f.postpaid.invoice_schedule!.schedule_items[0]!.id, amount: 99 },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].invoice_schedule.update_schedule_items[0].amount',
          'would leave the POSTPAID commit with access amount 100 and invoice amount 99',
        ),
      },
      {
        name: 'commits/edit: a second access segment on a contract’s postpaid commit',
        path: '/v2/contracts/commits/edit',
        body: (f) => ({
          customer_id: f.customer,
          commit_id: f.postpaid.id,
          access_schedule: { add_schedule_items: [segment(1, END, LATER)] },
        }),
        message: at(
          'body.access_schedule',
          'would leave the POSTPAID commit with 2 access segments',
        ),
      },
      {
        name: 'commits/edit: a customer-level postpaid commit’s access amount away from its invoice',
        path: '/v2/contracts/commits/edit',
        body: (f) => ({
          customer_id: f.customer,
          commit_id: f.customerPostpaid.id,
          access_schedule: {
            update_schedule_items: [
              { id: f.customerPostpaid.access_schedule.schedule_items[0]!.id, amount: 7 },
            ],
          },
        }),
        message: at(
          'body.access_schedule.update_schedule_items[0].amount',
          'would leave the POSTPAID commit with access amount 7 and invoice amount 100',
        ),
      },
      {
        name: 'commits/edit: a second invoice item on a customer-level postpaid commit',
        path: '/v2/contracts/commits/edit',
        body: (f) => ({
          customer_id: f.customer,
          commit_id: f.customerPostpaid.id,
          invoice_schedule: { add_schedule_items: [{ timestamp: MID, amount: 1 }] },
        }),
        message: at(
          'body.invoice_schedule',
          'would leave the POSTPAID commit with 2 invoice items',
        ),
      },
      {
        name: 'customerCommits/create: postpaid with two access segments',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            type: 'POSTPAID',
            invoice_contract_id: f.contract,
            access_schedule: access(segment(50, START, MID), segment(50, MID, END)),
            invoice_schedule: points([END, 100]),
          }),
        message: at(
          'body.access_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'customerCommits/create: postpaid invoice amount not the access amount',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            type: 'POSTPAID',
            invoice_contract_id: f.contract,
            invoice_schedule: points([END, 99]),
          }),
        message: at(
          'body.invoice_schedule.schedule_items[0].amount',
          'must equal the access amount',
        ),
      },
      {
        name: 'customerCommits/create: postpaid with two invoice items',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            type: 'POSTPAID',
            invoice_contract_id: f.contract,
            invoice_schedule: points([MID, 50], [END, 50]),
          }),
        message: at(
          'body.invoice_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'packages/create: postpaid with two access segments',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              {
                type: 'POSTPAID',
                product_id: fixed,
                access_schedule: access(relative(1, 0, 1), relative(1, 1, 1)),
                invoice_schedule: {
                  schedule_items: [{ unit_price: 2, quantity: 1, date_offset: offset(2) }],
                },
              },
            ],
          }),
        message: at(
          'body.commits[0].access_schedule.schedule_items',
          'must have exactly one item for POSTPAID commits',
        ),
      },
      {
        name: 'packages/create: postpaid invoice amount not the access amount',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              {
                type: 'POSTPAID',
                product_id: fixed,
                access_schedule: access(relative(3, 0, 1)),
                invoice_schedule: {
                  schedule_items: [{ unit_price: 2, quantity: 1, date_offset: offset(1) }],
                },
              },
            ],
          }),
        message: at(
          'body.commits[0].invoice_schedule.schedule_items[0].amount',
          'must equal the access amount',
        ),
      },
    ]

    const scheduleOrder: Row[] = [
      {
        name: 'amend: overlapping credit access segments',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          credits: [
            credit({
              access_schedule: access(
                segment(1, MID, END),
                segment(1, '2025-09-01T00:00:00.000Z', END),
              ),
            }),
          ],
        }),
        message: at(
          'body.credits[0].access_schedule.schedule_items[1].starting_at',
          'must not be before',
        ),
      },
      {
        name: 'v2 edit: add_commits with unordered access segments',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_commits: [
            prepaid({ access_schedule: access(segment(1, MID, END), segment(1, START, MID)) }),
          ],
        }),
        message: at(
          'body.add_commits[0].access_schedule.schedule_items[1].starting_at',
          'must not be before',
        ),
      },
      {
        name: 'v2 edit: update_commits adds a segment overlapping the existing ones',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: { add_schedule_items: [segment(1, START, END)] },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.add_schedule_items[0].starting_at',
          'would overlap the segment [2025-01-01T00:00:00.000Z, 2025-07-01T00:00:00.000Z)',
        ),
      },
      {
        name: 'v2 edit: update_commits stretches a segment over the next one',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: {
                update_schedule_items: [
                  { id: f.prepaid.access_schedule.schedule_items[0]!.id, ending_before: END },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.update_schedule_items[0].ending_before',
          'would overlap the segment [2025-07-01T00:00:00.000Z, 2026-01-01T00:00:00.000Z)',
        ),
      },
      {
        name: 'v2 edit: update_commits moves a segment start into the one before',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: {
                update_schedule_items: [
                  {
                    id: f.prepaid.access_schedule.schedule_items[1]!.id,
                    starting_at: '2025-03-01T00:00:00.000Z',
                  },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.update_schedule_items[0].starting_at',
          'would overlap the segment',
        ),
      },
      {
        name: 'commits/edit: a segment overlapping the commit’s others',
        path: '/v2/contracts/commits/edit',
        body: (f) => ({
          customer_id: f.customer,
          commit_id: f.prepaid.id,
          access_schedule: { add_schedule_items: [segment(1, MID, LATER)] },
        }),
        message: at(
          'body.access_schedule.add_schedule_items[0].starting_at',
          'would overlap the segment',
        ),
      },
      {
        name: 'credits/edit: a segment overlapping the credit’s',
        path: '/v2/contracts/credits/edit',
        body: (f) => ({
          customer_id: f.customer,
          credit_id: f.terms.credits[0]!.id,
          access_schedule: { add_schedule_items: [segment(1, MID, LATER)] },
        }),
        message: at(
          'body.access_schedule.add_schedule_items[0].starting_at',
          'would overlap the segment',
        ),
      },
      {
        name: 'v2 edit: update_credits adds a segment overlapping the credit’s',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_credits: [
            {
              credit_id: f.terms.credits[0]!.id,
              access_schedule: { add_schedule_items: [segment(1, MID, LATER)] },
            },
          ],
        }),
        message: at(
          'body.update_credits[0].access_schedule.add_schedule_items[0].starting_at',
          'would overlap the segment',
        ),
      },
      {
        name: 'customerCommits/create: overlapping access segments',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            access_schedule: access(segment(1, START, END), segment(1, MID, END)),
          }),
        message: at('body.access_schedule.schedule_items[1].starting_at', 'must not be before'),
      },
      {
        name: 'customerCredits/create: unordered access segments',
        path: credits,
        body: (f) =>
          customerCredit(f, {
            access_schedule: access(segment(1, MID, END), segment(1, START, MID)),
          }),
        message: at('body.access_schedule.schedule_items[1].starting_at', 'must not be before'),
      },
      {
        name: 'packages/create: overlapping access segments',
        path: packages,
        body: () =>
          packageTemplate({
            credits: [
              { product_id: fixed, access_schedule: access(relative(1, 0, 5), relative(1, 1, 1)) },
            ],
          }),
        message: at(
          'body.credits[0].access_schedule.schedule_items[1].starting_at_offset',
          'must not be before',
        ),
      },
      {
        name: 'create: unordered commit invoice schedule',
        path: create,
        body: (f) => ({
          ...base(f),
          commits: [prepaid({ invoice_schedule: points([MID, 1], [START, 1]) })],
        }),
        message: at('body.commits[0].invoice_schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'create: two commit invoice items at the same timestamp',
        path: create,
        body: (f) => ({
          ...base(f),
          commits: [prepaid({ invoice_schedule: points([MID, 1], [MID, 1]) })],
        }),
        message: at('body.commits[0].invoice_schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'customerCommits/create: unordered invoice schedule',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            invoice_contract_id: f.contract,
            invoice_schedule: points([MID, 1], [START, 1]),
          }),
        message: at('body.invoice_schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'create: unordered scheduled charge items',
        path: create,
        body: (f) => ({
          ...base(f),
          scheduled_charges: [charge({ schedule: points([MID, 1], [START, 1]) })],
        }),
        message: at('body.scheduled_charges[0].schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'create: two scheduled charge items at the same timestamp',
        path: create,
        body: (f) => ({
          ...base(f),
          scheduled_charges: [charge({ schedule: points([MID, 1], [MID, 1]) })],
        }),
        message: at('body.scheduled_charges[0].schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'v2 edit: add_scheduled_charges with unordered items',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_scheduled_charges: [charge({ schedule: points([MID, 1], [START, 1]) })],
        }),
        message: at('body.add_scheduled_charges[0].schedule.schedule_items[1].timestamp'),
      },
      {
        name: 'packages/create: unordered scheduled charge items',
        path: packages,
        body: () =>
          packageTemplate({
            scheduled_charges: [
              {
                product_id: fixed,
                schedule: {
                  schedule_items: [
                    { unit_price: 1, quantity: 1, date_offset: offset(5) },
                    { unit_price: 1, quantity: 1, date_offset: offset(0) },
                  ],
                },
              },
            ],
          }),
        message: at('body.scheduled_charges[0].schedule.schedule_items[1].date_offset'),
      },
      {
        name: 'packages/create: two commit invoice items at one date_offset',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              {
                type: 'PREPAID',
                product_id: fixed,
                access_schedule: access(relative(3, 0, 1)),
                invoice_schedule: {
                  schedule_items: [
                    { unit_price: 1, quantity: 1, date_offset: offset(0) },
                    { unit_price: 1, quantity: 1, date_offset: offset(0) },
                  ],
                },
              },
            ],
          }),
        message: at(
          'body.commits[0].invoice_schedule.schedule_items[1].date_offset',
          'must be after schedule_items[0].date_offset;',
        ),
      },
      {
        name: 'amend: unordered discount items',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          discounts: [charge({ schedule: points([END, 1], [MID, 1]) })],
        }),
        message: at(
          'body.discounts[0].schedule.schedule_items[1].timestamp',
          'must not be before schedule_items[0].timestamp (items are in time order)',
        ),
      },
      {
        name: 'v2 edit: add_commits with two invoice items at the same timestamp',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_commits: [prepaid({ invoice_schedule: points([MID, 1], [MID, 1]) })],
        }),
        message: at(
          'body.add_commits[0].invoice_schedule.schedule_items[1].timestamp',
          'must be after schedule_items[0].timestamp; two items at one instant would be one invoice',
        ),
      },
      {
        name: 'customerCommits/create: two invoice items at the same timestamp',
        path: commits,
        body: (f) =>
          customerCommit(f, {
            invoice_contract_id: f.contract,
            invoice_schedule: points([MID, 1], [MID, 1]),
          }),
        message: at('body.invoice_schedule.schedule_items[1].timestamp', 'must be after'),
      },
      {
        name: 'v2 edit: update_commits adds two invoice items at one instant',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              invoice_schedule: {
                add_schedule_items: [
                  { timestamp: MID, amount: 1 },
                  { timestamp: MID, amount: 2 },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].invoice_schedule.add_schedule_items[1].timestamp',
          'would be at the same instant as another item',
        ),
      },
      {
        name: 'v2 edit: update_scheduled_charges adds an item at an existing item’s instant',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_scheduled_charges: [
            {
              scheduled_charge_id: f.terms.scheduled_charges[0]!.id,
              invoice_schedule: { add_schedule_items: [{ timestamp: START, amount: 1 }] },
            },
          ],
        }),
        message: at(
          'body.update_scheduled_charges[0].invoice_schedule.add_schedule_items[0].timestamp',
          'would be at the same instant as another item (2025-01-01T00:00:00.000Z)',
        ),
      },
    ]

    const endsBeforeStarts: Row[] = [
      {
        name: 'create: contract ending_before equal to starting_at',
        path: create,
        body: (f) => ({ ...base(f), ending_before: START }),
        message: at('body.ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: commit segment ending_before equal to starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          commits: [prepaid({ access_schedule: access(segment(1, MID, MID)) })],
        }),
        message: at(
          'body.commits[0].access_schedule.schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'create: credit segment ending_before before starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          credits: [credit({ access_schedule: access(segment(1, MID, START)) })],
        }),
        message: at(
          'body.credits[0].access_schedule.schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'create: override ending_before equal to starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          overrides: [override({ starting_at: MID, ending_before: MID })],
        }),
        message: at('body.overrides[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: override ending_before before starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          overrides: [override({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.overrides[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: recurring commit ending_before equal to starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          recurring_commits: [recurring({ starting_at: MID, ending_before: MID })],
        }),
        message: at('body.recurring_commits[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: recurring credit ending_before before starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          recurring_credits: [recurring({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.recurring_credits[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: subscription ending_before equal to starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          subscriptions: [subscription({ starting_at: MID, ending_before: MID })],
        }),
        message: at('body.subscriptions[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'create: subscription ending_before before starting_at',
        path: create,
        body: (f) => ({
          ...base(f),
          subscriptions: [subscription({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.subscriptions[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'amend: commit segment ending_before equal to starting_at',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          commits: [prepaid({ access_schedule: access(segment(1, MID, MID)) })],
        }),
        message: at(
          'body.commits[0].access_schedule.schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'amend: override ending_before before starting_at',
        path: amend,
        body: (f) => ({
          ...amendBase(f),
          overrides: [override({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.overrides[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'v2 edit: add_overrides ending_before equal to starting_at',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_overrides: [override({ starting_at: MID, ending_before: MID })],
        }),
        message: at('body.add_overrides[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'v2 edit: add_recurring_commits ending_before before starting_at',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_recurring_commits: [recurring({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.add_recurring_commits[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'v2 edit: add_subscriptions ending_before before starting_at',
        path: edit,
        body: (f) => ({
          ...f.ids,
          add_subscriptions: [subscription({ starting_at: MID, ending_before: START })],
        }),
        message: at('body.add_subscriptions[0].ending_before', 'must be after starting_at'),
      },
      {
        name: 'v2 edit: update_recurring_commits ending_before before its starting_at',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_recurring_commits: [
            { recurring_commit_id: f.terms.recurring_commits[0]!.id, ending_before: START },
          ],
        }),
        message: at('body.update_recurring_commits[0].ending_before', 'must be after'),
      },
      {
        name: 'v2 edit: update_subscriptions ending_before at its starting_at',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_subscriptions: [
            { subscription_id: f.terms.subscriptions[0]!.id, ending_before: START },
          ],
        }),
        message: at('body.update_subscriptions[0].ending_before', 'must be after'),
      },
      {
        name: 'v2 edit: update_commits moves a segment end before its start',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: {
                update_schedule_items: [
                  { id: f.prepaid.access_schedule.schedule_items[0]!.id, ending_before: START },
                ],
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.update_schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'v2 edit: update_commits adds a segment ending before it starts',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: { add_schedule_items: [segment(1, END, MID)] },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.add_schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'v2 edit: update_contract_end_date equal to starting_at',
        path: edit,
        body: (f) => ({ ...f.ids, update_contract_end_date: START }),
        message: at('body.update_contract_end_date', 'must be after'),
      },
      {
        name: 'customerCommits/create: segment ending_before equal to starting_at',
        path: commits,
        body: (f) => customerCommit(f, { access_schedule: access(segment(1, MID, MID)) }),
        message: at(
          'body.access_schedule.schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
      {
        name: 'customerCredits/create: segment ending_before before starting_at',
        path: credits,
        body: (f) => customerCredit(f, { access_schedule: access(segment(1, MID, START)) }),
        message: at(
          'body.access_schedule.schedule_items[0].ending_before',
          'must be after starting_at',
        ),
      },
    ]

    /** Fields the spec forbids beside package_id, each with a value its schema accepts. */
    const forbiddenWithPackage: [string, (f: Fixture) => unknown][] = [
      ['ending_before', () => END],
      ['netsuite_sales_order_id', () => 'SO-1'],
      ['salesforce_opportunity_id', () => 'OPP-1'],
      ['net_payment_terms_days', () => 30],
      ['rate_card_alias', () => 'standard'],
      ['total_contract_value', () => 100],
      ['commits', () => [prepaid()]],
      ['credits', () => [credit()]],
      ['recurring_commits', () => [recurring()]],
      ['recurring_credits', () => []],
      ['multiplier_override_prioritization', () => 'EXPLICIT'],
      ['overrides', () => [override()]],
      ['discounts', () => []],
      ['professional_services', () => []],
      ['reseller_royalties', () => []],
      ['scheduled_charges', () => [charge()]],
      ['scheduled_charges_on_usage_invoices', () => 'ALL'],
      ['usage_filter', () => ({ group_key: 'region', group_values: ['eu'] })],
      ['usage_statement_schedule', () => ({ frequency: 'MONTHLY' })],
      [
        'billing_provider_configuration',
        () => ({ billing_provider: 'stripe', delivery_method: 'direct_to_billing_provider' }),
      ],
      ['revenue_system_configuration', () => ({})],
      [
        'spend_threshold_configuration',
        () => ({
          is_enabled: false,
          threshold_amount: 1000,
          commit: { product_id: fixed },
          payment_gate_config: { payment_gate_type: 'NONE' },
        }),
      ],
      [
        'prepaid_balance_threshold_configuration',
        () => ({
          is_enabled: false,
          threshold_amount: 1000,
          recharge_to_amount: 5000,
          commit: { product_id: fixed },
          payment_gate_config: { payment_gate_type: 'NONE' },
        }),
      ],
      ['spend_trackers', () => []],
      ['subscriptions', () => [subscription()]],
      [
        'hierarchy_configuration',
        () => ({ parent_behavior: { invoice_consolidation_type: 'NONE' } }),
      ],
    ]
    const withPackage: Row[] = [
      ...forbiddenWithPackage.map(([field, value]): Row => ({
        name: `create: package_id with ${field}`,
        path: create,
        body: (f) => ({ ...base(f), package_id: packageId, [field]: value(f) }),
        message: at(`body.${field}`, 'cannot be given with package_id or package_alias'),
      })),
      {
        name: 'create: package_alias with ending_before',
        path: create,
        body: (f) => ({ ...base(f), package_alias: packageAlias, ending_before: END }),
        message: at('body.ending_before', 'cannot be given with package_id or package_alias'),
      },
      {
        name: 'create: package_alias with rate_card_id',
        path: create,
        body: (f) => ({ ...base(f), package_alias: packageAlias, rate_card_id: rateCard }),
        message: at('body.rate_card_id', 'cannot be given with package_id or package_alias'),
      },
      {
        name: 'create: package_id and package_alias together',
        path: create,
        body: (f) => ({ ...base(f), package_id: packageId, package_alias: packageAlias }),
        message: at('body.package_alias', 'cannot be given together with package_id'),
      },
    ]

    const editGuardrails: Row[] = [
      {
        name: 'v2 edit: update_commits of an archived commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [{ commit_id: f.archivedCommit.id, name: 'x' }],
        }),
        message: at('body.update_commits[0]', 'names an archived commit'),
      },
      {
        name: 'v2 edit: archive_commits of an archived commit',
        path: edit,
        body: (f) => ({ ...f.ids, archive_commits: [{ id: f.archivedCommit.id }] }),
        message: at('body.archive_commits[0].id', 'names an archived commit'),
      },
      {
        name: 'v2 edit: update_credits of an unknown credit',
        path: edit,
        body: (f) => ({ ...f.ids, update_credits: [{ credit_id: randomUUID(), name: 'x' }] }),
        message: at('body.update_credits[0].credit_id', 'names no credit of this contract'),
      },
      {
        name: 'v2 edit: archive_credits of an unknown credit',
        path: edit,
        body: (f) => ({ ...f.ids, archive_credits: [{ id: randomUUID() }] }),
        message: at('body.archive_credits[0].id', 'names no credit of this contract'),
      },
      {
        name: 'v2 edit: update_scheduled_charges of an unknown charge',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_scheduled_charges: [{ scheduled_charge_id: randomUUID() }],
        }),
        message: at(
          'body.update_scheduled_charges[0].scheduled_charge_id',
          'names no scheduled charge of this contract',
        ),
      },
      {
        name: 'v2 edit: update_recurring_commits of an unknown recurring commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_recurring_commits: [{ recurring_commit_id: randomUUID(), ending_before: END }],
        }),
        message: at(
          'body.update_recurring_commits[0].recurring_commit_id',
          'names no recurring commit of this contract',
        ),
      },
      {
        name: 'v2 edit: the same override removed twice',
        path: edit,
        body: (f) => ({
          ...f.ids,
          remove_overrides: [{ id: f.terms.overrides[0]!.id }, { id: f.terms.overrides[0]!.id }],
        }),
        message: at('body.remove_overrides[1].id', 'names the same override twice'),
      },
      {
        name: 'v2 edit: removing every access segment of a commit',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_commits: [
            {
              commit_id: f.prepaid.id,
              access_schedule: {
                remove_schedule_items: f.prepaid.access_schedule.schedule_items.map(({ id }) => ({
                  id,
                })),
              },
            },
          ],
        }),
        message: at(
          'body.update_commits[0].access_schedule.remove_schedule_items',
          'cannot remove every',
        ),
      },
      {
        name: 'v2 edit: a rollover commit cannot be edited',
        path: edit,
        body: (f) => ({
          customer_id: f.renewal.customer,
          contract_id: f.renewal.contract,
          update_commits: [{ commit_id: f.renewal.rolled, name: 'renamed' }],
        }),
        message: at(
          'body.update_commits[0].commit_id',
          'is a rollover commit, which cannot be edited',
        ),
      },
      {
        name: 'v2 edit: a rollover credit cannot be edited',
        path: edit,
        body: (f) => ({
          customer_id: f.renewal.customer,
          contract_id: f.renewal.contract,
          update_credits: [{ credit_id: f.renewal.rolledCredit, priority: 2 }],
        }),
        message: at(
          'body.update_credits[0].credit_id',
          'is a rollover credit, which cannot be edited',
        ),
      },
      {
        name: 'commits/edit: a rollover commit cannot be edited',
        path: '/v2/contracts/commits/edit',
        body: (f) => ({
          customer_id: f.renewal.customer,
          commit_id: f.renewal.rolled,
          priority: 2,
        }),
        message: at('body.commit_id', 'is a rollover commit, which cannot be edited'),
      },
      {
        name: 'credits/edit: a rollover credit cannot be edited',
        path: '/v2/contracts/credits/edit',
        body: (f) => ({
          customer_id: f.renewal.customer,
          credit_id: f.renewal.rolledCredit,
          access_schedule: {
            add_schedule_items: [segment(1, LATER, '2027-02-01T00:00:00.000Z')],
          },
        }),
        message: at('body.credit_id', 'is a rollover credit, which cannot be edited'),
      },
      {
        name: 'v2 edit: an archived contract',
        path: edit,
        body: (f) => ({
          customer_id: f.customer,
          contract_id: f.archivedContract,
          update_contract_name: 'x',
        }),
        message: at('body.contract_id', 'names an archived contract'),
      },
      {
        name: 'amend: an archived contract',
        path: amend,
        body: (f) => ({
          customer_id: f.customer,
          contract_id: f.archivedContract,
          starting_at: MID,
          commits: [prepaid({ access_schedule: access(segment(1, MID)) })],
        }),
        message: at('body.contract_id', 'names an archived contract'),
      },
      {
        name: 'amend: starting_at at or after the contract end',
        path: amend,
        body: (f) => ({ ...f.ids, starting_at: END }),
        message: at('body.starting_at', 'must be before the contract’s ending_before'),
      },
    ]

    const shapes: Row[] = [
      // Malformed ids.
      {
        name: 'create: customer_id not a UUID',
        path: create,
        body: () => ({ customer_id: 'nope', starting_at: START }),
        message: at('body.customer_id', 'must match format "uuid"'),
      },
      {
        name: 'create: rate_card_id not a UUID',
        path: create,
        body: (f) => ({ ...base(f), rate_card_id: 'nope' }),
        message: at('body.rate_card_id', 'must match format "uuid"'),
      },
      {
        name: 'create: package_id not a UUID',
        path: create,
        body: (f) => ({ ...base(f), package_id: 'nope' }),
        message: at('body.package_id', 'must match format "uuid"'),
      },
      {
        name: 'create: commit product_id not a UUID',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ product_id: 'nope' })] }),
        message: at('body.commits[0].product_id', 'must match format "uuid"'),
      },
      {
        name: 'create: transition.from_contract_id not a UUID',
        path: create,
        body: (f) => ({ ...base(f), transition: { type: 'RENEWAL', from_contract_id: 'nope' } }),
        message: at('body.transition.from_contract_id', 'must match format "uuid"'),
      },
      {
        name: 'amend: contract_id not a UUID',
        path: amend,
        body: (f) => ({ ...amendBase(f), contract_id: 'nope' }),
        message: at('body.contract_id', 'must match format "uuid"'),
      },
      {
        name: 'v2 edit: contract_id not a UUID',
        path: edit,
        body: (f) => ({ ...f.ids, contract_id: 'nope' }),
        message: at('body.contract_id', 'must match format "uuid"'),
      },
      {
        name: 'v2 edit: update_commits commit_id not a UUID',
        path: edit,
        body: (f) => ({ ...f.ids, update_commits: [{ commit_id: 'nope' }] }),
        message: at('body.update_commits[0].commit_id', 'must match format "uuid"'),
      },
      {
        name: 'customerCommits/create: customer_id not a UUID',
        path: commits,
        body: (f) => customerCommit(f, { customer_id: 'nope' }),
        message: at('body.customer_id', 'must match format "uuid"'),
      },
      {
        name: 'customerCommits/create: product_id not a UUID',
        path: commits,
        body: (f) => customerCommit(f, { product_id: 'nope' }),
        message: at('body.product_id', 'must match format "uuid"'),
      },
      {
        name: 'customerCredits/create: customer_id not a UUID',
        path: credits,
        body: (f) => customerCredit(f, { customer_id: 'nope' }),
        message: at('body.customer_id', 'must match format "uuid"'),
      },
      {
        name: 'packages/create: rate_card_id not a UUID',
        path: packages,
        body: () => packageTemplate({ rate_card_id: 'nope' }),
        message: at('body.rate_card_id', 'must match format "uuid"'),
      },
      // Missing required fields.
      {
        name: 'create: no customer_id',
        path: create,
        body: () => ({ starting_at: START }),
        message: at('body.customer_id', 'is required'),
      },
      {
        name: 'create: no starting_at',
        path: create,
        body: (f) => ({ customer_id: f.customer }),
        message: at('body.starting_at', 'is required'),
      },
      {
        name: 'create: a commit without product_id',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ product_id: undefined })] }),
        message: at('body.commits[0].product_id', 'is required'),
      },
      {
        name: 'create: a commit without access_schedule',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ access_schedule: undefined })] }),
        message: at('body.commits[0].access_schedule', 'is required'),
      },
      {
        name: 'create: a recurring commit without access_amount',
        path: create,
        body: (f) => ({ ...base(f), recurring_commits: [recurring({ access_amount: undefined })] }),
        message: at('body.recurring_commits[0].access_amount', 'is required'),
      },
      {
        name: 'amend: no starting_at',
        path: amend,
        body: (f) => ({ ...f.ids }),
        message: at('body.starting_at', 'is required'),
      },
      {
        name: 'v2 edit: no contract_id',
        path: edit,
        body: (f) => ({ customer_id: f.customer }),
        message: at('body.contract_id', 'is required'),
      },
      {
        name: 'customerCommits/create: no priority',
        path: commits,
        body: (f) => customerCommit(f, { priority: undefined }),
        message: at('body.priority', 'is required'),
      },
      {
        name: 'customerCredits/create: no access_schedule',
        path: credits,
        body: (f) => customerCredit(f, { access_schedule: undefined }),
        message: at('body.access_schedule', 'is required'),
      },
      // Wrong enum values.
      {
        name: 'create: multiplier_override_prioritization',
        path: create,
        body: (f) => ({ ...base(f), multiplier_override_prioritization: 'HIGHEST' }),
        message: at('body.multiplier_override_prioritization', 'must be one of'),
      },
      {
        name: 'create: commit type',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ type: 'UPFRONT' })] }),
        message: at('body.commits[0].type', 'must be one of'),
      },
      {
        name: 'create: override type',
        path: create,
        body: (f) => ({ ...base(f), overrides: [override({ type: 'DISCOUNT' })] }),
        message: at('body.overrides[0].type', 'must be one of'),
      },
      {
        name: 'create: subscription billing_frequency',
        path: create,
        body: (f) => ({
          ...base(f),
          subscriptions: [
            subscription({ subscription_rate: { product_id: seats, billing_frequency: 'DAILY' } }),
          ],
        }),
        message: at('body.subscriptions[0].subscription_rate.billing_frequency', 'must be one of'),
      },
      {
        name: 'create: transition type',
        path: create,
        body: (f) => ({
          ...base(f),
          transition: { type: 'SUPERSEDE', from_contract_id: f.contract },
        }),
        message: at('body.transition.type', 'must be one of'),
      },
      {
        name: 'create: usage_statement_schedule frequency',
        path: create,
        body: (f) => ({ ...base(f), usage_statement_schedule: { frequency: 'DAILY' } }),
        message: at('body.usage_statement_schedule.frequency', 'must be one of'),
      },
      {
        name: 'amend: commit type',
        path: amend,
        body: (f) => ({ ...amendBase(f), commits: [prepaid({ type: 'UPFRONT' })] }),
        message: at('body.commits[0].type', 'must be one of'),
      },
      {
        name: 'v2 edit: add_commits type',
        path: edit,
        body: (f) => ({ ...f.ids, add_commits: [prepaid({ type: 'UPFRONT' })] }),
        message: at('body.add_commits[0].type', 'must be one of'),
      },
      {
        name: 'customerCommits/create: type',
        path: commits,
        body: (f) => customerCommit(f, { type: 'UPFRONT' }),
        message: at('body.type', 'must be one of'),
      },
      {
        name: 'customerCredits/create: rate_type',
        path: credits,
        body: (f) => customerCredit(f, { rate_type: 'CHEAP_RATE' }),
        message: at('body.rate_type', 'must be one of'),
      },
      {
        name: 'packages/create: commit type',
        path: packages,
        body: () =>
          packageTemplate({
            commits: [
              { type: 'UPFRONT', product_id: fixed, access_schedule: access(relative(1, 0, 1)) },
            ],
          }),
        message: at('body.commits[0].type', 'must be one of'),
      },
      // The spec's limits.
      {
        name: 'create: recurring proration_rounding decimal_places above 5',
        path: create,
        body: (f) => ({
          ...base(f),
          recurring_commits: [
            recurring({
              proration_rounding: { access: { decimal_places: 6, rounding_method: 'HALF_UP' } },
            }),
          ],
        }),
        message: at(
          'body.recurring_commits[0].proration_rounding.access.decimal_places',
          'must be <= 5',
        ),
      },
      {
        name: 'create: empty uniqueness_key',
        path: create,
        body: (f) => ({ ...base(f), uniqueness_key: '' }),
        message: at('body.uniqueness_key'),
      },
      {
        name: 'create: empty commit name',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ name: '' })] }),
        message: at('body.commits[0].name'),
      },
      {
        name: 'v2 edit: empty uniqueness_key',
        path: edit,
        body: (f) => ({ ...f.ids, uniqueness_key: '' }),
        message: at('body.uniqueness_key'),
      },
      {
        name: 'v2 edit: update_recurring_commits decimal_places below -5',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_recurring_commits: [
            {
              recurring_commit_id: f.terms.recurring_commits[0]!.id,
              proration_rounding: { access: { decimal_places: -6, rounding_method: 'HALF_UP' } },
            },
          ],
        }),
        message: at(
          'body.update_recurring_commits[0].proration_rounding.access.decimal_places',
          'must be >= -5',
        ),
      },
      {
        name: 'v2 edit: remove_unassigned_seats quantity below 1',
        path: edit,
        body: (f) => ({
          ...f.ids,
          update_subscriptions: [
            {
              subscription_id: f.terms.subscriptions[1]!.id,
              seat_updates: { remove_unassigned_seats: [{ quantity: 0, starting_at: MID }] },
            },
          ],
        }),
        message: at(
          'body.update_subscriptions[0].seat_updates.remove_unassigned_seats[0].quantity',
          'must be >= 1',
        ),
      },
      // Negative amounts.
      {
        name: 'create: negative commit segment amount',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ access_schedule: access(segment(-1)) })] }),
        message: at(
          'body.commits[0].access_schedule.schedule_items[0].amount',
          'must not be negative',
        ),
      },
      {
        name: 'create: negative commit invoice amount',
        path: create,
        body: (f) => ({
          ...base(f),
          commits: [prepaid({ invoice_schedule: points([START, -1]) })],
        }),
        message: at(
          'body.commits[0].invoice_schedule.schedule_items[0].amount',
          'must not be negative',
        ),
      },
      {
        name: 'create: negative recurring access unit_price',
        path: create,
        body: (f) => ({
          ...base(f),
          recurring_commits: [
            recurring({ access_amount: { unit_price: -1, quantity: 1, credit_type_id: USD } }),
          ],
        }),
        message: at('body.recurring_commits[0].access_amount.unit_price'),
      },
      {
        name: 'create: negative net_payment_terms_days',
        path: create,
        body: (f) => ({ ...base(f), net_payment_terms_days: -1 }),
        message: at('body.net_payment_terms_days', 'must not be negative'),
      },
      {
        name: 'create: rollover_fraction above 1',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ rollover_fraction: 1.5 })] }),
        message: at('body.commits[0].rollover_fraction', 'must be between 0 and 1'),
      },
      {
        name: 'amend: negative total_contract_value',
        path: amend,
        body: (f) => ({ ...amendBase(f), total_contract_value: -1 }),
        message: at('body.total_contract_value', 'must not be negative'),
      },
      {
        name: 'v2 edit: negative update_net_payment_terms_days',
        path: edit,
        body: (f) => ({ ...f.ids, update_net_payment_terms_days: -1 }),
        message: at('body.update_net_payment_terms_days', 'must not be negative'),
      },
      {
        name: 'create: negative commit priority',
        path: create,
        body: (f) => ({ ...base(f), commits: [prepaid({ priority: -1 })] }),
        message: at('body.commits[0].priority', 'must not be negative'),
      },
      {
        name: 'create: negative credit priority',
        path: create,
        body: (f) => ({ ...base(f), credits: [credit({ priority: -0.5 })] }),
        message: at('body.credits[0].priority', 'must not be negative'),
      },
      {
        name: 'v2 edit: add_credits with a negative priority',
        path: edit,
        body: (f) => ({ ...f.ids, add_credits: [credit({ priority: -1 })] }),
        message: at('body.add_credits[0].priority', 'must not be negative'),
      },
      {
        name: 'customerCommits/create: negative priority',
        path: commits,
        body: (f) => customerCommit(f, { priority: -1 }),
        message: at('body.priority', 'must not be negative'),
      },
      {
        name: 'customerCredits/create: negative priority',
        path: credits,
        body: (f) => customerCredit(f, { priority: -1 }),
        message: at('body.priority', 'must not be negative'),
      },
      {
        name: 'packages/create: negative credit priority',
        path: packages,
        body: () =>
          packageTemplate({
            credits: [
              { product_id: fixed, priority: -1, access_schedule: access(relative(1, 0, 1)) },
            ],
          }),
        message: at('body.credits[0].priority', 'must not be negative'),
      },
      {
        name: 'customerCommits/create: negative segment amount',
        path: commits,
        body: (f) => customerCommit(f, { access_schedule: access(segment(-1)) }),
        message: at('body.access_schedule.schedule_items[0].amount', 'must not be negative'),
      },
      {
        name: 'customerCredits/create: negative segment amount',
        path: credits,
        body: (f) => customerCredit(f, { access_schedule: access(segment(-1)) }),
        message: at('body.access_schedule.schedule_items[0].amount', 'must not be negative'),
      },
      {
        name: 'packages/create: negative segment amount',
        path: packages,
        body: () =>
          packageTemplate({
            credits: [{ product_id: fixed, access_schedule: access(relative(-1, 0, 1)) }],
          }),
        message: at(
          'body.credits[0].access_schedule.schedule_items[0].amount',
          'must not be negative',
        ),
      },
    ]

    const tables: [string, Row[]][] = [
      ['unknown customer, rate card or product', unknownReferences],
      ['a non-FIXED product on a commit', nonFixed],
      ['postpaid commits', postpaidRules],
      ['overlapping or unordered schedule items', scheduleOrder],
      ['ending_before not after starting_at', endsBeforeStarts],
      ['package provisioning with other terms', withPackage],
      ['v2 edit and amend guardrails', editGuardrails],
      ['malformed ids, missing fields, enums, limits, negative amounts', shapes],
    ]

    for (const [group, rows] of tables) {
      describe(group, () => {
        for (const row of rows) {
          const options = row.bug === undefined ? {} : { todo: `bug: ${row.bug}` }
          test(row.name, options, async () => {
            // A row that writes today gets its own fixture, so the write cannot leak.
            const f = row.bug === undefined ? shared : await setUp()
            const beforeRequest = await snapshot(f)
            const answer = await call(row.path, row.body(f))
            assert.equal(answer.status, row.status ?? 400, JSON.stringify(answer.body))
            assert.match(answer.body.message, row.message)
            if (row.path.startsWith('/v2/')) {
              assert.equal(answer.body.code, row.code ?? 'InvalidArgument')
            }
            assert.equal(answer.headers['x-should-retry'], 'false')
            assert.deepEqual(await snapshot(f), beforeRequest, 'nothing is written')
          })
        }
      })
    }
  })
}
