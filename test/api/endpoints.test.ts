/** The operation inventory matches the spec, the registered routes, and the README. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { endpoints, handlers } from '../../src/api/endpoints.js'
import { operations } from '../../src/api/generated/index.js'
import { buildServer } from '../../src/api/server.js'
import { readmePath, withCoverage } from '../../scripts/gen-coverage.js'
import type { AppDeps } from '../../src/app/deps.js'

test('the inventory lists every spec operation exactly once', () => {
  assert.equal(endpoints.length, 155)
  assert.equal(new Set(endpoints.map((e) => e.operation.operationId)).size, 155)
  assert.deepEqual(
    endpoints.map((e) => e.operation.operationId).sort(),
    operations.map((o) => o.operationId).sort(),
  )
})

test('each handler is for a distinct operation', () => {
  const ids = handlers.map((h) => h.operationId)
  assert.equal(new Set(ids).size, ids.length)
})

test('registered Metronome routes are exactly the implemented operations', async () => {
  // The server is built without a database: registering routes touches none.
  const unusedDeps = { app: {} as AppDeps, server: { listenAddresses: [] } }
  const { fastify } = await buildServer({ deps: unusedDeps, logger: false })
  await fastify.ready()
  const registered = new Set<string>()
  for (const endpoint of endpoints) {
    const url = endpoint.operation.path.replace(/\{([^}]+)\}/g, ':$1')
    const found = fastify.hasRoute({ method: endpoint.operation.method, url })
    if (found) registered.add(endpoint.operation.operationId)
    assert.equal(
      found,
      endpoint.status === 'implemented',
      `${endpoint.operation.operationId}: registered=${found}, status=${endpoint.status}`,
    )
  }
  assert.equal(registered.size, handlers.length)
  await fastify.close()
})

test('the README coverage table is generated from the inventory', () => {
  const readme = readFileSync(readmePath, 'utf8')
  assert.equal(withCoverage(readme), readme, 'README.md is stale: run npm run gen:coverage')
})
