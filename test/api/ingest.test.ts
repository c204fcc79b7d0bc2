/** POST /v1/ingest: batches validated whole, exact de-duplication, the acceptance window. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { databaseKinds } from '../support/databases.js'
import { useTestApp } from '../support/app.js'

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString()

function event(transactionId: string, overrides: Record<string, unknown> = {}) {
  return {
    transaction_id: transactionId,
    customer_id: 'alias-1',
    event_type: 'api_call',
    timestamp: hoursAgo(1),
    properties: { tokens: 10 },
    ...overrides,
  }
}

for (const kind of await databaseKinds()) {
  describe(`ingest on ${kind}`, () => {
    const t = useTestApp(kind)

    const ingest = (payload: unknown, headers: Record<string, string> = {}) =>
      t.fastify.inject({
        method: 'POST',
        url: '/v1/ingest',
        headers: {
          authorization: `Bearer ${t.token}`,
          'content-type': 'application/json',
          ...headers,
        },
        payload:
          typeof payload === 'string' || Buffer.isBuffer(payload)
            ? payload
            : JSON.stringify(payload),
      })
    const stored = (ids: string[]) => t.app.store.findEvents(t.clientId, ids)

    test('a valid batch answers an empty 200 with no JSON content type', async () => {
      const response = await ingest([event('ok-1'), event('ok-2')])
      assert.equal(response.statusCode, 200)
      assert.equal(response.body, '')
      assert.equal(response.headers['content-type'], undefined)
      assert.equal((await stored(['ok-1', 'ok-2'])).length, 2)
    })

    test('first write wins, across batches and inside one', async () => {
      await ingest([
        event('dup-1', { properties: { tokens: 1 } }),
        event('dup-1', { properties: { tokens: 2 } }),
      ])
      await ingest([event('dup-1', { properties: { tokens: 3 } })])
      const rows = await stored(['dup-1'])
      const originals = rows.filter((row) => !row.isDuplicate)
      assert.equal(originals.length, 1)
      assert.deepEqual(originals[0]!.properties, { tokens: 1 })
      // The later ones are kept for search, in arrival order, and never counted.
      assert.deepEqual(
        rows.filter((row) => row.isDuplicate).map((row) => row.properties),
        [{ tokens: 2 }, { tokens: 3 }],
      )
    })

    test('one bad event rejects the whole batch with its index and field, storing nothing', async () => {
      const cases: Array<[unknown[], RegExp]> = [
        [
          [event('bad-a'), event('bad-b', { timestamp: 'yesterday' })],
          /body\[1\]\.timestamp must be an RFC 3339 timestamp/,
        ],
        [
          [event('bad-c', { timestamp: '2026-02-30T00:00:00Z' })],
          /body\[0\]\.timestamp must be an RFC 3339/,
        ],
        [
          [
            event('bad-d'),
            event('bad-e', { timestamp: new Date(Date.now() + 25 * 3_600_000).toISOString() }),
          ],
          /body\[1\]\.timestamp is more than 24 hours in the future/,
        ],
        [
          [event('bad-f', { timestamp: hoursAgo(35 * 24) })],
          /body\[0\]\.timestamp is more than 34 days in the past/,
        ],
        [
          [event('bad-g'), event('bad-h', { customer_id: 5 })],
          /body\[1\]\.customer_id must be string/,
        ],
        [[event('bad-i', { event_type: undefined })], /body\[0\]\.event_type is required/],
        [Array.from({ length: 101 }, (_, i) => event(`bad-many-${i}`)), /more than 100 items/],
        [[], /fewer than 1 items/],
      ]
      for (const [batch, message] of cases) {
        const response = await ingest(batch)
        assert.equal(response.statusCode, 400, JSON.stringify(batch).slice(0, 80))
        assert.match(response.json().message, message)
      }
      const ids = [
        'bad-a',
        'bad-b',
        'bad-c',
        'bad-d',
        'bad-e',
        'bad-f',
        'bad-g',
        'bad-h',
        'bad-i',
        'bad-many-0',
      ]
      assert.deepEqual(await stored(ids), [])
      const malformed = await ingest('[{"transaction_id": ')
      assert.equal(malformed.statusCode, 400)
      const none = await t.fastify.inject({
        method: 'POST',
        url: '/v1/ingest',
        headers: { authorization: `Bearer ${t.token}` },
      })
      assert.equal(none.statusCode, 200, 'no body at all is an empty batch (the SDK sends none)')
      assert.equal(none.body, '')
    })

    test('24 hours ahead and 34 days back are still accepted', async () => {
      const response = await ingest([
        event('edge-future', { timestamp: new Date(Date.now() + 23 * 3_600_000).toISOString() }),
        event('edge-past', { timestamp: hoursAgo(33 * 24) }),
      ])
      assert.equal(response.statusCode, 200)
      assert.equal((await stored(['edge-future', 'edge-past'])).length, 2)
    })

    test('gzip batches are accepted', async () => {
      const body = gzipSync(Buffer.from(JSON.stringify([event('gz-1')])))
      const response = await ingest(body, { 'content-encoding': 'gzip' })
      assert.equal(response.statusCode, 200)
      assert.equal((await stored(['gz-1'])).length, 1)
    })

    test('transaction ids are per client', async () => {
      const other = await t.tokenForClient('ingest-other')
      const response = await t.fastify.inject({
        method: 'POST',
        url: '/v1/ingest',
        headers: { authorization: `Bearer ${other}` },
        payload: [event('ok-1', { properties: { tokens: 99 } })],
      })
      assert.equal(response.statusCode, 200)
      const otherClient = (await t.app.store.findClientByName('ingest-other'))!
      assert.deepEqual((await t.app.store.findEvents(otherClient.id, ['ok-1']))[0]!.properties, {
        tokens: 99,
      })
      assert.deepEqual((await stored(['ok-1']))[0]!.properties, { tokens: 10 })
    })
  })
}
