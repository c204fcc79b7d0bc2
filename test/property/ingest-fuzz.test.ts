/** Fuzzing POST /v1/ingest: whatever the body, the answer is 200 or 400 — never a 500. */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { startTestApp, type TestApp } from '../support/app.js'

let t: TestApp
before(async () => {
  t = await startTestApp('pglite')
})
after(() => t.close())

/** Single UTF-16 code units and whole pairs: lone surrogates are what JSON allows and UTF-8 not. */
const codeUnit = fc.constantFrom('a', '\ud800', '\udfff', '\u{1F600}', 'é')

const almostEvent = fc.record(
  {
    transaction_id: fc.oneof(
      fc.string({ maxLength: 140 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.integer(),
      fc.constant(null),
    ),
    customer_id: fc.oneof(fc.string({ maxLength: 20 }), fc.uuid(), fc.boolean()),
    event_type: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('')),
    timestamp: fc.oneof(
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constant(new Date().toISOString()),
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '2026-13-01T00:00:00Z',
        '2026-11-25T25:00:00Z',
        '2026-11-25T00:00:00',
        '9999-12-31T23:59:59Z',
      ),
    ),
    properties: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
      fc.jsonValue(),
      // Any UTF-16 code units, lone surrogates included: JSON can carry them, jsonb cannot.
      fc.dictionary(fc.string({ unit: codeUnit, maxLength: 4 }), fc.string({ unit: codeUnit })),
    ),
  },
  { requiredKeys: [] },
)

test('structured fuzz: batches of almost-events', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.array(almostEvent, { maxLength: 5 }), fc.jsonValue({ maxDepth: 3 })),
      async (body) => {
        const response = await t.fastify.inject({
          method: 'POST',
          url: '/v1/ingest',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        })
        assert.ok(
          [200, 400].includes(response.statusCode),
          `${response.statusCode}: ${response.body}`,
        )
        if (response.statusCode === 400) assert.equal(typeof response.json().message, 'string')
      },
    ),
    { numRuns: 300 },
  )
})

test('raw fuzz: arbitrary text bodies', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
      const response = await t.fastify.inject({
        method: 'POST',
        url: '/v1/ingest',
        headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
        payload: text,
      })
      assert.ok(
        [200, 400].includes(response.statusCode),
        `${response.statusCode}: ${response.body}`,
      )
    }),
    { numRuns: 300 },
  )
})

test('well-formed events with any code units in their text: 200 or a 400 naming the field', async () => {
  const text = fc.string({ unit: codeUnit, minLength: 1, maxLength: 6 })
  const event = fc.record({
    transaction_id: text,
    customer_id: text,
    event_type: text,
    timestamp: fc.constant(new Date().toISOString()),
    properties: fc.dictionary(text, fc.oneof(text, fc.integer())),
  })
  await fc.assert(
    fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 3 }), async (body) => {
      const response = await t.fastify.inject({
        method: 'POST',
        url: '/v1/ingest',
        headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })
      assert.ok(
        [200, 400].includes(response.statusCode),
        `${response.statusCode}: ${response.body}`,
      )
      if (response.statusCode === 400) {
        assert.match(response.json().message, /^body\[\d+\]\.\S+.* must be valid Unicode/)
      }
    }),
    { numRuns: 200 },
  )
})
