/**
 * Rate cards through the HTTP edge: card CRUD and shapes, rates added and refused (nothing
 * written on a 400), scheduled price changes seen by getRates and getRateSchedule, custom
 * pricing units, product order, aliases, named schedules, pagination and tenancy.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { findRateCardByAlias } from '../../src/app/rate-cards/find-rate-card-by-alias.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import {
  initialSettings,
  type Product,
  type ProductType,
  type ProductUpdate,
} from '../../src/domain/pricing/product.js'
import { databaseKinds } from '../support/databases.js'
import { requestJson, useTestApp } from '../support/app.js'

const BASE = '/v1/contract-pricing/rate-cards'

/** The fields of a wire `RateSchedule` row that these tests read. */
interface RateRowWire {
  product_id: string
  product_name: string
  product_tags: string[]
  starting_at: string
  ending_before?: string
  billing_frequency?: string
  pricing_group_values?: Record<string, string>
  rate: { price?: number; pricing_group_values?: Record<string, string> }
}

for (const kind of await databaseKinds()) {
  describe(`rate cards API on ${kind}`, () => {
    const t = useTestApp(kind)

    const call = (path: string, payload?: unknown, token = t.token) =>
      requestJson(t, path.startsWith('/') ? path : `${BASE}/${path}`, payload, { token })

    /** Products are made through the store port: the products API is tested on its own. */
    const makeProduct = async (
      options: {
        name?: string
        type?: ProductType
        tags?: string[]
        pricingGroupKey?: string[]
        archived?: boolean
        updates?: ProductUpdate[]
        customFields?: Record<string, string>
      } = {},
    ): Promise<string> => {
      const id = randomUUID()
      const product: Product = {
        id,
        type: options.type ?? 'USAGE',
        initial: initialSettings({
          type: options.type ?? 'USAGE',
          name: options.name ?? `product ${id.slice(0, 8)}`,
          tags: options.tags ?? [],
          ...(options.pricingGroupKey ? { pricingGroupKey: options.pricingGroupKey } : {}),
        }),
        updates: options.updates ?? [],
        customFields: options.customFields ?? {},
        createdAt: new Date('2024-01-01T00:00:00Z'),
        createdBy: 'test',
        archivedAt: options.archived ? new Date('2024-02-01T00:00:00Z') : null,
      }
      await t.app.store.insertProduct(t.clientId, product)
      return id
    }

    const makeCard = async (payload: Record<string, unknown> = {}) => {
      const created = await call('create', { name: 'Card', ...payload })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      return created.body.data.id as string
    }

    const flat = (productId: string, price: number, startingAt: string, extra = {}) => ({
      product_id: productId,
      starting_at: startingAt,
      entitled: true,
      rate_type: 'FLAT',
      price,
      ...extra,
    })

    const ratesAt = async (rateCardId: string, at: string, selectors?: unknown[]) => {
      const found = await call('getRates', {
        rate_card_id: rateCardId,
        at,
        ...(selectors ? { selectors } : {}),
      })
      assert.equal(found.status, 200, JSON.stringify(found.body))
      return found.body.data as RateRowWire[]
    }

    test('create, get, list and archive a rate card with the spec shapes', async () => {
      const id = await makeCard({
        name: 'Standard',
        description: 'Pay as you go',
        aliases: [{ name: 'standard' }, { name: 'later', starting_at: '2030-01-01T00:00:00Z' }],
        custom_fields: { team: 'growth' },
      })
      const got = await call('get', { id })
      assert.equal(got.status, 200)
      const card = got.body.data
      assert.equal(card.id, id)
      assert.equal(card.name, 'Standard')
      assert.equal(card.description, 'Pay as you go')
      assert.deepEqual(card.fiat_credit_type, { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' })
      assert.deepEqual(card.credit_type_conversions, [])
      assert.deepEqual(card.aliases, [
        { name: 'standard' },
        { name: 'later', starting_at: '2030-01-01T00:00:00.000Z' },
      ])
      assert.deepEqual(card.custom_fields, { team: 'growth' })
      assert.equal(typeof card.created_by, 'string')
      assert.ok(!Number.isNaN(Date.parse(card.created_at)))

      const listed = await call(`list?limit=100`, {})
      assert.equal(listed.status, 200)
      assert.ok(listed.body.data.some((row: { id: string }) => row.id === id))
      assert.equal(listed.body.next_page, null)

      const archived = await call('archive', { id })
      assert.deepEqual(archived.body, { data: { id } })
      const afterArchive = await call(`list?limit=100`, {})
      assert.ok(!afterArchive.body.data.some((row: { id: string }) => row.id === id))
      assert.equal((await call('get', { id })).status, 200, 'an archived card is still readable')

      const auditGet = await t.fastify.inject({
        method: 'GET',
        url: `/v1/auditLogs?resource_type=rate_card&resource_id=${id}`,
        headers: { authorization: `Bearer ${t.token}` },
      })
      assert.equal(auditGet.statusCode, 200)
      const actions = auditGet.json().data.map((entry: { action: string }) => entry.action)
      assert.deepEqual(actions.sort(), ['rate_card.archive', 'rate_card.create'])
    })

    test('unknown rate card ids are 404; a missing name is 400', async () => {
      const missing = randomUUID()
      assert.equal((await call('get', { id: missing })).status, 404)
      assert.equal((await call('archive', { id: missing })).status, 404)
      const add = await call('addRates', { rate_card_id: missing, rates: [] })
      assert.equal(add.status, 404)
      const noName = await call('create', {})
      assert.equal(noName.status, 400)
      assert.match(noName.body.message, /body\.name is required/)
    })

    test('list pages through every card once', async () => {
      const ids = []
      for (let index = 0; index < 5; index++) ids.push(await makeCard({ name: `page ${index}` }))
      const seen: string[] = []
      let next: string | null = null
      do {
        const query: string = next ? `&next_page=${encodeURIComponent(next)}` : ''
        const page = await call(`list?limit=2${query}`, {})
        assert.equal(page.status, 200)
        assert.ok(page.body.data.length <= 2)
        seen.push(...page.body.data.map((card: { id: string }) => card.id))
        next = page.body.next_page
      } while (next)
      for (const id of ids) assert.equal(seen.filter((seenId) => seenId === id).length, 1)
      assert.equal((await call('list?next_page=garbage', {})).status, 400)
    })

    test('addRate answers the rate; getRates shows product name, tags and custom fields', async () => {
      const productId = await makeProduct({
        name: 'API calls',
        tags: ['api'],
        customFields: { sku: 'A1' },
      })
      const rateCardId = await makeCard()
      const added = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(productId, 0.3, '2024-01-01T00:00:00Z'),
        commit_rate: { rate_type: 'FLAT', price: 0.2 },
      })
      assert.equal(added.status, 200, JSON.stringify(added.body))
      assert.deepEqual(added.body.data, {
        rate_type: 'FLAT',
        price: 0.3,
        credit_type: { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' },
        commit_rate: { rate_type: 'FLAT', price: 0.2 },
      })
      const rows = await ratesAt(rateCardId, '2024-06-01T00:00:00Z')
      assert.deepEqual(rows, [
        {
          product_id: productId,
          product_name: 'API calls',
          product_tags: ['api'],
          product_custom_fields: { sku: 'A1' },
          starting_at: '2024-01-01T00:00:00.000Z',
          entitled: true,
          rate: {
            rate_type: 'FLAT',
            price: 0.3,
            credit_type: { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' },
          },
          commit_rate: { rate_type: 'FLAT', price: 0.2 },
        },
      ])
      assert.deepEqual(await ratesAt(rateCardId, '2023-12-31T23:00:00Z'), [], 'not yet in force')
    })

    test('a scheduled price change: getRates before and after, getRateSchedule shows both', async () => {
      const productId = await makeProduct({ name: 'Storage' })
      const rateCardId = await makeCard()
      const first = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [flat(productId, 100, '2024-01-01T00:00:00Z')],
      })
      assert.deepEqual(first.body, { data: { id: rateCardId } })
      const change = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [flat(productId, 80, '2024-07-01T00:00:00Z')],
      })
      assert.equal(change.status, 200)

      const beforeChange = await ratesAt(rateCardId, '2024-06-30T23:00:00Z')
      assert.deepEqual(
        beforeChange.map((row) => [row.rate.price, row.starting_at, row.ending_before]),
        [[100, '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z']],
      )
      const afterChange = await ratesAt(rateCardId, '2024-07-01T00:00:00Z')
      assert.deepEqual(
        afterChange.map((row) => [row.rate.price, row.starting_at, row.ending_before]),
        [[80, '2024-07-01T00:00:00.000Z', undefined]],
      )

      const schedule = await call('getRateSchedule', {
        rate_card_id: rateCardId,
        starting_at: '2024-03-01T00:00:00Z',
      })
      assert.equal(schedule.status, 200, JSON.stringify(schedule.body))
      assert.deepEqual(
        schedule.body.data.map((row: RateRowWire) => [
          row.rate.price,
          row.starting_at,
          row.ending_before,
        ]),
        [
          [100, '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
          [80, '2024-07-01T00:00:00.000Z', undefined],
        ],
      )
      assert.equal(schedule.body.next_page, null)
      const early = await call('getRateSchedule', {
        rate_card_id: rateCardId,
        starting_at: '2024-01-01T00:00:00Z',
        ending_before: '2024-02-01T00:00:00Z',
      })
      assert.deepEqual(
        early.body.data.map((row: RateRowWire) => row.rate.price),
        [100],
        'a range before the change shows only the first price',
      )
      const backwards = await call('getRateSchedule', {
        rate_card_id: rateCardId,
        starting_at: '2024-02-01T00:00:00Z',
        ending_before: '2024-01-01T00:00:00Z',
      })
      assert.equal(backwards.status, 400)
      assert.match(backwards.body.message, /body\.ending_before/)
    })

    test('bad rates are 400s naming the field, and nothing is written', async () => {
      const usage = await makeProduct()
      const archived = await makeProduct({ archived: true })
      const rateCardId = await makeCard()
      await call('addRates', {
        rate_card_id: rateCardId,
        rates: [flat(usage, 10, '2024-01-01T00:00:00Z')],
      })
      const customUnit = randomUUID()
      await t.app.store.insertCreditTypes(
        t.clientId,
        [{ id: customUnit, name: `credits ${customUnit}`, isCurrency: false }],
        new Date(),
      )
      const start = '2024-03-01T00:00:00Z'
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        [
          'TIERED without tiers',
          { product_id: usage, starting_at: start, entitled: true, rate_type: 'TIERED' },
          /body\.rates\[1\]\.tiers must list at least one tier/,
        ],
        [
          'an unsized tier before the last',
          {
            product_id: usage,
            starting_at: start,
            entitled: true,
            rate_type: 'TIERED',
            tiers: [{ size: 5, price: 2 }, { price: 1 }, { price: 0.5 }],
          },
          /body\.rates\[1\]\.tiers\[1\]\.size is required on all but the last tier/,
        ],
        [
          'a PERCENTAGE price of 1.5',
          {
            product_id: usage,
            starting_at: start,
            entitled: true,
            rate_type: 'PERCENTAGE',
            price: 1.5,
          },
          /body\.rates\[1\]\.price is a fraction/,
        ],
        [
          'an overlapping rate with the same start',
          flat(usage, 12, '2024-01-01T00:00:00Z'),
          /body\.rates\[1\]\.starting_at already starts another rate/,
        ],
        [
          'an archived product',
          flat(archived, 1, start),
          /body\.rates\[1\]\.product_id names an archived product/,
        ],
        [
          'an unknown product',
          flat(randomUUID(), 1, start),
          /body\.rates\[1\]\.product_id names no product/,
        ],
        [
          'ending_before before starting_at',
          flat(usage, 1, start, { ending_before: '2024-02-01T00:00:00Z' }),
          /body\.rates\[1\]\.ending_before must be after starting_at/,
        ],
        [
          'a custom pricing unit without a conversion',
          flat(usage, 1, start, { credit_type_id: customUnit }),
          /body\.rates\[1\]\.credit_type_id must be the rate card's fiat credit type/,
        ],
        [
          'a sized last tier',
          {
            product_id: usage,
            starting_at: start,
            entitled: true,
            rate_type: 'TIERED',
            tiers: [
              { size: 5, price: 2 },
              { size: 10, price: 1 },
            ],
          },
          /body\.rates\[1\]\.tiers\[1\]\.size must be left out on the last tier/,
        ],
        [
          'pricing group values on a product without a pricing group key',
          flat(usage, 1, start, { pricing_group_values: { region: 'eu' } }),
          /body\.rates\[1\]\.pricing_group_values/,
        ],
        [
          'a negative price (schema-valid, rule-invalid)',
          flat(usage, -1, start),
          /body\.rates\[1\]\.price must be at least 0/,
        ],
        [
          'a missing entitled (schema)',
          { product_id: usage, starting_at: start, rate_type: 'FLAT', price: 1 },
          /body\.rates\[1\]\.entitled is required/,
        ],
      ]
      for (const [name, rate, message] of cases) {
        // A valid rate first: the bad one must take it down with it.
        const refused = await call('addRates', {
          rate_card_id: rateCardId,
          rates: [flat(usage, 99, '2024-05-01T00:00:00Z'), rate],
        })
        assert.equal(refused.status, 400, `${name}: ${JSON.stringify(refused.body)}`)
        assert.match(refused.body.message, message, name)
        assert.equal(refused.headers['x-should-retry'], 'false')
      }
      const single = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(archived, 1, start),
      })
      assert.equal(single.status, 400)
      assert.match(single.body.message, /^body\.product_id names an archived product/)
      const schedule = await call('getRateSchedule', {
        rate_card_id: rateCardId,
        starting_at: '2020-01-01T00:00:00Z',
      })
      assert.deepEqual(
        schedule.body.data.map((row: RateRowWire) => row.rate.price),
        [10],
        'no refused request wrote anything',
      )
    })

    test('two rates of one key with one start in the same request clash', async () => {
      const productId = await makeProduct()
      const rateCardId = await makeCard()
      const refused = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [
          flat(productId, 1, '2024-01-01T00:00:00Z'),
          flat(productId, 2, '2024-01-01T00:00:00Z'),
        ],
      })
      assert.equal(refused.status, 400)
      assert.match(
        refused.body.message,
        /body\.rates\[1\]\.starting_at already starts .*body\.rates\[0\]/,
      )
    })

    test('an archived rate card takes no new rates', async () => {
      const productId = await makeProduct()
      const rateCardId = await makeCard()
      await call('archive', { id: rateCardId })
      const refused = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(productId, 1, '2024-01-01T00:00:00Z'),
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /body\.rate_card_id names an archived rate card/)
    })

    test('create takes inline rates, checked like addRates', async () => {
      const productId = await makeProduct({ name: 'Inline' })
      const refused = await call('create', {
        name: 'Inline bad',
        rates: [
          flat(productId, 1, '2024-01-01T00:00:00Z'),
          { ...flat(productId, 1, '2024-02-01T00:00:00Z'), rate_type: 'TIERED' },
        ],
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /body\.rates\[1\]\.tiers/)
      const schemaBad = await call('create', {
        name: 'Inline bad',
        rates: [{ product_id: productId }],
      })
      assert.equal(schemaBad.status, 400)
      assert.match(schemaBad.body.message, /body\.rates\[0\]\.starting_at is required/)
      const listed = await call('list?limit=100', {})
      assert.ok(!listed.body.data.some((card: { name: string }) => card.name === 'Inline bad'))
      const id = await makeCard({
        name: 'Inline good',
        rates: [flat(productId, 5, '2024-01-01T00:00:00Z')],
      })
      const rows = await ratesAt(id, '2024-01-01T00:00:00Z')
      assert.deepEqual(
        rows.map((row) => [row.product_name, row.rate.price]),
        [['Inline', 5]],
      )
    })

    test('fiat credit type and custom pricing unit conversions', async () => {
      const unit = randomUUID()
      const euro = randomUUID()
      await t.app.store.insertCreditTypes(
        t.clientId,
        [
          { id: unit, name: `tokens ${unit}`, isCurrency: false },
          { id: euro, name: `EUR ${euro}`, isCurrency: true },
        ],
        new Date(),
      )
      const notFiat = await call('create', { name: 'x', fiat_credit_type_id: unit })
      assert.equal(notFiat.status, 400)
      assert.match(notFiat.body.message, /body\.fiat_credit_type_id must be a fiat currency/)
      const unknown = await call('create', { name: 'x', fiat_credit_type_id: randomUUID() })
      assert.match(unknown.body.message, /body\.fiat_credit_type_id names no credit type/)
      const badConversion = await call('create', {
        name: 'x',
        credit_type_conversions: [
          { custom_credit_type_id: USD_CENTS_CREDIT_TYPE_ID, fiat_per_custom_credit: 2 },
        ],
      })
      assert.match(
        badConversion.body.message,
        /body\.credit_type_conversions\[0\]\.custom_credit_type_id must be a custom pricing unit/,
      )

      const productId = await makeProduct()
      const rateCardId = await makeCard({ fiat_credit_type_id: euro })
      // No credit_type_id: the card's fiat currency, not USD.
      const inEuro = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(productId, 3, '2024-01-01T00:00:00Z'),
      })
      assert.deepEqual(inEuro.body.data.credit_type, { id: euro, name: `EUR ${euro}` })
      const inUsd = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(productId, 3, '2024-02-01T00:00:00Z', { credit_type_id: USD_CENTS_CREDIT_TYPE_ID }),
      })
      assert.equal(inUsd.status, 400, 'a card has one fiat currency')

      const updated = await call('update', {
        rate_card_id: rateCardId,
        add_credit_type_conversions: [{ custom_credit_type_id: unit, fiat_per_custom_credit: 0.5 }],
      })
      assert.equal(updated.status, 200, JSON.stringify(updated.body))
      const again = await call('update', {
        rate_card_id: rateCardId,
        add_credit_type_conversions: [{ custom_credit_type_id: unit, fiat_per_custom_credit: 0.7 }],
      })
      assert.equal(again.status, 400)
      assert.match(again.body.message, /cannot be modified/)
      const card = (await call('get', { id: rateCardId })).body.data
      assert.deepEqual(card.credit_type_conversions, [
        { custom_credit_type: { id: unit, name: `tokens ${unit}` }, fiat_per_custom_credit: '0.5' },
      ])
      const inUnit = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(productId, 7, '2024-03-01T00:00:00Z', { credit_type_id: unit }),
      })
      assert.equal(inUnit.status, 200, JSON.stringify(inUnit.body))
      assert.equal(inUnit.body.data.credit_type.id, unit)
    })

    test('update renames and replaces aliases; aliases resolve as of an instant', async () => {
      const oldCard = await makeCard({ name: 'Old', aliases: [{ name: `paygo-${t.clientId}` }] })
      const newCard = await makeCard({ name: 'New' })
      const alias = `paygo-${t.clientId}`
      const scheduled = await call('update', {
        rate_card_id: newCard,
        name: 'New pricing',
        description: 'from 2030',
        aliases: [{ name: alias, starting_at: '2030-01-01T00:00:00Z' }],
      })
      assert.equal(scheduled.status, 200)
      const card = (await call('get', { id: newCard })).body.data
      assert.equal(card.name, 'New pricing')
      assert.equal(card.description, 'from 2030')
      assert.deepEqual(card.aliases, [{ name: alias, starting_at: '2030-01-01T00:00:00.000Z' }])
      const before2030 = await findRateCardByAlias(
        t.app.store,
        t.clientId,
        alias,
        new Date('2029-06-01T00:00:00Z'),
      )
      const after2030 = await findRateCardByAlias(
        t.app.store,
        t.clientId,
        alias,
        new Date('2030-06-01T00:00:00Z'),
      )
      assert.equal(before2030?.id, oldCard)
      assert.equal(after2030?.id, newCard)
      assert.equal(await findRateCardByAlias(t.app.store, t.clientId, 'nobody', new Date()), null)

      // Re-sending the old card's alias does not re-assign it over the newer assignment.
      await call('update', {
        rate_card_id: oldCard,
        name: 'Old renamed',
        aliases: [{ name: alias }],
      })
      const stillNew = await findRateCardByAlias(
        t.app.store,
        t.clientId,
        alias,
        new Date('2030-06-01T00:00:00Z'),
      )
      assert.equal(stillNew?.id, newCard)
      const badAlias = await call('update', {
        rate_card_id: oldCard,
        aliases: [
          { name: 'x', starting_at: '2030-01-01T00:00:00Z', ending_before: '2029-01-01T00:00:00Z' },
        ],
      })
      assert.equal(badAlias.status, 400)
      assert.match(badAlias.body.message, /body\.aliases\[0\]\.ending_before/)
    })

    test('selectors: product, tags, pricing group values, billing frequency', async () => {
      const compute = await makeProduct({
        name: 'Compute',
        tags: ['infra'],
        pricingGroupKey: ['region'],
      })
      const seats = await makeProduct({ name: 'Seats', type: 'SUBSCRIPTION', tags: ['seats'] })
      const rateCardId = await makeCard()
      const start = '2024-01-01T00:00:00Z'
      const added = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [
          flat(compute, 1, start, { pricing_group_values: { region: 'us' } }),
          flat(compute, 2, start, { pricing_group_values: { region: 'eu' } }),
          flat(seats, 500, start, { billing_frequency: 'MONTHLY' }),
          flat(seats, 5000, start, { billing_frequency: 'ANNUAL' }),
        ],
      })
      assert.equal(added.status, 200, JSON.stringify(added.body))
      const noFrequency = await call('addRate', {
        rate_card_id: rateCardId,
        ...flat(seats, 1, '2024-02-01T00:00:00Z'),
      })
      assert.match(noFrequency.body.message, /body\.billing_frequency is required/)
      const prices = (rows: RateRowWire[]) => rows.map((row) => row.rate.price)
      const at = '2024-01-02T00:00:00Z'
      assert.deepEqual(prices(await ratesAt(rateCardId, at)), [1, 2, 500, 5000])
      assert.deepEqual(prices(await ratesAt(rateCardId, at, [{ product_id: seats }])), [500, 5000])
      assert.deepEqual(prices(await ratesAt(rateCardId, at, [{ product_tags: ['infra'] }])), [1, 2])
      assert.deepEqual(
        prices(await ratesAt(rateCardId, at, [{ pricing_group_values: { region: 'eu' } }])),
        [2],
      )
      assert.deepEqual(
        prices(
          await ratesAt(rateCardId, at, [
            { billing_frequency: 'ANNUAL' },
            { partial_pricing_group_values: { region: 'us' } },
          ]),
        ),
        [1, 5000],
      )
      const row = (await ratesAt(rateCardId, at, [{ billing_frequency: 'MONTHLY' }]))[0]!
      assert.equal(row.billing_frequency, 'MONTHLY')
      const grouped = (await ratesAt(rateCardId, at, [{ product_id: compute }]))[0]!
      assert.deepEqual(grouped.pricing_group_values, { region: 'us' })
      assert.deepEqual(grouped.rate.pricing_group_values, { region: 'us' })
    })

    test('product names follow scheduled product edits', async () => {
      const productId = await makeProduct({
        name: 'Old name',
        updates: [
          {
            startingAt: new Date('2024-06-01T00:00:00Z'),
            changes: { name: 'New name' },
            createdAt: new Date('2024-01-01T00:00:00Z'),
            createdBy: 'test',
          },
        ],
      })
      const rateCardId = await makeCard({ rates: [flat(productId, 1, '2024-01-01T00:00:00Z')] })
      assert.equal((await ratesAt(rateCardId, '2024-05-01T00:00:00Z'))[0]!.product_name, 'Old name')
      assert.equal((await ratesAt(rateCardId, '2024-07-01T00:00:00Z'))[0]!.product_name, 'New name')
    })

    test('getRates pages with next_page', async () => {
      const rateCardId = await makeCard()
      const rates = []
      for (let index = 0; index < 5; index++) {
        rates.push(flat(await makeProduct({ name: `p${index}` }), index, '2024-01-01T00:00:00Z'))
      }
      await call('addRates', { rate_card_id: rateCardId, rates })
      const names: string[] = []
      let next: string | null = null
      do {
        const query: string = next ? `&next_page=${encodeURIComponent(next)}` : ''
        const page = await call(`getRates?limit=2${query}`, {
          rate_card_id: rateCardId,
          at: '2024-02-01T00:00:00Z',
        })
        assert.equal(page.status, 200)
        names.push(...page.body.data.map((row: { product_name: string }) => row.product_name))
        next = page.body.next_page
      } while (next)
      assert.deepEqual(names, ['p0', 'p1', 'p2', 'p3', 'p4'])
    })

    test('products order: set, then move; getRates follows it', async () => {
      const [a, b, c] = [
        await makeProduct({ name: 'A' }),
        await makeProduct({ name: 'B' }),
        await makeProduct({ name: 'C' }),
      ]
      const rateCardId = await makeCard({
        rates: [a, b, c].map((id) => flat(id, 1, '2024-01-01T00:00:00Z')),
      })
      const order = async () =>
        (await ratesAt(rateCardId, '2024-02-01T00:00:00Z')).map((row) => row.product_name)
      assert.deepEqual(await order(), ['A', 'B', 'C'], 'by first rate added')
      const set = await call('setRateCardProductsOrder', {
        rate_card_id: rateCardId,
        product_order: [c, a],
      })
      assert.deepEqual(set.body, { data: { id: rateCardId } })
      assert.deepEqual(await order(), ['C', 'A', 'B'], 'named products first, the rest after')
      const moved = await call('moveRateCardProducts', {
        rate_card_id: rateCardId,
        product_moves: [{ product_id: b, position: 0 }],
      })
      assert.deepEqual(moved.body, { data: { id: rateCardId } })
      assert.deepEqual(await order(), ['B', 'C', 'A'])

      const duplicate = await call('setRateCardProductsOrder', {
        rate_card_id: rateCardId,
        product_order: [a, a],
      })
      assert.match(duplicate.body.message, /body\.product_order\[1\] repeats/)
      const unknown = await call('setRateCardProductsOrder', {
        rate_card_id: rateCardId,
        product_order: [randomUUID()],
      })
      assert.match(unknown.body.message, /body\.product_order\[0\] names no product/)
      const farAway = await call('moveRateCardProducts', {
        rate_card_id: rateCardId,
        product_moves: [{ product_id: a, position: 3 }],
      })
      assert.match(
        farAway.body.message,
        /body\.product_moves\[0\]\.position must be a whole number from 0 to 2/,
      )
      const notOnCard = await call('moveRateCardProducts', {
        rate_card_id: rateCardId,
        product_moves: [{ product_id: await makeProduct(), position: 0 }],
      })
      assert.match(
        notOnCard.body.message,
        /body\.product_moves\[0\]\.product_id is not a product on this rate card/,
      )
      assert.deepEqual(await order(), ['B', 'C', 'A'], 'refused moves change nothing')
    })

    test('named schedules: update overwrites a range, get returns all or the covering one', async () => {
      const rateCardId = await makeCard()
      const update = (payload: Record<string, unknown>) =>
        t.fastify.inject({
          method: 'POST',
          url: `${BASE}/updateNamedSchedule`,
          headers: { authorization: `Bearer ${t.token}` },
          payload: { rate_card_id: rateCardId, schedule_name: 'discounts', ...payload },
        })
      const first = await update({ starting_at: '2024-01-01T00:00:00Z', value: { pct: 10 } })
      assert.equal(first.statusCode, 200)
      assert.equal(first.body, '', 'an empty 200, as the spec has no response body')
      assert.ok(!String(first.headers['content-type'] ?? '').includes('json'))
      await update({
        starting_at: '2024-03-01T00:00:00Z',
        ending_before: '2024-04-01T00:00:00Z',
        value: { pct: 20 },
      })
      const all = await call('getNamedSchedule', {
        rate_card_id: rateCardId,
        schedule_name: 'discounts',
      })
      assert.deepEqual(all.body, {
        data: [
          {
            starting_at: '2024-01-01T00:00:00.000Z',
            ending_before: '2024-03-01T00:00:00.000Z',
            value: { pct: 10 },
          },
          {
            starting_at: '2024-03-01T00:00:00.000Z',
            ending_before: '2024-04-01T00:00:00.000Z',
            value: { pct: 20 },
          },
          { starting_at: '2024-04-01T00:00:00.000Z', value: { pct: 10 } },
        ],
      })
      const covering = await call('getNamedSchedule', {
        rate_card_id: rateCardId,
        schedule_name: 'discounts',
        covering_date: '2024-03-15T00:00:00Z',
      })
      assert.deepEqual(
        covering.body.data.map((segment: { value: unknown }) => segment.value),
        [{ pct: 20 }],
      )
      const none = await call('getNamedSchedule', {
        rate_card_id: rateCardId,
        schedule_name: 'other',
      })
      assert.deepEqual(none.body, { data: [] })
      const backwards = await update({
        starting_at: '2024-05-01T00:00:00Z',
        ending_before: '2024-04-01T00:00:00Z',
        value: 1,
      })
      assert.equal(backwards.statusCode, 400)
      assert.match(backwards.json().message, /body\.ending_before must be after starting_at/)
      const unknownCard = await call('getNamedSchedule', {
        rate_card_id: randomUUID(),
        schedule_name: 'x',
      })
      assert.equal(unknownCard.status, 404)
    })

    test('docs/pricing.md: a price change and a promotion', async () => {
      const productId = await makeProduct({ name: 'Compute' })
      const rateCardId = await makeCard()
      const added = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [
          flat(productId, 10, '2024-01-01T00:00:00Z'),
          flat(productId, 8, '2024-07-01T00:00:00Z'),
        ],
      })
      assert.equal(added.status, 200)
      const inForce = async (at: string) =>
        (await ratesAt(rateCardId, at)).map((row) => [
          row.rate.price,
          row.starting_at,
          row.ending_before ?? null,
        ])
      assert.deepEqual(await inForce('2024-06-30T23:00:00Z'), [
        [10, '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
      ])
      assert.deepEqual(await inForce('2024-07-01T00:00:00Z'), [
        [8, '2024-07-01T00:00:00.000Z', null],
      ])

      const promotion = await call('addRates', {
        rate_card_id: rateCardId,
        rates: [
          flat(productId, 5, '2024-03-01T00:00:00Z', { ending_before: '2024-04-01T00:00:00Z' }),
          flat(productId, 10, '2024-04-01T00:00:00Z'),
        ],
      })
      assert.equal(promotion.status, 200)
      const schedule = await call('getRateSchedule', {
        rate_card_id: rateCardId,
        starting_at: '2024-01-01T00:00:00Z',
      })
      assert.deepEqual(
        schedule.body.data.map((row: RateRowWire) => [
          row.rate.price,
          row.starting_at,
          row.ending_before ?? null,
        ]),
        [
          [10, '2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
          [5, '2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
          [10, '2024-04-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
          [8, '2024-07-01T00:00:00.000Z', null],
        ],
      )
    })

    test('a promotion without the restated price leaves a gap (the supersession rule)', async () => {
      const productId = await makeProduct()
      const rateCardId = await makeCard({
        rates: [
          flat(productId, 10, '2024-01-01T00:00:00Z'),
          flat(productId, 5, '2024-03-01T00:00:00Z', { ending_before: '2024-04-01T00:00:00Z' }),
        ],
      })
      assert.deepEqual(await ratesAt(rateCardId, '2024-04-15T00:00:00Z'), [])
    })

    test('another client sees none of it', async () => {
      const rateCardId = await makeCard({ name: 'Private' })
      const other = await t.tokenForClient(`other-${randomUUID()}`)
      assert.equal((await call('get', { id: rateCardId }, other)).status, 404)
      assert.equal(
        (await call('getRates', { rate_card_id: rateCardId, at: '2024-01-01T00:00:00Z' }, other))
          .status,
        404,
      )
      const listed = await call('list', {}, other)
      assert.deepEqual(listed.body.data, [])
      const update = await call('update', { rate_card_id: rateCardId, name: 'Stolen' }, other)
      assert.equal(update.status, 404)
      assert.equal((await call('get', { id: rateCardId })).body.data.name, 'Private')
    })
  })
}
