/**
 * The SQL aggregation (store) equals the reference semantics (domain/usage/aggregate.ts) on
 * random events: every aggregation, event-type and property filters, group keys, windows,
 * duplicate transaction ids (first write wins) and events named by alias — read from raw events,
 * from hourly rollups, or from a rollup covering only the events that arrived before a roll-up
 * pass (the rest read raw), in chunks of random size.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import type { Dec } from '../../src/domain/money/decimal.js'
import { aggregateUsage, type WindowSize } from '../../src/domain/usage/aggregate.js'
import type { StreamingMetricDefinition } from '../../src/domain/usage/billable-metric.js'
import type { UsageEvent } from '../../src/domain/usage/event.js'
import { queryUsage } from '../../src/app/usage/query-usage.js'
import { openRuntime, type Runtime } from '../../src/main.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js'
import { insertCustomerWithAlias, insertMetric } from '../support/fixtures.js'

const base = Date.parse('2026-11-20T00:00:00Z')
const HOUR = 3_600_000

// Each property is present most of the time, so that filters match often enough to matter.
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.option(arbitrary, { nil: undefined, freq: 6 })
const propertiesArbitrary = fc
  .record({
    region: sometimes(fc.constantFrom('eu', 'us', 'apac')),
    tokens: sometimes(
      fc.oneof(
        fc.integer({ min: -50, max: 1000 }),
        fc.constantFrom('2.5', '0.125', '1e2', 'abc', '-3'),
        fc.constant(null),
      ),
    ),
    user: sometimes(fc.constantFrom('u1', 'u2', 'u3', 'u4')),
  })
  .map((properties) =>
    Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)),
  )

const eventArbitrary = fc.record({
  transactionId: fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `t${i}`)),
  byAlias: fc.boolean(),
  eventType: fc.constantFrom('a', 'b', 'c'),
  offsetMinutes: fc.integer({ min: 0, max: 48 * 60 }),
  properties: propertiesArbitrary,
})

const definitionArbitrary: fc.Arbitrary<StreamingMetricDefinition> = fc
  .record({
    aggregationType: fc.constantFrom('COUNT', 'SUM', 'MAX', 'UNIQUE', 'LATEST' as const),
    eventTypes: fc.option(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { nil: null }),
    excludeType: fc.boolean(),
    regionIn: fc.option(fc.subarray(['eu', 'us', 'apac'], { minLength: 1 }), { nil: null }),
    regionNotIn: fc.option(fc.constant(['us']), { nil: null }),
  })
  .map(({ aggregationType, eventTypes, excludeType, regionIn, regionNotIn }) => {
    const key =
      aggregationType === 'COUNT' ? null : aggregationType === 'UNIQUE' ? 'user' : 'tokens'
    return {
      aggregationType,
      aggregationKey: key,
      eventTypeFilter: eventTypes
        ? excludeType
          ? { notInValues: eventTypes }
          : { inValues: eventTypes }
        : null,
      propertyFilters: [
        {
          name: 'region',
          ...(regionIn ? { inValues: regionIn } : { exists: true }),
          ...(regionNotIn ? { notInValues: regionNotIn } : {}),
        },
        ...(key ? [{ name: key, exists: true }] : []),
      ],
      groupKeys: [['region']],
    }
  })

const rollArbitrary = fc.record({
  // When roll-up passes run: never, after the first half of the events, after all, or both.
  afterFirstHalf: fc.boolean(),
  afterAll: fc.boolean(),
  chunkEvents: fc.integer({ min: 1, max: 200 }),
})

const queryArbitrary = fc.record({
  startHours: fc.integer({ min: 0, max: 24 }),
  lengthMinutes: fc.oneof(
    fc.integer({ min: 1, max: 48 * 60 }),
    fc.constant(48 * 60),
    fc.integer({ min: 12 * 60, max: 36 * 60 }),
  ),
  windowSize: fc.constantFrom<WindowSize>('HOUR', 'DAY', 'NONE'),
  grouped: fc.boolean(),
})

function same(a: Dec | null | undefined, b: Dec | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined)
    return (a ?? null) === (b ?? null)
  return a.equals(b)
}

for (const kind of await databaseKinds()) {
  describe(`usage aggregation on ${kind}`, () => {
    let database: TestDatabase
    let runtime: Runtime
    const clientId = randomUUID()
    before(async () => {
      database = await createTestDatabase(kind)
      runtime = await openRuntime({ databaseUrl: database.databaseUrl, dataDir: null })
      await runtime.app.store.insertClient({
        id: clientId,
        name: 'property',
        createdAt: new Date(),
      })
    })
    after(async () => {
      await runtime.close()
      await database.drop()
    })

    test('SQL equals the reference on random events', async () => {
      const store = runtime.app.store
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArbitrary, { minLength: 10, maxLength: 60 }),
          definitionArbitrary,
          queryArbitrary,
          rollArbitrary,
          async (events, definition, query, roll) => {
            const run = randomUUID()
            const { customerId, alias } = await insertCustomerWithAlias(store, clientId)
            const metricId = await insertMetric(store, clientId, definition)
            const createdAt = new Date()
            const stored = events.map((event) => ({
              transactionId: `${run}-${event.transactionId}`,
              customerRef: event.byAlias ? alias : customerId,
              eventType: event.eventType,
              timestamp: new Date(base + event.offsetMinutes * 60_000),
              properties: event.properties as Record<string, unknown>,
            }))
            const rollUp = async () => {
              while (!(await store.rollUpUsage({ chunkEvents: roll.chunkEvents })).caughtUp);
            }
            const half = Math.floor(stored.length / 2)
            for (const [index, part] of [stored.slice(0, half), stored.slice(half)].entries()) {
              await store.insertEvents(
                clientId,
                part.map((event) => ({
                  ...event,
                  timestamp: event.timestamp.toISOString(),
                  propertiesJson: JSON.stringify(event.properties),
                })),
                createdAt,
              )
              if (index === 0 ? roll.afterFirstHalf : roll.afterAll) await rollUp()
            }
            // First write wins: the reference sees only each transaction id's first event.
            const firsts: UsageEvent[] = stored.filter(
              (event, index) =>
                stored.findIndex((other) => other.transactionId === event.transactionId) === index,
            )
            const range = {
              startingAt: new Date(base + query.startHours * HOUR),
              endingBefore: new Date(base + query.startHours * HOUR + query.lengthMinutes * 60_000),
            }
            const expected = aggregateUsage(
              definition,
              firsts,
              range,
              query.windowSize,
              query.grouped ? 'region' : null,
            )
            const actual = await queryUsage(runtime.app, {
              clientId,
              customerIds: [customerId],
              metrics: [
                { metricId, groupBy: query.grouped ? { key: 'region', values: null } : null },
              ],
              ...range,
              windowSize: query.windowSize,
            })
            assert.ok(actual.ok)
            assert.equal(actual.value.length, expected.length)
            expected.forEach((window, index) => {
              const row = actual.value[index]!
              assert.equal(row.window.startingAt.getTime(), window.window.startingAt.getTime())
              assert.ok(
                same(row.value, window.value),
                `window ${index}: ${row.value} vs ${window.value}`,
              )
              if (window.groups) {
                const expectedGroups = [...window.groups].filter(([group]) => group !== null)
                assert.equal(row.groups?.size, expectedGroups.length)
                for (const [group, value] of expectedGroups) {
                  assert.ok(same(row.groups?.get(group as string), value), `group ${group}`)
                }
              }
            })
          },
        ),
        { numRuns: kind === 'pglite' ? 40 : 80 },
      )
    })
  })
}
