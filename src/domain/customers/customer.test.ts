import { test } from 'node:test'
import assert from 'node:assert/strict'
import { billableStatusAt, customerName, distinctAliases } from './customer.js'

test('names longer than 160 characters are truncated, by code point', () => {
  assert.equal(customerName('a'.repeat(200)).length, 160)
  assert.equal([...customerName('é'.repeat(170))].length, 160)
  assert.equal(customerName('Acme'), 'Acme')
})

test('the billable status in force is the latest change effective by then', () => {
  const changes = [
    { status: 'unbillable' as const, effectiveAt: new Date('2026-01-01T00:00:00Z') },
    { status: 'billable' as const, effectiveAt: new Date('2026-03-01T00:00:00Z') },
  ]
  const cases: Array<[string, string | null]> = [
    ['2025-12-31T23:59:59Z', null],
    ['2026-01-01T00:00:00Z', 'unbillable'],
    ['2026-02-15T00:00:00Z', 'unbillable'],
    ['2026-03-01T00:00:00Z', 'billable'],
  ]
  for (const [at, expected] of cases) {
    assert.equal(billableStatusAt(changes, new Date(at))?.status ?? null, expected, at)
  }
})

test('repeated aliases collapse to one, order kept', () => {
  assert.deepEqual(distinctAliases(['b', 'a', 'b']), ['b', 'a'])
})
