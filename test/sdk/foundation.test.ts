/** The official @metronome/sdk against a live `metrum serve` on loopback. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

describe('@metronome/sdk against a live server', () => {
  const live = useLiveSdk('foundation')
  const token = live.token

  test('v1.pricingUnits.list auto-paginates the pricing units', async () => {
    const { client } = live
    const units = []
    for await (const unit of client.v1.pricingUnits.list({ limit: 1 })) units.push(unit)
    assert.deepEqual(units, [
      { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)', is_currency: true },
    ])
  })

  test('v1.services.list returns the service registry', async () => {
    const { client } = live
    const response = await client.v1.services.list()
    assert.deepEqual(response.services, [
      { name: 'metrum-api', usage: 'accepts_connections_at', ips: ['127.0.0.1'] },
    ])
  })

  test('v1.auditLogs.list shows writes made through the API, and auto-pagination ends', async () => {
    const { client } = live
    for (const name of ['one', 'two', 'three']) {
      const response = await fetch(`${live.server.baseURL}/_metrum/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      })
      assert.equal(response.status, 200)
    }
    const entries = []
    for await (const entry of client.v1.auditLogs.list({ limit: 2 })) entries.push(entry)
    assert.equal(entries.length, 3)
    assert.ok(entries.every((entry) => entry.action === 'api_token.create'))
    const newestFirst = await client.v1.auditLogs.list({ sort: 'date_desc', limit: 100 })
    assert.deepEqual(
      newestFirst.data.map((entry) => entry.id),
      entries.map((entry) => entry.id).reverse(),
    )
  })

  test('a bad token is an AuthenticationError; an unknown path is a NotFoundError', async () => {
    const { client } = live
    const stranger = new Metronome({
      bearerToken: 'wrong',
      baseURL: live.server.baseURL,
      maxRetries: 0,
    })
    await assert.rejects(stranger.v1.services.list(), Metronome.AuthenticationError)
    await assert.rejects(
      client.get('/_stainless_unknown_path'),
      (error: unknown) => error instanceof Metronome.NotFoundError,
    )
  })

  test('a bad query is a BadRequestError naming the field', async () => {
    const { client } = live
    await assert.rejects(
      client.v1.auditLogs.list({ limit: 1000 }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /query\.limit/.test(error.message),
    )
  })
})
