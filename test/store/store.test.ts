/** The store contract, run on the embedded PGlite and on PostgreSQL when reachable. */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { AuditEntry } from '../../src/domain/audit/audit-entry.js'
import { loadMigrations, migrate } from '../../src/store/migrate.js'
import { openStorage, type OpenStorage } from '../../src/store/open.js'
import { createPostgresStore } from '../../src/store/postgres-store.js'
import { startJobQueue } from '../../src/store/job-queue.js'
import type { Store } from '../../src/app/ports.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js'

function entry(overrides: Partial<AuditEntry> & { timestamp: Date }): AuditEntry {
  return {
    id: randomUUID(),
    actor: { id: 'token-1', name: 'tester' },
    request: { id: 'req', ip: null, userAgent: null },
    action: 'thing.create',
    resourceType: 'thing',
    resourceId: 'thing-1',
    status: 'success',
    ...overrides,
  }
}

for (const kind of await databaseKinds()) {
  describe(`store on ${kind}`, () => {
    let database: TestDatabase
    let storage: OpenStorage
    let store: Store
    const clientA = randomUUID()
    const clientB = randomUUID()

    before(async () => {
      database = await createTestDatabase(kind)
      storage = await openStorage({ databaseUrl: database.databaseUrl, dataDir: null })
      store = createPostgresStore(storage.database.db)
      const createdAt = new Date('2026-01-01T00:00:00Z')
      await store.insertClient({ id: clientA, name: 'a', createdAt })
      await store.insertClient({ id: clientB, name: 'b', createdAt })
    })
    after(async () => {
      await storage.close()
      await database.drop()
    })

    test('migrations are applied once and re-running is a no-op', async () => {
      assert.deepEqual(
        storage.migrations.applied,
        loadMigrations().map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
      )
      assert.deepEqual(await migrate(storage.database.db), { applied: [] })
    })

    test('a migration changed after it was applied is refused', async () => {
      const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'tampered' } : m))
      await assert.rejects(migrate(storage.database.db, changed), /changed after it was applied/)
    })

    test('a token hash is unique across clients and resolves to its own client', async () => {
      const token = { id: randomUUID(), clientId: clientA, name: 't', createdAt: new Date() }
      assert.equal(await store.insertToken(token, 'hash-1'), true)
      assert.equal(
        await store.insertToken({ ...token, id: randomUUID(), clientId: clientB }, 'hash-1'),
        false,
      )
      assert.deepEqual(await store.findTokenByHash('hash-1'), {
        clientId: clientA,
        tokenId: token.id,
        tokenName: 't',
      })
      assert.equal(await store.findTokenByHash('hash-unknown'), null)
      assert.equal(await store.countTokens(clientA), 1)
      assert.equal(await store.countTokens(clientB), 0)
    })

    test('audit entries are isolated per client and filtered by resource and time', async () => {
      const t0 = new Date('2026-03-01T00:00:00Z')
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)
      await store.appendAudit(clientA, entry({ timestamp: at(0), resourceId: 'r1' }))
      await store.appendAudit(clientA, entry({ timestamp: at(1), resourceId: 'r2' }))
      await store.appendAudit(clientA, entry({ timestamp: at(1), resourceId: 'r1' }))
      await store.appendAudit(clientB, entry({ timestamp: at(0), resourceId: 'r1' }))
      const base = {
        sort: 'date_asc',
        limit: 100,
        after: null,
        startingOn: null,
        endingBefore: null,
        resource: null,
      } as const
      const all = await store.listAudit({ ...base, clientId: clientA })
      assert.equal(all.length, 3)
      // Same timestamp: insertion order decides.
      assert.deepEqual(
        all.map((row) => row.item.resourceId),
        ['r1', 'r2', 'r1'],
      )
      const r1 = await store.listAudit({
        ...base,
        clientId: clientA,
        resource: { type: 'thing', id: 'r1' },
      })
      assert.equal(r1.length, 2)
      const window = await store.listAudit({
        ...base,
        clientId: clientA,
        startingOn: at(1),
        endingBefore: at(2),
      })
      assert.equal(window.length, 2)
      const afterFirst = await store.listAudit({
        ...base,
        clientId: clientA,
        after: all[0]!.position,
      })
      assert.deepEqual(
        afterFirst.map((row) => row.item.id),
        all.slice(1).map((row) => row.item.id),
      )
      const descending = await store.listAudit({
        ...base,
        sort: 'date_desc',
        clientId: clientA,
        after: all[2]!.position,
      })
      assert.deepEqual(
        descending.map((row) => row.item.id),
        [all[1]!.item.id, all[0]!.item.id],
      )
      assert.equal((await store.listAudit({ ...base, clientId: clientB })).length, 1)
    })

    test('a failed transaction writes nothing', async () => {
      const failing = store.transaction(async (session) => {
        await session.appendAudit(
          clientB,
          entry({ timestamp: new Date('2026-04-01T00:00:00Z'), resourceId: 'rolled-back' }),
        )
        throw new Error('boom')
      })
      await assert.rejects(failing, /boom/)
      const rows = await store.listAudit({
        clientId: clientB,
        sort: 'date_asc',
        limit: 100,
        after: null,
        startingOn: null,
        endingBefore: null,
        resource: { type: 'thing', id: 'rolled-back' },
      })
      assert.equal(rows.length, 0)
    })

    test('the job queue (pg-boss) delivers a sent job to its worker', async () => {
      const queue = await startJobQueue({
        connectionString: storage.connectionString,
        pollingIntervalSeconds: 0.5,
      })
      try {
        const received = new Promise<Record<string, unknown>>((resolve) => {
          void queue.work('test-job', async (job) => resolve(job.data))
        })
        const id = await queue.send('test-job', { hello: 'world' })
        assert.ok(id)
        assert.deepEqual(await received, { hello: 'world' })
      } finally {
        await queue.stop()
      }
    })
  })
}
