/**
 * Sustained ingest, SIGKILL, restart: every event answered 200 is stored exactly once, on the
 * embedded store and on PostgreSQL. Writers resend some batches (as clients retry) so that
 * de-duplication is exercised across the crash too.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createTestDatabase, databaseKinds } from '../support/databases.js'
import { startLiveServer } from '../support/live-server.js'

const token = 'ingest-kill-token'

for (const kind of await databaseKinds()) {
  test(`SIGKILL during sustained ingest on ${kind}: acknowledged events present exactly once`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'metrum-ingest-kill-'))
    const database = await createTestDatabase(kind)
    const env: Record<string, string> = { METRUM_API_TOKEN: token, METRUM_DATA_DIR: dataDir }
    if (database.databaseUrl) env['DATABASE_URL'] = database.databaseUrl
    try {
      const first = await startLiveServer(env)
      const acknowledged = new Set<string>()
      let sent = 0
      let batchNumber = 0
      const writer = async (writerId: number) => {
        for (;;) {
          const batch = batchNumber++
          // Every fifth batch repeats the previous one, like a client retrying.
          const source = batch % 5 === 4 ? batch - 1 : batch
          const events = Array.from({ length: 100 }, (_, i) => ({
            transaction_id: `b${source}-e${i}`,
            customer_id: `writer-${writerId}`,
            event_type: 'load',
            timestamp: new Date().toISOString(),
            properties: { n: i },
          }))
          try {
            const response = await fetch(`${first.baseURL}/v1/ingest`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(events),
            })
            if (response.status !== 200) return
            for (const event of events) acknowledged.add(event.transaction_id)
            sent += 1
          } catch {
            return // The server died mid-request: this batch was not acknowledged.
          }
        }
      }
      const writers = [writer(1), writer(2), writer(3), writer(4)]
      while (sent < 40) await new Promise((resolve) => setTimeout(resolve, 5))
      await first.kill()
      await Promise.all(writers)

      const second = await startLiveServer(env, Number(new URL(first.baseURL).port))
      try {
        const ids = [...acknowledged]
        const stored = new Map<string, number>()
        for (let i = 0; i < ids.length; i += 500) {
          const response = await fetch(`${second.baseURL}/v1/events/search`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ transactionIds: ids.slice(i, i + 500) }),
          })
          const found = (await response.json()) as Array<{
            transaction_id: string
            is_duplicate: boolean
          }>
          for (const event of found.filter((candidate) => !candidate.is_duplicate)) {
            stored.set(event.transaction_id, (stored.get(event.transaction_id) ?? 0) + 1)
          }
        }
        const missing = ids.filter((id) => !stored.has(id))
        assert.deepEqual(
          missing.slice(0, 5),
          [],
          `${missing.length} of ${ids.length} acknowledged events lost`,
        )
        assert.ok(
          [...stored.values()].every((count) => count === 1),
          'an event stored twice',
        )
        if (database.databaseUrl) {
          const client = new pg.Client(database.databaseUrl)
          await client.connect()
          const total = await client.query(
            'SELECT count(*)::int AS n, count(DISTINCT transaction_id)::int AS d FROM events',
          )
          await client.end()
          assert.equal(total.rows[0].n, total.rows[0].d)
          assert.ok(total.rows[0].n >= ids.length)
        }
      } finally {
        await second.stop()
      }
    } finally {
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
}
