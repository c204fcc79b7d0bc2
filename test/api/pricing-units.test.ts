/**
 * Custom pricing units: created through `POST /_metrum/pricing-units` (the Metronome API has no
 * create call), then listed by `GET /v1/credit-types/list` next to the fiat types — per client,
 * audited, and with bad names refused without a write.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import { databaseKinds } from '../support/databases.js'
import { useTestApp } from '../support/app.js'

for (const kind of await databaseKinds()) {
  describe(`pricing units on ${kind}`, () => {
    const t = useTestApp(kind)

    const create = (payload: unknown, token = t.token) =>
      t.fastify.inject({
        method: 'POST',
        url: '/_metrum/pricing-units',
        headers: { authorization: `Bearer ${token}` },
        payload: payload as Record<string, unknown>,
      })
    const list = async (token = t.token) => {
      const response = await t.fastify.inject({
        method: 'GET',
        url: '/v1/credit-types/list',
        headers: { authorization: `Bearer ${token}` },
      })
      return (
        response.json() as { data: Array<{ id: string; name: string; is_currency: boolean }> }
      ).data
    }

    test('a created unit is listed after the fiat types, for its client only, and audited', async () => {
      const created = await create({ name: 'AI credits' })
      assert.equal(created.statusCode, 200, created.body)
      const { id, name } = created.json().data as { id: string; name: string }
      assert.equal(name, 'AI credits')
      assert.deepEqual(
        (await list()).map((unit) => [unit.id, unit.name, unit.is_currency]),
        [
          [USD_CENTS_CREDIT_TYPE_ID, 'USD (cents)', true],
          [id, 'AI credits', false],
        ],
      )
      const other = await t.tokenForClient('other-client')
      assert.deepEqual(
        (await list(other)).map((unit) => unit.id),
        [USD_CENTS_CREDIT_TYPE_ID],
      )
      const audit = await t.fastify.inject({
        method: 'GET',
        url: `/v1/auditLogs?resource_type=pricing_unit&resource_id=${id}`,
        headers: { authorization: `Bearer ${t.token}` },
      })
      assert.deepEqual(
        (audit.json() as { data: Array<{ action: string }> }).data.map((entry) => entry.action),
        ['pricing_unit.create'],
      )
    })

    const badNames: Array<[string, unknown, RegExp]> = [
      ['missing name', {}, /name/],
      ['empty name', { name: '' }, /name/],
      ['only spaces', { name: '   ' }, /body\.name must be 1 to 128 characters/],
      ['too long', { name: 'x'.repeat(129) }, /name/],
      ['not a string', { name: 5 }, /name/],
      ['an unknown field', { name: 'ok', color: 'blue' }, /color|additional/],
      [
        'a name in use',
        { name: 'USD (cents)' },
        /body\.name: a pricing unit named 'USD \(cents\)' exists/,
      ],
    ]
    for (const [label, payload, message] of badNames) {
      test(`400 for ${label}, nothing written`, async () => {
        const before = (await list()).length
        const response = await create(payload)
        assert.equal(response.statusCode, 400, response.body)
        assert.match(response.json().message, message)
        assert.equal(response.headers['x-should-retry'], 'false')
        assert.equal((await list()).length, before)
      })
    }

    test('401 without a token', async () => {
      const response = await create({ name: 'x' }, 'nope')
      assert.equal(response.statusCode, 401)
    })
  })
}
