/**
 * Unknown customers and contracts: v1 answers 404; v2 answers what its spec documents, a 400
 * with `CustomerNotFound` or `ContractNotFound`.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { jsonCalls, useTestApp } from '../support/app.js'

describe('contract not found, v1 and v2', () => {
  const t = useTestApp('pglite')
  const { call } = jsonCalls(t)

  test('an unknown customer', async () => {
    const body = { customer_id: randomUUID(), contract_id: randomUUID() }
    const v1 = await call('/v1/contracts/get', body)
    assert.equal(v1.status, 404)
    assert.deepEqual(Object.keys(v1.body), ['message'])
    const v2 = await call('/v2/contracts/get', body)
    assert.equal(v2.status, 400)
    assert.equal(v2.body.code, 'CustomerNotFound')
    assert.match(v2.body.message, /Customer .* not found/)
    assert.equal(v2.headers['x-should-retry'], 'false')
  })

  test('an unknown contract of a known customer', async () => {
    const customer = (await call('/v1/customers', { name: 'Known' })).body.data.id
    const body = { customer_id: customer, contract_id: randomUUID() }
    assert.equal((await call('/v1/contracts/get', body)).status, 404)
    const v2 = await call('/v2/contracts/get', body)
    assert.equal(v2.status, 400)
    assert.equal(v2.body.code, 'ContractNotFound')
  })
})
