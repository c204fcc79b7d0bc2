/**
 * The architecture, enforced: scans every source file's imports and banned tokens.
 *   lib ◀── domain (pure) ◀── app (use cases + ports) ◀── store | api | jobs; main.ts wires them.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const srcDir = join(root, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|js)$/.test(name) ? [path] : []
  })
}

function layerOf(file: string): string {
  const rel = relative(srcDir, file)
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.(ts|js)$/, '')
}

/** Which layers each layer may import (besides itself). */
const allowed: Record<string, readonly string[]> = {
  lib: [],
  domain: ['lib'],
  app: ['domain', 'lib'],
  store: ['app', 'domain', 'lib'],
  api: ['app', 'domain', 'lib'],
  jobs: ['app', 'domain', 'lib'],
  cli: ['app', 'domain', 'lib', 'config', 'main'],
  config: [],
  main: ['app', 'domain', 'lib', 'store', 'api', 'jobs', 'config'],
}

/** Source text with quoted string contents blanked, so text meant for people is not code. */
function withoutStrings(text: string): string {
  return text.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''")
}

function importsOf(text: string): string[] {
  const specifiers: string[] = []
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
  for (const match of text.matchAll(pattern)) specifiers.push((match[1] ?? match[2])!)
  return specifiers
}

const files = sourceFiles(srcDir).filter((file) => !file.endsWith('.test.ts'))

test('every source file sits in a known layer', () => {
  for (const file of files)
    assert.ok(layerOf(file) in allowed, `${relative(root, file)} is outside the layers`)
})

test('layers import only the layers below them', () => {
  const violations: string[] = []
  for (const file of files) {
    const layer = layerOf(file)
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue
      const target = resolve(dirname(file), specifier)
      if (!target.startsWith(srcDir)) {
        violations.push(`${relative(root, file)} imports outside src: ${specifier}`)
        continue
      }
      const targetLayer = layerOf(target)
      if (targetLayer !== layer && !allowed[layer]!.includes(targetLayer)) {
        violations.push(`${relative(root, file)} (${layer}) imports ${targetLayer}: ${specifier}`)
      }
    }
  }
  assert.deepEqual(violations, [])
})

test('domain is pure: no I/O, no clock, no randomness, no async, no environment', () => {
  const banned: Array<[RegExp, string]> = [
    [/from\s+['"]node:/, 'node: import'],
    [/from\s+['"](pg|kysely|fastify|pg-boss|@electric-sql\/[^'"]+)['"]/, 'infrastructure import'],
    [/\basync\b|\bawait\b|\bPromise\b/, 'async code'],
    [/Date\.now\(|new Date\(\s*\)/, 'reading the clock'],
    [/Math\.random\(|\bcrypto\b/, 'randomness'],
    [/\bprocess\.|\bconsole\./, 'process or console'],
    [/\bparseFloat\(|\.toFixed\(/, 'float arithmetic on numbers'],
  ]
  const violations: string[] = []
  for (const file of sourceFiles(join(srcDir, 'domain'))) {
    const text = readFileSync(file, 'utf8')
    for (const [pattern, what] of banned) {
      if (pattern.test(text) && !(file.endsWith('.test.ts') && what !== 'reading the clock')) {
        violations.push(`${relative(root, file)}: ${what}`)
      }
    }
  }
  assert.deepEqual(violations, [])
})

test('only config.ts and main.ts read the environment', () => {
  const readers = files
    .filter((file) => /process\.env/.test(withoutStrings(readFileSync(file, 'utf8'))))
    .map((file) => relative(srcDir, file))
  assert.deepEqual(
    readers.filter((file) => !['config.ts', 'main.ts'].includes(file)),
    [],
  )
})

test('wire (snake_case) types from api/generated stay inside api/', () => {
  const leaks = files
    .filter((file) => layerOf(file) !== 'api')
    .filter((file) =>
      importsOf(readFileSync(file, 'utf8')).some((specifier) =>
        specifier.includes('api/generated'),
      ),
    )
  assert.deepEqual(
    leaks.map((file) => relative(root, file)),
    [],
  )
})
