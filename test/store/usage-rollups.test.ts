/**
 * Hourly rollups on both stores: usage read through a rollup equals usage read from raw events,
 * whatever the roller has folded so far — late events, duplicates, alias moves, several
 * roll-up passes over one hour, LATEST ties, and partial edge hours.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Store, UsageQuery } from '../../src/app/ports.js'
import type { StreamingMetricDefinition } from '../../src/domain/usage/billable-metric.js'
import { openRuntime, type Runtime } from '../../src/main.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js'
import { insertCustomerWithAlias, insertMetric } from '../support/fixtures.js'

const day = {
  startingAt: new Date('2026-11-20T00:00:00Z'),
  endingBefore: new Date('2026-11-21T00:00:00Z'),
}

function metric(
  aggregationType: StreamingMetricDefinition['aggregationType'],
  groupKeys: string[][] = [],
): StreamingMetricDefinition {
  const key = aggregationType === 'COUNT' ? null : 'v'
  return {
    aggregationType,
    aggregationKey: key,
    eventTypeFilter: { inValues: ['call'] },
    propertyFilters: key ? [{ name: key, exists: true }] : [],
    groupKeys,
  }
}

interface Fixture {
  readonly store: Store
  readonly clientId: string
  readonly customerId: string
  readonly alias: string
  readonly metricId: string
  readonly definition: StreamingMetricDefinition
  ingest(
    events: Array<{ id: string; at: string; v?: unknown; ref?: string; type?: string }>,
  ): Promise<void>
  rollUp(chunkEvents?: number): Promise<void>
  usage(overrides?: Partial<UsageQuery>): Promise<Array<[string, string | null, string | null]>>
}

for (const kind of await databaseKinds()) {
  describe(`usage rollups on ${kind}`, () => {
    let database: TestDatabase
    let runtime: Runtime
    const clientId = randomUUID()

    before(async () => {
      database = await createTestDatabase(kind)
      runtime = await openRuntime({ databaseUrl: database.databaseUrl, dataDir: null })
      await runtime.app.store.insertClient({ id: clientId, name: 'rollups', createdAt: new Date() })
    })
    after(async () => {
      await runtime.close()
      await database.drop()
    })

    async function fixture(definition: StreamingMetricDefinition): Promise<Fixture> {
      const store = runtime.app.store
      const { customerId, alias } = await insertCustomerWithAlias(store, clientId)
      const metricId = await insertMetric(store, clientId, definition)
      const createdAt = new Date()
      const self: Fixture = {
        store,
        clientId,
        customerId,
        alias,
        metricId,
        definition,
        async ingest(events) {
          await store.insertEvents(
            clientId,
            events.map((event) => ({
              transactionId: `${metricId}-${event.id}`,
              customerRef: event.ref ?? customerId,
              eventType: event.type ?? 'call',
              timestamp: event.at,
              propertiesJson: JSON.stringify(event.v === undefined ? {} : { v: event.v, g: 'x' }),
            })),
            createdAt,
          )
        },
        async rollUp(chunkEvents) {
          while (!(await store.rollUpUsage(chunkEvents ? { chunkEvents } : {})).caughtUp);
        },
        async usage(overrides = {}) {
          const rows = await store.aggregateUsage({
            clientId,
            customers: [{ customerId, refs: [customerId, alias] }],
            metricId,
            definition,
            ...day,
            windowSize: 'HOUR',
            groupKeys: null,
            ...overrides,
          })
          return rows
            .map((row) => [row.bucketStart.toISOString(), row.group?.join(',') ?? null, row.value])
            .sort() as Array<[string, string | null, string | null]>
        },
      }
      return self
    }

    /** The watermark of a metric: how far its rollup has folded. */
    async function rolledThrough(metricId: string): Promise<bigint> {
      const row = await sql<{ rolled: string }>`
        SELECT rolled_up_through::text AS rolled FROM billable_metrics WHERE id = ${metricId}::uuid`.execute(
        runtime.storage.database.db,
      )
      return BigInt(row.rows[0]!.rolled)
    }

    test('COUNT over two roll-up passes into one hour adds both passes', async () => {
      const f = await fixture(metric('COUNT'))
      await f.ingest([
        { id: '1', at: '2026-11-20T03:10:00Z' },
        { id: '2', at: '2026-11-20T03:20:00Z' },
      ])
      await f.rollUp()
      await f.ingest([
        { id: '3', at: '2026-11-20T03:30:00Z' },
        { id: '1', at: '2026-11-20T03:40:00Z' }, // duplicate: never counted
        { id: '4', at: '2026-11-20T05:00:00Z', type: 'other' }, // filtered out
      ])
      await f.rollUp()
      assert.ok((await rolledThrough(f.metricId)) > 0n)
      assert.deepEqual(await f.usage(), [['2026-11-20T03:00:00.000Z', null, '3']])
    })

    test('SUM and MAX fold exactly across passes, chunks and a late event', async () => {
      for (const type of ['SUM', 'MAX'] as const) {
        const f = await fixture(metric(type))
        await f.ingest([
          { id: '1', at: '2026-11-20T03:10:00Z', v: '0.1' },
          { id: '2', at: '2026-11-20T03:20:00Z', v: 7 },
          { id: '3', at: '2026-11-20T04:20:00Z', v: 'abc' }, // not a number: no value
        ])
        await f.rollUp(1)
        await f.ingest([{ id: '4', at: '2026-11-20T03:59:59.999Z', v: '0.2' }]) // late, same hour
        await f.rollUp(1)
        const expected =
          type === 'SUM'
            ? [
                ['2026-11-20T03:00:00.000Z', null, '7.3'],
                ['2026-11-20T04:00:00.000Z', null, '0'],
              ]
            : [
                ['2026-11-20T03:00:00.000Z', null, '7'],
                ['2026-11-20T04:00:00.000Z', null, null],
              ]
        assert.deepEqual(await f.usage(), expected, type)
      }
    })

    test('LATEST keeps the latest number by (timestamp, transaction id) across passes', async () => {
      const f = await fixture(metric('LATEST'))
      await f.ingest([
        { id: 'b', at: '2026-11-20T03:30:00Z', v: 5 },
        { id: 'c', at: '2026-11-20T03:10:00Z', v: 9 },
      ])
      await f.rollUp()
      // Same instant as 'b' with a smaller id: loses the tie. Later but not a number: ignored.
      await f.ingest([
        { id: 'a', at: '2026-11-20T03:30:00Z', v: 6 },
        { id: 'd', at: '2026-11-20T03:50:00Z', v: 'n/a' },
      ])
      await f.rollUp()
      assert.deepEqual(await f.usage({ windowSize: 'NONE' }), [
        ['2026-11-20T00:00:00.000Z', null, '5'],
      ])
      // Same instant with a greater id wins the tie, also when folded after the rest.
      await f.ingest([{ id: 'z', at: '2026-11-20T03:30:00Z', v: 8 }])
      await f.rollUp()
      assert.deepEqual(await f.usage({ windowSize: 'NONE' }), [
        ['2026-11-20T00:00:00.000Z', null, '8'],
      ])
    })

    test('events past the watermark and in partial edge hours are read raw', async () => {
      const f = await fixture(metric('SUM'))
      await f.ingest([
        { id: '1', at: '2026-11-20T03:10:00Z', v: 1 },
        { id: '2', at: '2026-11-20T05:50:00Z', v: 10 },
      ])
      await f.rollUp()
      const watermark = await rolledThrough(f.metricId)
      await f.ingest([
        { id: '3', at: '2026-11-20T03:15:00Z', v: 100 }, // not folded yet
        { id: '4', at: '2026-11-20T04:00:00Z', v: 1000 }, // first instant of the whole hours
        { id: '5', at: '2026-11-20T05:00:00Z', v: 10000 }, // first instant of the end edge
        { id: '6', at: '2026-11-20T05:30:00Z', v: 100000 }, // the range's end: excluded
      ])
      assert.equal(await rolledThrough(f.metricId), watermark)
      const ragged = {
        startingAt: new Date('2026-11-20T03:12:00Z'),
        endingBefore: new Date('2026-11-20T05:30:00Z'),
      }
      // 03:12–04:00 and 05:00–05:30 are partial hours: event 1 (03:10) and 2 (05:50) are out.
      assert.deepEqual(await f.usage({ ...ragged, windowSize: 'NONE' }), [
        ['2026-11-20T03:12:00.000Z', null, '11100'],
      ])
      await f.rollUp()
      assert.deepEqual(await f.usage({ ...ragged, windowSize: 'NONE' }), [
        ['2026-11-20T03:12:00.000Z', null, '11100'],
      ])
      assert.deepEqual(await f.usage({ windowSize: 'NONE' }), [
        ['2026-11-20T00:00:00.000Z', null, '111111'],
      ])
    })

    test('rollups are keyed by the reference as sent: moving an alias moves its usage', async () => {
      const f = await fixture(metric('COUNT'))
      await f.ingest([
        { id: '1', at: '2026-11-20T03:10:00Z', ref: f.alias },
        { id: '2', at: '2026-11-20T03:20:00Z' },
      ])
      await f.rollUp()
      assert.deepEqual(await f.usage({ windowSize: 'NONE' }), [
        ['2026-11-20T00:00:00.000Z', null, '2'],
      ])
      // Without the alias among the customer's references, its events are someone else's.
      const withoutAlias = await f.store.aggregateUsage({
        clientId: f.clientId,
        customers: [{ customerId: f.customerId, refs: [f.customerId] }],
        metricId: f.metricId,
        definition: f.definition,
        ...day,
        windowSize: 'NONE',
        groupKeys: null,
      })
      assert.deepEqual(
        withoutAlias.map((row) => row.value),
        ['1'],
      )
    })

    test('group keys: compound rollup rows re-aggregate to any allowed group-by', async () => {
      const f = await fixture({
        aggregationType: 'SUM',
        aggregationKey: 'v',
        eventTypeFilter: null,
        propertyFilters: [{ name: 'v', exists: true }],
        groupKeys: [['g'], ['g', 'v']],
      })
      await f.ingest([
        { id: '1', at: '2026-11-20T03:10:00Z', v: 2 },
        { id: '2', at: '2026-11-20T03:20:00Z', v: 3 },
      ])
      await f.rollUp()
      // Rows sort with the total (group null) first.
      assert.deepEqual(await f.usage({ windowSize: 'DAY', groupKeys: ['g'] }), [
        ['2026-11-20T00:00:00.000Z', null, '5'],
        ['2026-11-20T00:00:00.000Z', 'x', '5'],
      ])
      assert.deepEqual(await f.usage({ windowSize: 'DAY', groupKeys: ['g', 'v'] }), [
        ['2026-11-20T00:00:00.000Z', null, '5'],
        ['2026-11-20T00:00:00.000Z', 'x,2', '2'],
        ['2026-11-20T00:00:00.000Z', 'x,3', '3'],
      ])
    })

    test('a metric created after its events is backfilled, and UNIQUE is never rolled', async () => {
      const f = await fixture(metric('UNIQUE'))
      await f.ingest([
        { id: '1', at: '2026-11-20T03:10:00Z', v: 'u1' },
        { id: '2', at: '2026-11-20T04:20:00Z', v: 'u1' },
      ])
      await f.rollUp()
      assert.equal(await rolledThrough(f.metricId), 0n)
      assert.deepEqual(await f.usage({ windowSize: 'NONE' }), [
        ['2026-11-20T00:00:00.000Z', null, '1'],
      ])
    })
  })
}
