/**
 * The generated contract is exactly what the generator makes from the spec (regenerate and
 * diff), is structure only, and every schema in it compiles under ajv's strict mode.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import { defaultOutDir, defaultSpecPath, generate } from '../scripts/gen-api.js'
import { metronomeSchemas, operations } from '../src/api/generated/index.js'

test('src/api/generated is byte-identical to a fresh generation from the spec', (t) => {
  if (!existsSync(defaultSpecPath)) {
    t.skip(`spec not found at ${defaultSpecPath}`)
    return
  }
  for (const [name, text] of generate(defaultSpecPath)) {
    const committed = readFileSync(join(defaultOutDir, name), 'utf8')
    assert.ok(
      committed === text,
      `${name} differs from the generator's output: run npm run gen:api`,
    )
  }
})

test('155 operations with unique ids', () => {
  assert.equal(operations.length, 155)
  assert.equal(new Set(operations.map((operation) => operation.operationId)).size, 155)
})

test('structure only: no prose, examples or vendor keys', () => {
  const banned = new Set([
    'description',
    'summary',
    'example',
    'examples',
    'title',
    'nullable',
    'oneOf',
  ])
  const found: string[] = []
  const walk = (value: unknown, path: string, underProperties: boolean) => {
    if (Array.isArray(value))
      return value.forEach((child, i) => walk(child, `${path}[${i}]`, false))
    if (typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      // Under `properties` the keys are field names (a field may well be called `description`).
      if (!underProperties && (banned.has(key) || key.startsWith('x-')))
        found.push(`${path}.${key}`)
      walk(child, `${path}.${key}`, key === 'properties' && !underProperties)
    }
  }
  walk(metronomeSchemas, 'components', false)
  walk(operations, 'operations', false)
  assert.deepEqual(found.slice(0, 5), [])
})

test('every $ref resolves and every schema compiles under ajv strict mode', () => {
  const definitions = new Set(Object.keys(metronomeSchemas.definitions))
  const refs = new Set<string>()
  const collect = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(collect)
    if (typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') refs.add(child)
      else collect(child)
    }
  }
  collect(metronomeSchemas)
  collect(operations)
  for (const ref of refs) {
    const name = decodeURIComponent(ref.replace('metronome#/definitions/', ''))
      .replace(/~1/g, '/')
      .replace(/~0/g, '~')
    assert.ok(definitions.has(name), `dangling ${ref}`)
  }
  const ajv = new AjvModule.default({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  })
  addFormatsModule.default(ajv)
  ajv.addSchema(metronomeSchemas)
  let compiled = 0
  for (const operation of operations) {
    const schemas = [
      operation.params,
      operation.query,
      operation.body,
      ...Object.values(operation.responses).map((r) => r.schema),
    ]
    for (const schema of schemas) {
      if (!schema) continue
      ajv.compile(schema)
      compiled += 1
    }
  }
  assert.ok(compiled > 300)
})

test('nullable and oneOf are converted the way the validator needs', () => {
  const ingest = operations.find((operation) => operation.operationId === 'ingest-v1')
  assert.ok(ingest)
  assert.equal(ingest.method, 'POST')
  assert.deepEqual(ingest.responses['200'], { contentType: null, schema: null })
  const body = ingest.body as { type: string; minItems: number; maxItems: number }
  assert.equal(body.type, 'array')
  assert.equal(body.minItems, 1)
  assert.equal(body.maxItems, 100)
})
