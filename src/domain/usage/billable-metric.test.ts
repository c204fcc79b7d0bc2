import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  checkMetricDefinition,
  groupKeyMatches,
  type StreamingMetricDefinition,
} from './billable-metric.js'

const base: StreamingMetricDefinition = {
  aggregationType: 'SUM',
  aggregationKey: 'tokens',
  eventTypeFilter: null,
  propertyFilters: [
    { name: 'tokens', exists: true },
    { name: 'region', exists: true },
    { name: 'team', inValues: ['ui', 'api'] },
    { name: 'tier', notInValues: ['free'] },
  ],
  groupKeys: [['region'], ['region', 'team']],
}

test('a valid definition has no problems', () => {
  assert.deepEqual(checkMetricDefinition(base), [])
  assert.deepEqual(
    checkMetricDefinition({ ...base, aggregationType: 'COUNT', aggregationKey: null }),
    [],
  )
})

test('each rule, with its field and message', () => {
  const cases: Array<[string, Partial<StreamingMetricDefinition>, string, RegExp]> = [
    [
      'COUNT with a key',
      { aggregationType: 'COUNT' },
      'aggregation_key',
      /not applicable to COUNT/,
    ],
    ['SUM without a key', { aggregationKey: null }, 'aggregation_key', /required for SUM/],
    [
      'key not a filter',
      { aggregationKey: 'cost' },
      'aggregation_key',
      /^The specified aggregation key must be one of the property filter names\.$/,
    ],
    [
      'group key not a filter',
      { groupKeys: [['zone']] },
      'group_keys[0][0]',
      /^Group key 'zone' does not match one of the property filter names\.$/,
    ],
    [
      'group key on a not_in filter',
      { groupKeys: [['tier']] },
      'group_keys[0][0]',
      /must have an exists or in_values/,
    ],
    ['empty compound key', { groupKeys: [[]] }, 'group_keys[0]', /must not be empty/],
    ['repeated key', { groupKeys: [['region', 'region']] }, 'group_keys[0]', /repeats a key/],
    [
      'repeated compound key',
      {
        groupKeys: [
          ['region', 'team'],
          ['team', 'region'],
        ],
      },
      'group_keys[1]',
      /repeats another group key/,
    ],
    [
      'empty event type list',
      { eventTypeFilter: { inValues: [] } },
      'event_type_filter.in_values',
      /must not be empty/,
    ],
    [
      'empty property values',
      { propertyFilters: [...base.propertyFilters, { name: 'x', notInValues: [] }] },
      'property_filters[4].not_in_values',
      /must not be empty/,
    ],
    [
      'repeated filter',
      { propertyFilters: [...base.propertyFilters, { name: 'region' }] },
      'property_filters[4].name',
      /repeats the filter/,
    ],
    [
      'exists false with in_values',
      { propertyFilters: [...base.propertyFilters, { name: 'y', exists: false, inValues: ['a'] }] },
      'property_filters[4].exists',
      /cannot be false together with in_values/,
    ],
  ]
  for (const [name, change, field, message] of cases) {
    const problems = checkMetricDefinition({ ...base, ...change })
    const problem = problems.find((candidate) => candidate.field === field)
    assert.ok(problem, `${name}: expected a problem on ${field}, got ${JSON.stringify(problems)}`)
    assert.match(problem.message, message, name)
  }
})

test('every problem is reported at once', () => {
  const problems = checkMetricDefinition({ ...base, aggregationKey: 'cost', groupKeys: [['zone']] })
  assert.deepEqual(
    problems.map((problem) => problem.field),
    ['aggregation_key', 'group_keys[0][0]'],
  )
})

test('group keys match as sets, never partially', () => {
  assert.equal(groupKeyMatches(base, ['region']), true)
  assert.equal(groupKeyMatches(base, ['team', 'region']), true)
  assert.equal(groupKeyMatches(base, ['team']), false)
  assert.equal(groupKeyMatches(base, ['region', 'team', 'tier']), false)
})
