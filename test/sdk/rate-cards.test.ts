/** Rate cards through the official @metronome/sdk against a live server on loopback. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

const USD_CENTS = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

describe('rate cards through @metronome/sdk', () => {
  const live = useLiveSdk('rate-cards')
  const token = live.token

  const usageProduct = async (name: string, tags: string[] = []) => {
    const { client } = live
    const metric = await client.v1.billableMetrics.create({
      name: `${name} metric`,
      aggregation_type: 'COUNT',
      event_type_filter: { in_values: [name] },
    })
    const product = await client.v1.contracts.products.create({
      name,
      type: 'USAGE',
      billable_metric_id: metric.data.id,
      tags,
    })
    return product.data.id
  }

  /** Custom pricing units have no Metronome create call; Metrum's admin route makes them. */
  const pricingUnit = async (name: string): Promise<string> => {
    const response = await fetch(`${live.server.baseURL}/_metrum/pricing-units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    })
    assert.equal(response.status, 200)
    return ((await response.json()) as { data: { id: string } }).data.id
  }

  test('create, retrieve, list, update and archive', async () => {
    const { client } = live
    const unit = await pricingUnit('SDK credits')
    const units: Array<{ id?: string; name?: string; is_currency?: boolean }> = []
    for await (const listed of client.v1.pricingUnits.list()) units.push(listed)
    assert.deepEqual(units.at(-1), { id: unit, name: 'SDK credits', is_currency: false })
    const created = await client.v1.contracts.rateCards.create({
      name: 'SDK card',
      description: 'made by the SDK',
      aliases: [{ name: 'sdk-paygo' }],
      credit_type_conversions: [{ custom_credit_type_id: unit, fiat_per_custom_credit: 2 }],
      custom_fields: { owner: 'sdk' },
    })
    const id = created.data.id
    const retrieved = await client.v1.contracts.rateCards.retrieve({ id })
    assert.equal(retrieved.data.name, 'SDK card')
    assert.equal(retrieved.data.fiat_credit_type?.id, USD_CENTS)
    assert.deepEqual(retrieved.data.aliases, [{ name: 'sdk-paygo' }])
    assert.deepEqual(retrieved.data.credit_type_conversions, [
      { custom_credit_type: { id: unit, name: 'SDK credits' }, fiat_per_custom_credit: '2' },
    ])
    assert.deepEqual(retrieved.data.custom_fields, { owner: 'sdk' })

    const updated = await client.v1.contracts.rateCards.update({
      rate_card_id: id,
      name: 'SDK card v2',
      aliases: [{ name: 'sdk-paygo' }, { name: 'sdk-next', starting_at: '2030-01-01T00:00:00Z' }],
    })
    assert.deepEqual(updated.data, { id })
    assert.equal((await client.v1.contracts.rateCards.retrieve({ id })).data.name, 'SDK card v2')

    const listed: string[] = []
    for await (const card of client.v1.contracts.rateCards.list({ limit: 1 })) listed.push(card.id)
    assert.ok(listed.includes(id))

    await assert.rejects(
      client.v1.contracts.rateCards.update({
        rate_card_id: id,
        add_credit_type_conversions: [{ custom_credit_type_id: unit, fiat_per_custom_credit: 3 }],
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /cannot be modified/.test(error.message),
    )
    assert.deepEqual((await client.v1.contracts.rateCards.archive({ id })).data, { id })
    const afterArchive: string[] = []
    for await (const card of client.v1.contracts.rateCards.list()) afterArchive.push(card.id)
    assert.ok(!afterArchive.includes(id))
  })

  test('rates: add, addMany, list (getRates) and retrieveRateSchedule with a price change', async () => {
    const { client } = live
    const api = await usageProduct('sdk-api-calls', ['api'])
    const storage = await usageProduct('sdk-storage')
    const card = await client.v1.contracts.rateCards.create({ name: 'SDK rates' })
    const rateCardId = card.data.id

    const added = await client.v1.contracts.rateCards.rates.add({
      rate_card_id: rateCardId,
      product_id: api,
      starting_at: '2024-01-01T00:00:00Z',
      entitled: true,
      rate_type: 'FLAT',
      price: 0.5,
      credit_type_id: USD_CENTS,
    })
    assert.equal(added.data.rate_type, 'FLAT')
    assert.equal(added.data.price, 0.5)
    assert.deepEqual(added.data.credit_type, { id: USD_CENTS, name: 'USD (cents)' })

    const many = await client.v1.contracts.rateCards.rates.addMany({
      rate_card_id: rateCardId,
      rates: [
        {
          product_id: storage,
          starting_at: '2024-01-01T00:00:00Z',
          entitled: true,
          rate_type: 'TIERED',
          tiers: [{ size: 1000, price: 2 }, { price: 1 }],
        },
        {
          product_id: api,
          starting_at: '2024-07-01T00:00:00Z',
          entitled: true,
          rate_type: 'FLAT',
          price: 0.4,
        },
      ],
    })
    assert.deepEqual(many.data, { id: rateCardId })

    const inJune = []
    for await (const rate of client.v1.contracts.rateCards.rates.list({
      rate_card_id: rateCardId,
      at: '2024-06-01T00:00:00Z',
      limit: 1,
    })) {
      inJune.push(rate)
    }
    assert.deepEqual(
      inJune.map((rate) => [rate.product_name, rate.rate.rate_type, rate.rate.price]),
      [
        ['sdk-api-calls', 'FLAT', 0.5],
        ['sdk-storage', 'TIERED', undefined],
      ],
    )
    assert.deepEqual(inJune[0]!.product_tags, ['api'])
    assert.deepEqual(inJune[1]!.rate.tiers, [{ size: 1000, price: 2 }, { price: 1 }])

    const selected = await client.v1.contracts.rateCards.rates.list({
      rate_card_id: rateCardId,
      at: '2024-08-01T00:00:00Z',
      selectors: [{ product_tags: ['api'] }],
    })
    assert.deepEqual(
      selected.data.map((rate) => rate.rate.price),
      [0.4],
    )

    const schedule = await client.v1.contracts.rateCards.retrieveRateSchedule({
      rate_card_id: rateCardId,
      starting_at: '2024-01-01T00:00:00Z',
      selectors: [{ product_id: api }],
    })
    assert.deepEqual(
      schedule.data.map((row) => [row.rate.price, row.starting_at, row.ending_before ?? null]),
      [
        [0.5, '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
        [0.4, '2024-07-01T00:00:00.000Z', null],
      ],
    )
    assert.equal(schedule.next_page, null)

    await assert.rejects(
      client.v1.contracts.rateCards.rates.addMany({
        rate_card_id: rateCardId,
        rates: [
          {
            product_id: api,
            starting_at: '2024-09-01T00:00:00Z',
            entitled: true,
            rate_type: 'PERCENTAGE',
            price: 1.5,
          },
        ],
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /body\.rates\[0\]\.price/.test(error.message),
    )
  })

  test('product orders: set and update (move)', async () => {
    const { client } = live
    const a = await usageProduct('sdk-order-a')
    const b = await usageProduct('sdk-order-b')
    const card = await client.v1.contracts.rateCards.create({ name: 'SDK order' })
    const rateCardId = card.data.id
    await client.v1.contracts.rateCards.rates.addMany({
      rate_card_id: rateCardId,
      rates: [a, b].map((productId) => ({
        product_id: productId,
        starting_at: '2024-01-01T00:00:00Z',
        entitled: true,
        rate_type: 'FLAT' as const,
        price: 1,
      })),
    })
    const names = async () => {
      const page = await client.v1.contracts.rateCards.rates.list({
        rate_card_id: rateCardId,
        at: '2024-02-01T00:00:00Z',
      })
      return page.data.map((rate) => rate.product_name)
    }
    assert.deepEqual(await names(), ['sdk-order-a', 'sdk-order-b'])
    const set = await client.v1.contracts.rateCards.productOrders.set({
      rate_card_id: rateCardId,
      product_order: [b, a],
    })
    assert.deepEqual(set.data, { id: rateCardId })
    assert.deepEqual(await names(), ['sdk-order-b', 'sdk-order-a'])
    const moved = await client.v1.contracts.rateCards.productOrders.update({
      rate_card_id: rateCardId,
      product_moves: [{ product_id: a, position: 0 }],
    })
    assert.deepEqual(moved.data, { id: rateCardId })
    assert.deepEqual(await names(), ['sdk-order-a', 'sdk-order-b'])
  })

  test('named schedules (the SDK files rate-card schedules under contracts.namedSchedules)', async () => {
    const { client } = live
    const card = await client.v1.contracts.rateCards.create({ name: 'SDK schedules' })
    const rateCardId = card.data.id
    // A void call: resolving (no JSON parse error on the empty 200) is the check.
    await client.v1.contracts.namedSchedules.update({
      rate_card_id: rateCardId,
      schedule_name: 'multiplier',
      starting_at: '2024-01-01T00:00:00Z',
      value: { factor: 1 },
    })
    await client.v1.contracts.namedSchedules.update({
      rate_card_id: rateCardId,
      schedule_name: 'multiplier',
      starting_at: '2024-06-01T00:00:00Z',
      ending_before: '2024-07-01T00:00:00Z',
      value: { factor: 2 },
    })
    const all = await client.v1.contracts.namedSchedules.retrieve({
      rate_card_id: rateCardId,
      schedule_name: 'multiplier',
    })
    assert.deepEqual(
      all.data.map((segment) => [
        segment.starting_at,
        segment.ending_before ?? null,
        segment.value,
      ]),
      [
        ['2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', { factor: 1 }],
        ['2024-06-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z', { factor: 2 }],
        ['2024-07-01T00:00:00.000Z', null, { factor: 1 }],
      ],
    )
    const covering = await client.v1.contracts.namedSchedules.retrieve({
      rate_card_id: rateCardId,
      schedule_name: 'multiplier',
      covering_date: '2024-06-15T00:00:00Z',
    })
    assert.deepEqual(
      covering.data.map((segment) => segment.value),
      [{ factor: 2 }],
    )
  })
})
