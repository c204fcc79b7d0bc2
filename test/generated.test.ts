/**
 * The generated contract is exactly what the generator makes from the spec (regenerate into a
 * temporary directory and compare bytes), is structure only, and every schema in it compiles
 * under ajv's strict mode. The conversion rules are also pinned on small hand-made schemas.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import {
  createConverter,
  defaultOutDir,
  defaultSpecPath,
  definitionName,
  definitionRef,
  repoRoot,
} from '../scripts/gen-api.js'
import { metronomeSchemas, operations } from '../src/api/generated/index.js'

// Under NodeNext these CommonJS packages expose their function on `default`.
const Ajv = AjvModule.default
const addFormats = addFormatsModule.default

test('src/api/generated is byte-identical to a fresh generation from the spec', (t) => {
  if (!existsSync(defaultSpecPath)) {
    t.skip(`the Metronome OpenAPI document is not at ${defaultSpecPath}`)
    return
  }
  const outDir = mkdtempSync(join(tmpdir(), 'metrum-gen-api-'))
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/gen-api.ts', '--spec', defaultSpecPath, '--out', outDir],
      { cwd: repoRoot, encoding: 'utf8' },
    )
    assert.equal(run.status, 0, run.stderr)
    const fresh = readdirSync(outDir).sort()
    assert.deepEqual(readdirSync(defaultOutDir).sort(), fresh, 'the set of generated files')
    for (const name of fresh) {
      const same = readFileSync(join(outDir, name)).equals(readFileSync(join(defaultOutDir, name)))
      assert.ok(same, `${name} differs from the generator's output: run npm run gen:api`)
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
})

test('155 operations with unique ids, sorted by path then method', () => {
  assert.equal(operations.length, 155)
  assert.equal(new Set(operations.map((operation) => operation.operationId)).size, 155)
  const keys = operations.map((operation) => `${operation.path} ${operation.method}`)
  assert.deepEqual(keys, [...keys].sort())
})

/** Calls `visit` on every object key, except the names listed under `properties`. */
function walkKeys(value: unknown, visit: (key: string, child: unknown) => void): void {
  if (Array.isArray(value)) return value.forEach((child) => walkKeys(child, visit))
  if (typeof value !== 'object' || value === null) return
  for (const [key, child] of Object.entries(value)) {
    visit(key, child)
    if (key === 'properties' && typeof child === 'object' && child !== null) {
      // Property names are data (a field may be called `description`); their schemas are not.
      Object.values(child).forEach((schema) => walkKeys(schema, visit))
    } else {
      walkKeys(child, visit)
    }
  }
}

test('structure only: no prose, examples, vendor keys or OpenAPI-only keywords', () => {
  const banned = new Set(['description', 'summary', 'title', 'example', 'examples'])
  const openApiOnly = new Set(['nullable', 'oneOf', 'discriminator', 'deprecated', 'readOnly'])
  const found = new Set<string>()
  const visit = (key: string) => {
    if (banned.has(key) || openApiOnly.has(key) || key.startsWith('x-')) found.add(key)
  }
  walkKeys(metronomeSchemas.definitions, visit)
  walkKeys(operations, visit)
  assert.deepEqual([...found], [])
})

test('every $ref resolves to a definition', () => {
  const definitions = new Set(Object.keys(metronomeSchemas.definitions))
  const dangling = new Set<string>()
  const visit = (key: string, child: unknown) => {
    if (key !== '$ref') return
    const name = typeof child === 'string' ? definitionName(child) : undefined
    if (name === undefined || !definitions.has(name)) dangling.add(String(child))
  }
  walkKeys(metronomeSchemas.definitions, visit)
  walkKeys(operations, visit)
  assert.deepEqual([...dangling], [])
})

test('every definition and operation schema compiles under ajv strict mode', () => {
  const ajv = new Ajv({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  })
  addFormats(ajv)
  ajv.addSchema(metronomeSchemas)
  for (const name of Object.keys(metronomeSchemas.definitions)) {
    ajv.compile({ $ref: definitionRef(name) })
  }
  let compiled = 0
  for (const operation of operations) {
    const responses = Object.values(operation.responses).map((response) => response.schema)
    for (const schema of [operation.params, operation.query, operation.body, ...responses]) {
      if (schema === null) continue
      ajv.compile(schema)
      compiled += 1
    }
  }
  assert.ok(compiled > 300, `compiled ${compiled} operation schemas`)
})

test('ingest: an array body and a 200 without a body', () => {
  const ingest = operations.find((operation) => operation.operationId === 'ingest-v1')
  assert.ok(ingest)
  assert.equal(ingest.method, 'POST')
  assert.equal(ingest.path, '/v1/ingest')
  assert.deepEqual(ingest.responses['200'], { contentType: null, schema: null })
  assert.deepEqual(ingest.body, {
    type: 'array',
    minItems: 1,
    maxItems: 100,
    items: { $ref: 'metronome#/definitions/Event' },
  })
})

test('conversion rules, on hand-made schemas', () => {
  const convert = createConverter({
    Colour: { type: 'string', enum: ['red'] },
    Shape: { oneOf: [{ type: 'string' }] },
  })
  const colour = { $ref: 'metronome#/definitions/Colour' }
  // Prose and vendor keys go; a plain type widens to admit null, and so does its enum.
  assert.deepEqual(
    convert({ type: 'string', enum: ['a'], nullable: true, description: 'd', 'x-mint': {} }),
    { type: ['string', 'null'], enum: ['a', null] },
  )
  assert.deepEqual(convert({ type: 'integer', nullable: false }), { type: 'integer' })
  // References and compositions are wrapped instead.
  assert.deepEqual(convert({ $ref: '#/components/schemas/Colour', nullable: true }), {
    anyOf: [colour, { type: 'null' }],
  })
  assert.deepEqual(convert({ allOf: [{ type: 'object' }], nullable: true }), {
    anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }],
  })
  // oneOf is validated as anyOf; a schema with both keeps both.
  assert.deepEqual(convert({ oneOf: [{ type: 'string' }] }), { anyOf: [{ type: 'string' }] })
  assert.deepEqual(convert({ anyOf: [{ type: 'string' }], oneOf: [{ type: 'number' }] }), {
    anyOf: [{ type: 'string' }],
    allOf: [{ anyOf: [{ type: 'number' }] }],
  })
  // $ref siblings: prose dropped; structure kept through allOf; a type next to a typed target
  // dropped (Colour is a string, so `type: object` would make the property unsatisfiable).
  assert.deepEqual(convert({ $ref: '#/components/schemas/Colour', description: 'd' }), colour)
  assert.deepEqual(convert({ $ref: '#/components/schemas/Colour', type: 'object' }), colour)
  assert.deepEqual(convert({ $ref: '#/components/schemas/Shape', type: 'string' }), {
    allOf: [{ $ref: 'metronome#/definitions/Shape' }, { type: 'string' }],
  })
  // Strict-mode fixes: properties imply an object; a format on an array is dropped.
  assert.deepEqual(convert({ properties: { a: { type: 'string' } } }), {
    type: 'object',
    properties: { a: { type: 'string' } },
  })
  assert.deepEqual(convert({ type: 'array', items: { type: 'string' }, format: 'uuid' }), {
    type: 'array',
    items: { type: 'string' },
  })
  assert.throws(() => convert({ $ref: '#/components/schemas/Missing' }), /dangling/)
})

test('definition references escape JSON-pointer and fragment characters', () => {
  assert.equal(definitionRef('Plain.Name-1'), 'metronome#/definitions/Plain.Name-1')
  assert.equal(definitionRef('a/b~c d'), 'metronome#/definitions/a~1b~0c%20d')
  assert.equal(definitionName(definitionRef('a/b~c d%')), 'a/b~c d%')
})
