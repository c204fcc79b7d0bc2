import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { StreamingMetricDefinition } from './billable-metric.js'
import { matchesMetric, propertyNumber, propertyText, type UsageEvent } from './event.js'

test('property text and numbers read the way jsonb ->> does', () => {
  const properties = {
    s: 'x',
    n: 12,
    f: 1.5,
    b: true,
    z: null,
    big: '1e3',
    bad: 'abc',
    o: { a: 1 },
  }
  const cases: Array<[string, string | null, string | null]> = [
    ['s', 'x', null],
    ['n', '12', '12'],
    ['f', '1.5', '1.5'],
    ['b', 'true', null],
    ['z', null, null],
    ['missing', null, null],
    ['big', '1e3', '1000'],
    ['bad', 'abc', null],
    ['o', '{"a":1}', null],
  ]
  for (const [name, text, number] of cases) {
    assert.equal(propertyText(properties, name), text, name)
    assert.equal(propertyNumber(properties, name)?.toString() ?? null, number, name)
  }
  assert.equal(propertyText(properties, 'toString'), null, 'only own properties count')
})

const event = (eventType: string, properties: Record<string, unknown>): UsageEvent => ({
  transactionId: 't',
  customerRef: 'c',
  eventType,
  timestamp: new Date(0),
  properties,
})

test('matching: event types, exists, in_values and not_in_values, ANDed', () => {
  const definition: StreamingMetricDefinition = {
    aggregationType: 'COUNT',
    aggregationKey: null,
    eventTypeFilter: { inValues: ['call'], notInValues: ['call-test'] },
    propertyFilters: [
      { name: 'region', inValues: ['eu', 'us'] },
      { name: 'tier', notInValues: ['free'] },
      { name: 'debug', exists: false },
      { name: 'user', exists: true },
    ],
    groupKeys: [],
  }
  const cases: Array<[string, UsageEvent, boolean]> = [
    ['all rules pass', event('call', { region: 'eu', tier: 'pro', user: 'a' }), true],
    ['tier absent passes not_in_values', event('call', { region: 'us', user: 'a' }), true],
    ['user null still exists', event('call', { region: 'us', user: null }), true],
    ['wrong event type', event('other', { region: 'eu', user: 'a' }), false],
    ['region not listed', event('call', { region: 'apac', user: 'a' }), false],
    ['region missing', event('call', { user: 'a' }), false],
    ['tier excluded', event('call', { region: 'eu', tier: 'free', user: 'a' }), false],
    ['debug present', event('call', { region: 'eu', user: 'a', debug: false }), false],
    ['user missing', event('call', { region: 'eu' }), false],
    ['case matters', event('Call', { region: 'eu', user: 'a' }), false],
  ]
  for (const [name, candidate, expected] of cases)
    assert.equal(matchesMetric(definition, candidate), expected, name)
})
