/**
 * `npm run bench [-- startup|requests]`: the foundation benchmarks. Prints figures next to a
 * raw database ceiling measured on the same run, so results read as ratios.
 *
 * - startup: `metrum serve` on a warm embedded data directory, spawn to healthy (target ≤ 3 s).
 * - requests: authenticated GET /v1/credit-types/list over loopback at fixed concurrency, on
 *   the embedded store and on PostgreSQL, next to the raw rate of the same query through `pg`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startLiveServer } from '../test/support/live-server.js'
import { createTestDatabase } from '../test/support/databases.js'

const TOKEN = 'bench-token'
const which = process.argv[2] ?? 'all'

async function benchStartup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-bench-'))
  try {
    const cold = Date.now()
    const first = await startLiveServer({ METRUM_API_TOKEN: TOKEN, METRUM_DATA_DIR: dataDir })
    const coldMs = Date.now() - cold
    await first.stop()
    const warm: number[] = []
    for (let i = 0; i < 5; i += 1) {
      const started = Date.now()
      const server = await startLiveServer({ METRUM_API_TOKEN: TOKEN, METRUM_DATA_DIR: dataDir })
      warm.push(Date.now() - started)
      await server.stop()
    }
    warm.sort((a, b) => a - b)
    console.log(
      `startup (embedded): first start (initdb) ${coldMs} ms; warm data dir: median ${warm[2]} ms, max ${warm[4]} ms (target ≤ 3000 ms)`,
    )
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function loop(durationMs: number, concurrency: number, once: () => Promise<void>) {
  const deadline = Date.now() + durationMs
  let count = 0
  const latencies: number[] = []
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now()
        await once()
        latencies.push(performance.now() - started)
        count += 1
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0
  return { perSecond: Math.round((count * 1000) / durationMs), p99Ms: p99.toFixed(2) }
}

async function benchRequests(kind: 'pglite' | 'postgres') {
  const database = await createTestDatabase(kind)
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-bench-'))
  const env: Record<string, string> = { METRUM_API_TOKEN: TOKEN, METRUM_DATA_DIR: dataDir }
  if (database.databaseUrl) env['DATABASE_URL'] = database.databaseUrl
  const server = await startLiveServer(env)
  try {
    const url = `${server.baseURL}/v1/credit-types/list`
    const headers = { authorization: `Bearer ${TOKEN}` }
    await loop(1000, 16, async () => void (await (await fetch(url, { headers })).arrayBuffer()))
    const http = await loop(5000, 16, async () => {
      const response = await fetch(url, { headers })
      if (response.status !== 200) throw new Error(`status ${response.status}`)
      await response.arrayBuffer()
    })
    let ceiling = 'n/a (embedded store has no outside connection)'
    if (database.databaseUrl) {
      const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 16 })
      const raw = await loop(5000, 16, async () => {
        await pool.query(
          'SELECT id, name, is_currency FROM credit_types WHERE client_id = (SELECT id FROM clients LIMIT 1) ORDER BY created_at, id LIMIT 101',
        )
      })
      await pool.end()
      ceiling = `${raw.perSecond} queries/s (p99 ${raw.p99Ms} ms)`
    }
    console.log(
      `requests (${kind}): ${http.perSecond} req/s, p99 ${http.p99Ms} ms, concurrency 16; raw pg ceiling: ${ceiling}`,
    )
  } finally {
    await server.stop()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (which === 'all' || which === 'startup') await benchStartup()
if (which === 'all' || which === 'requests') {
  await benchRequests('pglite')
  await benchRequests('postgres')
}
