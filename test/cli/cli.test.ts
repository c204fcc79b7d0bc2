/** The `metrum` command: migrate, token create (new clients are isolated), pricing-unit create, serve. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startLiveServer } from '../support/live-server.js'

const root = resolve(import.meta.dirname, '../..')

function metrum(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['bin/metrum.js', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

test('migrate, token create for a new client, and serve with those tokens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-cli-'))
  const env = { METRUM_DATA_DIR: dataDir }
  try {
    const migrated = metrum(['migrate'], env)
    assert.equal(migrated.status, 0, migrated.output)
    assert.match(migrated.output, /Applied: 0001_foundation/)
    assert.match(metrum(['migrate'], env).output, /up to date/)

    const secretOf = (output: string) => output.trim().split('\n').at(-1)!
    const ownToken = metrum(['token', 'create', '--name', 'ops'], env)
    assert.equal(ownToken.status, 0, ownToken.output)
    assert.match(ownToken.output, /client "default"/)
    const otherToken = metrum(['token', 'create', '--client', 'acme'], env)
    assert.match(otherToken.output, /client "acme"/)
    assert.notEqual(secretOf(ownToken.output), secretOf(otherToken.output))

    assert.equal(metrum(['frobnicate'], env).status, 2)

    const unit = metrum(['pricing-unit', 'create', 'AI credits', '--client', 'acme'], env)
    assert.equal(unit.status, 0, unit.output)
    assert.match(unit.output, /Pricing unit "AI credits" for client "acme": [0-9a-f-]{36}/)
    const again = metrum(['pricing-unit', 'create', 'AI credits', '--client', 'acme'], env)
    assert.equal(again.status, 2)
    assert.match(again.output, /NAME: a pricing unit named 'AI credits' exists/)

    const server = await startLiveServer(env)
    try {
      assert.match(server.output(), /Metrum is listening on http:\/\/127\.0\.0\.1:\d+/)
      // Tokens already existed, so none was generated and none is printed.
      assert.doesNotMatch(server.output(), /First start/)
      const call = (secret: string, path: string, init: RequestInit = {}) =>
        fetch(`${server.baseURL}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        })
      const own = secretOf(ownToken.output)
      const other = secretOf(otherToken.output)
      assert.equal((await call(own, '/_metrum/tokens', { method: 'POST', body: '{}' })).status, 200)
      const ownLogs = (await (await call(own, '/v1/auditLogs')).json()) as { data: unknown[] }
      const otherLogs = (await (await call(other, '/v1/auditLogs')).json()) as { data: unknown[] }
      assert.equal(ownLogs.data.length, 1)
      assert.equal(otherLogs.data.length, 0)
      const units = (await (await call(other, '/v1/credit-types/list')).json()) as {
        data: unknown[]
      }
      assert.deepEqual(
        (units.data as Array<{ name: string }>).map((unit) => unit.name),
        ['USD (cents)', 'AI credits'],
        'a new client starts with its own USD (cents); acme also has its custom unit',
      )
      const ownUnits = (await (await call(own, '/v1/credit-types/list')).json()) as {
        data: unknown[]
      }
      assert.equal(ownUnits.data.length, 1, "the custom unit is acme's only")
    } finally {
      assert.equal(await server.stop(), 0, 'SIGTERM shuts down cleanly with exit code 0')
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a first start without METRUM_API_TOKEN prints a generated token that works', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-cli-'))
  try {
    const server = await startLiveServer({ METRUM_DATA_DIR: dataDir, METRUM_API_TOKEN: '' })
    try {
      const match = /First start[\s\S]*?\n\s+(mtr_[A-Za-z0-9_-]+)\n/.exec(server.output())
      assert.ok(match?.[1], server.output())
      const response = await fetch(`${server.baseURL}/v1/services`, {
        headers: { authorization: `Bearer ${match[1]}` },
      })
      assert.equal(response.status, 200)
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('ingest FILE.ndjson loads events through the ingest path with a summary', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-cli-'))
  const env = { METRUM_DATA_DIR: dataDir, METRUM_API_TOKEN: 'cli-ingest-token' }
  try {
    const now = Date.now()
    const lines = Array.from({ length: 250 }, (_, i) =>
      JSON.stringify({
        transaction_id: `f${i % 240}`,
        customer_id: 'file-customer',
        event_type: 'load',
        timestamp: new Date(now - i * 1000).toISOString(),
        properties: { n: i },
      }),
    )
    lines.splice(100, 0, '{not json')
    const file = join(dataDir, 'events.ndjson')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const result = metrum(['ingest', file, '--batch', '50'], env)
    assert.match(
      result.output,
      /Ingested 240 new events \(10 duplicates, 1 rejected\) from 251 lines/,
    )
    assert.match(result.output, /First rejection: line 101: not valid JSON/)
    assert.equal(result.status, 1, 'a run with rejections exits non-zero')
    assert.equal(metrum(['ingest', file, '--batch', '500'], env).status, 2)

    const server = await startLiveServer(env)
    try {
      const response = await fetch(`${server.baseURL}/v1/events/search`, {
        method: 'POST',
        headers: { authorization: 'Bearer cli-ingest-token', 'content-type': 'application/json' },
        body: JSON.stringify({ transactionIds: ['f0', 'f239', 'f240'] }),
      })
      const all = (await response.json()) as Array<{
        transaction_id: string
        is_duplicate: boolean
        properties: { n: number }
      }>
      const found = all.filter((e) => !e.is_duplicate)
      assert.deepEqual(found.map((e) => e.transaction_id).sort(), ['f0', 'f239'])
      assert.deepEqual(
        all.filter((e) => e.is_duplicate).map((e) => e.properties.n),
        [240],
      )
      assert.equal(
        found.find((e) => e.transaction_id === 'f0')!.properties.n,
        0,
        'first write wins',
      )
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
