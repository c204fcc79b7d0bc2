/**
 * POST /v1/composite/createCustomerWithContract: the customer and its contract in one write,
 * answered in the CustomerAndContract shape; a bad contract is a 400 naming the field under
 * `body.contract` and leaves no customer behind.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createRateCard, storeProduct } from '../support/contract-fixtures.js'

for (const kind of await databaseKinds()) {
  describe(`composite createCustomerWithContract on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call } = jsonCalls(t)
    let fixed: string
    let rateCardId: string

    const customerCount = async () =>
      (await t.fastify
        .inject({
          method: 'GET',
          url: '/v1/customers?limit=100',
          headers: { authorization: `Bearer ${t.token}` },
        })
        .then((response) => response.json().data.length)) as number

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Fee')
      rateCardId = await createRateCard(t)
    })

    test('creates both and answers CustomerAndContract', async () => {
      const alias = `team-${randomUUID()}@example.com`
      const created = await call('/v1/composite/createCustomerWithContract', {
        customer: { name: 'Example, Inc.', ingest_aliases: [alias], custom_fields: {} },
        contract: {
          starting_at: '2025-01-01T00:00:00.000Z',
          rate_card_id: rateCardId,
          name: 'First',
          scheduled_charges: [
            {
              product_id: fixed,
              schedule: {
                schedule_items: [{ timestamp: '2025-02-01T00:00:00.000Z', amount: 100 }],
              },
            },
          ],
        },
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const data = created.body.data
      assert.equal(data.customer_name, 'Example, Inc.')
      assert.deepEqual(data.ingest_aliases, [alias])
      assert.match(data.customer_id, /^[0-9a-f-]{36}$/)
      const got = await call('/v1/contracts/get', {
        customer_id: data.customer_id,
        contract_id: data.contract_id,
      })
      assert.equal(got.status, 200, JSON.stringify(got.body))
      assert.equal(got.body.data.current.name, 'First')
      assert.equal(got.body.data.current.rate_card_id, rateCardId)
    })

    test('a bad contract is a 400 under body.contract and no customer is written', async () => {
      const before = await customerCount()
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [
          { starting_at: '2025-01-01T00:00:00.000Z', rate_card_id: randomUUID() },
          /^body\.contract\.rate_card_id names no rate card/,
        ],
        [
          {
            starting_at: '2025-01-01T00:00:00.000Z',
            ending_before: '2024-01-01T00:00:00.000Z',
          },
          /^body\.contract\.ending_before must be after starting_at/,
        ],
        [{ rate_card_id: rateCardId }, /starting_at/],
      ]
      for (const [contract, message] of cases) {
        const refused = await call('/v1/composite/createCustomerWithContract', {
          customer: { name: `c ${randomUUID()}`, ingest_aliases: [`a-${randomUUID()}`] },
          contract,
        })
        assert.equal(refused.status, 400, JSON.stringify(refused.body))
        assert.match(refused.body.message, message)
      }
      assert.equal(await customerCount(), before)
    })

    test('a held ingest alias is 409 and nothing is written', async () => {
      const alias = `held-${randomUUID()}`
      const first = await call('/v1/composite/createCustomerWithContract', {
        customer: { name: 'One', ingest_aliases: [alias] },
        contract: { starting_at: '2025-01-01T00:00:00.000Z' },
      })
      assert.equal(first.status, 200, JSON.stringify(first.body))
      const before = await customerCount()
      const second = await call('/v1/composite/createCustomerWithContract', {
        customer: { name: 'Two', ingest_aliases: [alias] },
        contract: { starting_at: '2025-01-01T00:00:00.000Z' },
      })
      assert.equal(second.status, 409)
      assert.equal(await customerCount(), before)
    })
  })
}
