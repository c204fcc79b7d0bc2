/**
 * `npm run bench:ingest`: POST /v1/ingest over loopback with concurrent 100-event batches of
 * realistic events (~5 % repeated transaction_ids), on PostgreSQL and on the embedded store;
 * then checks the stored count is exact, and prints the raw COPY rate of the same rows into
 * PostgreSQL on the same run as the ceiling.
 */
import { Agent, request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { createTestDatabase } from '../test/support/databases.js'
import { startLiveServer } from '../test/support/live-server.js'

const TOKEN = 'bench-token'
const CONCURRENCY = 16
const BATCH = 100

interface Batch {
  readonly body: string
  readonly uniqueIds: readonly string[]
}

/** Batches of realistic events; about one event in twenty repeats an earlier transaction id. */
function makeBatches(count: number, seed: string): { batches: Batch[]; unique: number } {
  const batches: Batch[] = []
  const base = Date.now() - 6 * 3_600_000
  let next = 0
  const seen = new Set<string>()
  for (let b = 0; b < count; b += 1) {
    const events = Array.from({ length: BATCH }, (_, i) => {
      const repeat = next > 100 && (b * BATCH + i) % 20 === 7
      const id = repeat ? `${seed}-${next - 50}` : `${seed}-${next++}`
      return {
        transaction_id: id,
        customer_id: `customer-${(b * 7 + i) % 500}`,
        event_type: i % 3 === 0 ? 'completion' : 'embedding',
        timestamp: new Date(base + (b * BATCH + i) * 37).toISOString(),
        properties: {
          model: i % 2 ? 'large' : 'small',
          tokens: String(100 + ((i * 13) % 900)),
          region: 'us-east-1',
        },
      }
    })
    for (const event of events) seen.add(event.transaction_id)
    batches.push({
      body: JSON.stringify(events),
      uniqueIds: events.map((event) => event.transaction_id),
    })
  }
  return { batches, unique: seen.size }
}

async function drive(baseURL: string, batches: readonly Batch[]): Promise<number> {
  const url = new URL(`${baseURL}/v1/ingest`)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let index = 0
  const started = performance.now()
  const send = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (index < batches.length) await send(batches[index++]!.body)
    }),
  )
  agent.destroy()
  return (batches.length * BATCH) / ((performance.now() - started) / 1000)
}

async function storedCount(connectionString: string): Promise<number> {
  const client = new pg.Client(connectionString)
  await client.connect()
  const result = await client.query('SELECT count(*)::int AS n FROM events')
  await client.end()
  return result.rows[0].n as number
}

async function copyCeiling(batches: readonly Batch[]): Promise<number> {
  const database = await createTestDatabase('postgres')
  const client = new pg.Client(database.databaseUrl!)
  await client.connect()
  await client.query(`CREATE TABLE events (client_id uuid, transaction_id text, customer_ref text,
    event_type text, ts timestamptz, properties jsonb, received_at timestamptz)`)
  const rows = batches.flatMap((batch) => JSON.parse(batch.body) as Array<Record<string, unknown>>)
  const escape = (text: string) =>
    text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')
  const lines = rows.map(
    (row) =>
      `00000000-0000-4000-8000-000000000000\t${escape(String(row['transaction_id']))}\t${escape(String(row['customer_id']))}\t${escape(String(row['event_type']))}\t${row['timestamp']}\t${escape(JSON.stringify(row['properties']))}\t${new Date().toISOString()}\n`,
  )
  const started = performance.now()
  await pipeline(Readable.from(lines), client.query(copyFrom('COPY events FROM STDIN')))
  const rate = rows.length / ((performance.now() - started) / 1000)
  await client.end()
  await database.drop()
  return rate
}

async function benchStore(kind: 'postgres' | 'pglite', batchCount: number) {
  const database = await createTestDatabase(kind)
  const dataDir = mkdtempSync(join(tmpdir(), 'metrum-bench-ingest-'))
  const env: Record<string, string> = { METRUM_API_TOKEN: TOKEN, METRUM_DATA_DIR: dataDir }
  if (database.databaseUrl) env['DATABASE_URL'] = database.databaseUrl
  const server = await startLiveServer(env)
  try {
    await drive(server.baseURL, makeBatches(20, `warm-${kind}`).batches)
    const { batches, unique } = makeBatches(batchCount, `run-${kind}`)
    const rate = await drive(server.baseURL, batches)
    let exact = 'not checked'
    if (database.databaseUrl) {
      const count = await storedCount(database.databaseUrl)
      const expected = unique + makeBatches(20, `warm-${kind}`).unique
      exact =
        count === expected
          ? `exact (${count} stored)`
          : `WRONG: ${count} stored, ${expected} expected`
    } else {
      const ids = batches.flatMap((batch) => batch.uniqueIds)
      const response = await fetch(`${server.baseURL}/v1/events/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ transactionIds: [...new Set(ids)].slice(0, 5000) }),
      })
      const found = ((await response.json()) as Array<{ is_duplicate: boolean }>).filter(
        (event) => !event.is_duplicate,
      ).length
      exact =
        found === Math.min(5000, unique) ? `exact on a 5,000-id sample` : `WRONG: ${found} found`
    }
    console.log(
      `ingest (${kind}): ${Math.round(rate).toLocaleString('en-US')} events/s over ${(batchCount * BATCH).toLocaleString('en-US')} events, ${CONCURRENCY} concurrent 100-event batches; count ${exact}`,
    )
    return batches
  } finally {
    await server.stop()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const postgresBatches = await benchStore('postgres', 2000)
await benchStore('pglite', 1000)
const ceiling = await copyCeiling(postgresBatches)
console.log(
  `raw PostgreSQL ceiling: COPY of the same ${(postgresBatches.length * BATCH).toLocaleString('en-US')} rows: ${Math.round(ceiling).toLocaleString('en-US')} rows/s`,
)
