/**
 * The embedded database is one PGlite session shared by every connection. A statement answered
 * to one connection must be committed on its own, whatever other connections do meanwhile:
 * here one connection keeps opening and rolling back explicit transactions while four others
 * insert in autocommit; every acknowledged insert must be there afterwards.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { startEmbeddedDatabase } from '../../src/store/pglite/embedded.js'

test(
  'embedded: another connection’s transactions never capture an acknowledged insert',
  { timeout: 60_000 },
  async () => {
    const database = await startEmbeddedDatabase(null)
    const pool = new pg.Pool({ connectionString: database.connectionString, max: 5 })
    try {
      await pool.query('CREATE TABLE acknowledged (n integer PRIMARY KEY)')
      let stop = false
      const interloper = (async () => {
        const client = await pool.connect()
        try {
          while (!stop) {
            await client.query('BEGIN')
            await client.query('SELECT count(*) FROM acknowledged')
            await client.query('ROLLBACK')
          }
        } finally {
          client.release()
        }
      })()
      const acknowledged: number[] = []
      await Promise.all(
        Array.from({ length: 4 }, async (_, writer) => {
          for (let i = 0; i < 150; i += 1) {
            const n = writer * 1000 + i
            // A parameter makes pg use the extended protocol (Parse/Bind/Execute/Sync).
            await pool.query('INSERT INTO acknowledged (n) VALUES ($1)', [n])
            acknowledged.push(n)
          }
        }),
      )
      stop = true
      await interloper
      const stored = await pool.query<{ n: number }>('SELECT n FROM acknowledged')
      const present = new Set(stored.rows.map((row) => row.n))
      const lost = acknowledged.filter((n) => !present.has(n))
      assert.deepEqual(
        lost,
        [],
        `${lost.length} of ${acknowledged.length} acknowledged inserts lost`,
      )
    } finally {
      await pool.end()
      await database.stop()
    }
  },
)
