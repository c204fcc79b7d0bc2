/**
 * Killing the server with SIGKILL in the middle of writes loses nothing it acknowledged:
 * after a restart on the same data directory every write answered 200 is there.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLiveServer } from '../support/live-server.js'

test('SIGKILL during writes on the embedded store loses no acknowledged write', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-kill-'))
  const token = 'kill-test-token'
  const env = { METRUM_API_TOKEN: token, METRUM_DATA_DIR: dataDir }
  try {
    const first = await startLiveServer(env)
    const acknowledged: string[] = []
    let stop = false
    const writer = async () => {
      while (!stop) {
        try {
          const response = await fetch(`${first.baseURL}/_metrum/tokens`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `w${acknowledged.length}` }),
          })
          if (response.status !== 200) return
          const body = (await response.json()) as { data: { id: string; token: string } }
          acknowledged.push(body.data.token)
        } catch {
          return // The server died mid-request: that write was never acknowledged.
        }
      }
    }
    const writers = [writer(), writer(), writer()]
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 10))
    await first.kill()
    stop = true
    await Promise.all(writers)

    const second = await startLiveServer(env, Number(new URL(first.baseURL).port))
    try {
      const response = await fetch(`${second.baseURL}/v1/auditLogs?limit=100`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const entries = ((await response.json()) as { data: unknown[] }).data
      assert.ok(
        entries.length >= acknowledged.length,
        `${entries.length} audit entries < ${acknowledged.length} acknowledged`,
      )
      for (const secret of acknowledged) {
        const check = await fetch(`${second.baseURL}/v1/services`, {
          headers: { authorization: `Bearer ${secret}` },
        })
        assert.equal(check.status, 200, 'an acknowledged token must survive the kill')
      }
    } finally {
      await second.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
