import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { PropertyFilter, StreamingMetricDefinition } from './billable-metric.js'
import { matchesMetric, propertyNumber, propertyText, type UsageEvent } from './event.js'

// One property per case: [what, value, its text, its number as decimal text].
const readings: Array<[string, unknown, string | null, string | null]> = [
  ['a string', 'x', 'x', null],
  ['an empty string', '', '', null],
  ['an integer', 12, '12', '12'],
  ['a negative fraction', -1.5, '-1.5', '-1.5'],
  ['a large integer prints like JavaScript', 1e21, '1e+21', '1e+21'],
  ['true', true, 'true', null],
  ['false', false, 'false', null],
  ['JSON null', null, null, null],
  ['a numeric string', '2.50', '2.50', '2.5'],
  ['a signed string', '+5', '+5', '5'],
  ['a leading dot', '.5', '.5', '0.5'],
  ['a trailing dot', '1.', '1.', '1'],
  ['an exponent', '1e3', '1e3', '1000'],
  ['an upper-case negative exponent', '25E-1', '25E-1', '2.5'],
  ['leading zeros', '007', '007', '7'],
  ['surrounding spaces', ' 5', ' 5', null],
  ['a thousands separator', '1,000', '1,000', null],
  ['hexadecimal', '0x10', '0x10', null],
  ['Infinity', 'Infinity', 'Infinity', null],
  ['NaN', 'NaN', 'NaN', null],
  ['a lone sign', '-', '-', null],
  ['a lone dot', '.', '.', null],
  ['an exponent without digits', '1e', '1e', null],
  ['an object (unsupported: jsonb spaces it)', { a: 1 }, '{"a":1}', null],
  ['an array holding a number', [1], '[1]', null],
]

for (const [what, value, text, number] of readings) {
  test(`property reading: ${what}`, () => {
    const properties = { p: value }
    assert.equal(propertyText(properties, 'p'), text)
    assert.equal(propertyNumber(properties, 'p')?.toString() ?? null, number)
  })
}

test('property reading: absent and inherited properties have no value', () => {
  for (const name of ['missing', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    assert.equal(propertyText({ p: 1 }, name), null, name)
    assert.equal(propertyNumber({ p: 1 }, name), null, name)
  }
})

test('property reading: an own __proto__ key (JSON.parse makes one) is ordinary', () => {
  const properties = JSON.parse('{"__proto__": "7"}') as Record<string, unknown>
  assert.equal(propertyText(properties, '__proto__'), '7')
  assert.equal(propertyNumber(properties, '__proto__')?.toString(), '7')
})

const event = (eventType: string, properties: Record<string, unknown>): UsageEvent => ({
  transactionId: 't',
  customerRef: 'c',
  eventType,
  timestamp: new Date(0),
  properties,
})

const metric = (
  eventTypeFilter: StreamingMetricDefinition['eventTypeFilter'],
  propertyFilters: readonly PropertyFilter[],
): StreamingMetricDefinition => ({
  aggregationType: 'COUNT',
  aggregationKey: null,
  eventTypeFilter,
  propertyFilters,
  groupKeys: [],
})

// [case, event type filter, event type, matches]
const eventTypeCases: Array<
  [string, StreamingMetricDefinition['eventTypeFilter'], string, boolean]
> = [
  ['no filter: any type', null, 'any', true],
  ['empty filter: any type', {}, 'any', true],
  ['in_values: listed', { inValues: ['a', 'b'] }, 'b', true],
  ['in_values: not listed', { inValues: ['a', 'b'] }, 'c', false],
  ['in_values: case-sensitive', { inValues: ['a'] }, 'A', false],
  ['in_values: exact, no trimming', { inValues: ['a'] }, 'a ', false],
  ['not_in_values: listed', { notInValues: ['a'] }, 'a', false],
  ['not_in_values: not listed', { notInValues: ['a'] }, 'b', true],
  ['both: listed and not excluded', { inValues: ['a'], notInValues: ['b'] }, 'a', true],
  ['both: listed but excluded', { inValues: ['a'], notInValues: ['a'] }, 'a', false],
]

for (const [name, filter, eventType, expected] of eventTypeCases) {
  test(`matching event type, ${name}`, () => {
    assert.equal(matchesMetric(metric(filter, []), event(eventType, {})), expected)
  })
}

// [case, filter on the property k, the event's properties, matches]
const propertyCases: Array<
  [string, Omit<PropertyFilter, 'name'>, Record<string, unknown>, boolean]
> = [
  ['exists true: present', { exists: true }, { k: 'v' }, true],
  ['exists true: present as JSON null', { exists: true }, { k: null }, true],
  ['exists true: present as false', { exists: true }, { k: false }, true],
  ['exists true: absent', { exists: true }, { other: 'v' }, false],
  ['exists false: absent', { exists: false }, {}, true],
  ['exists false: present', { exists: false }, { k: 'v' }, false],
  ['exists false: present as JSON null', { exists: false }, { k: null }, false],
  ['no rule: absent', {}, {}, true],
  ['in_values: listed', { inValues: ['eu', 'us'] }, { k: 'us' }, true],
  ['in_values: not listed', { inValues: ['eu'] }, { k: 'apac' }, false],
  ['in_values: absent', { inValues: ['eu'] }, {}, false],
  ['in_values: JSON null', { inValues: ['eu'] }, { k: null }, false],
  ["in_values: 'null' is not JSON null", { inValues: ['null'] }, { k: null }, false],
  ['in_values: a number by its text', { inValues: ['2'] }, { k: 2 }, true],
  ['in_values: numbers are not normalized', { inValues: ['2'] }, { k: '2.0' }, false],
  ['in_values: a boolean by its text', { inValues: ['true'] }, { k: true }, true],
  ['in_values: case-sensitive', { inValues: ['eu'] }, { k: 'EU' }, false],
  ['not_in_values: listed', { notInValues: ['free'] }, { k: 'free' }, false],
  ['not_in_values: not listed', { notInValues: ['free'] }, { k: 'pro' }, true],
  ['not_in_values: absent', { notInValues: ['free'] }, {}, true],
  ['not_in_values: JSON null', { notInValues: ['free'] }, { k: null }, true],
  ['not_in_values: a number by its text', { notInValues: ['0'] }, { k: 0 }, false],
  ['in and not_in: both hold', { inValues: ['a', 'b'], notInValues: ['b'] }, { k: 'a' }, true],
  ['in and not_in: excluded', { inValues: ['a', 'b'], notInValues: ['b'] }, { k: 'b' }, false],
  ['exists and in_values: not listed', { exists: true, inValues: ['a'] }, { k: 'b' }, false],
]

for (const [name, rules, properties, expected] of propertyCases) {
  test(`matching property, ${name}`, () => {
    const definition = metric(null, [{ name: 'k', ...rules }])
    assert.equal(matchesMetric(definition, event('e', properties)), expected)
  })
}

test('matching property: an inherited name is not present', () => {
  const definition = metric(null, [{ name: 'toString', exists: true }])
  assert.equal(matchesMetric(definition, event('e', {})), false)
})

test('matching: the event type filter and every property filter are ANDed', () => {
  const definition = metric({ inValues: ['e'] }, [
    { name: 'a', exists: true },
    { name: 'b', inValues: ['x'] },
    { name: 'c', notInValues: ['no'] },
  ])
  const cases: Array<[string, string, Record<string, unknown>, boolean]> = [
    ['all pass', 'e', { a: 1, b: 'x', c: 'yes' }, true],
    ['the event type fails', 'f', { a: 1, b: 'x' }, false],
    ['exists fails', 'e', { b: 'x' }, false],
    ['in_values fails', 'e', { a: 1, b: 'y' }, false],
    ['not_in_values fails', 'e', { a: 1, b: 'x', c: 'no' }, false],
  ]
  for (const [name, eventType, properties, expected] of cases) {
    assert.equal(matchesMetric(definition, event(eventType, properties)), expected, name)
  }
})
