import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describeProblems, type Problem } from '../problem.js'
import {
  checkMetricDefinition,
  groupKeyMatches,
  type AggregationType,
  type StreamingMetricDefinition,
} from './billable-metric.js'

// A valid metric using every kind of filter; each case below breaks exactly one rule of it.
const base: StreamingMetricDefinition = {
  aggregationType: 'SUM',
  aggregationKey: 'tokens',
  eventTypeFilter: { inValues: ['call'], notInValues: ['call-test'] },
  propertyFilters: [
    { name: 'tokens', exists: true },
    { name: 'region', exists: true },
    { name: 'team', inValues: ['ui', 'api'] },
    { name: 'tier', notInValues: ['free'] },
  ],
  groupKeys: [['region'], ['team'], ['region', 'team']],
}

const withFilter = (filter: StreamingMetricDefinition['propertyFilters'][number]) => ({
  propertyFilters: [...base.propertyFilters, filter],
})

// [case, change to the base metric]
const validCases: Array<[string, Partial<StreamingMetricDefinition>]> = [
  ['the base metric', {}],
  ['COUNT without a key', { aggregationType: 'COUNT', aggregationKey: null }],
  [
    'COUNT with no filters at all',
    {
      aggregationType: 'COUNT',
      aggregationKey: null,
      eventTypeFilter: null,
      propertyFilters: [],
      groupKeys: [],
    },
  ],
  ...(['MAX', 'UNIQUE', 'LATEST'] as const).map(
    (type): [string, Partial<StreamingMetricDefinition>] => [type, { aggregationType: type }],
  ),
  ['aggregation key on an in_values filter', { aggregationKey: 'team' }],
  ['aggregation key on a not_in_values filter', { aggregationKey: 'tier' }],
  ['an empty event type filter object', { eventTypeFilter: {} }],
  ['exists: false alone', withFilter({ name: 'debug', exists: false })],
  [
    'exists: false with not_in_values',
    withFilter({ name: 'd', exists: false, notInValues: ['a'] }),
  ],
  [
    'a group key with both exists and in_values',
    {
      ...withFilter({ name: 'zone', exists: true, inValues: ['a'] }),
      groupKeys: [['zone']],
    },
  ],
]

for (const [name, change] of validCases) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(checkMetricDefinition({ ...base, ...change }), [])
  })
}

const problem = (field: string, message: string): Problem => ({ field, message })

type InvalidCase = [string, Partial<StreamingMetricDefinition>, Problem[]]

const required = (type: AggregationType): InvalidCase => [
  `${type} without a key`,
  { aggregationType: type, aggregationKey: null },
  [problem('aggregation_key', `is required for ${type}`)],
]
// [case, change to the base metric, every problem expected]
const invalidCases: InvalidCase[] = [
  [
    'COUNT with a key',
    { aggregationType: 'COUNT' },
    [problem('aggregation_key', 'is not applicable to COUNT')],
  ],
  required('SUM'),
  required('MAX'),
  required('UNIQUE'),
  required('LATEST'),
  [
    'aggregation key without a filter',
    { aggregationKey: 'cost' },
    [
      problem(
        'aggregation_key',
        'The specified aggregation key must be one of the property filter names.',
      ),
    ],
  ],
  [
    'group key without a filter',
    { groupKeys: [['region'], ['zone']] },
    [
      problem(
        'group_keys[1][0]',
        "Group key 'zone' does not match one of the property filter names.",
      ),
    ],
  ],
  [
    'group key on a not_in_values filter',
    { groupKeys: [['region', 'tier']] },
    [
      problem(
        'group_keys[0][1]',
        "Group key 'tier' must have an exists or in_values property filter.",
      ),
    ],
  ],
  [
    'group key on a bare filter',
    { ...withFilter({ name: 'zone' }), groupKeys: [['zone']] },
    [
      problem(
        'group_keys[0][0]',
        "Group key 'zone' must have an exists or in_values property filter.",
      ),
    ],
  ],
  [
    'group key on exists: false',
    {
      ...withFilter({ name: 'zone', exists: false }),
      groupKeys: [['zone']],
    },
    [
      problem(
        'group_keys[0][0]',
        "Group key 'zone' must have an exists or in_values property filter.",
      ),
    ],
  ],
  [
    'group key on an empty in_values',
    {
      ...withFilter({ name: 'zone', inValues: [] }),
      groupKeys: [['zone']],
    },
    [
      problem('property_filters[4].in_values', 'must not be empty'),
      problem(
        'group_keys[0][0]',
        "Group key 'zone' must have an exists or in_values property filter.",
      ),
    ],
  ],
  [
    'empty compound group key',
    { groupKeys: [[]] },
    [problem('group_keys[0]', 'must not be empty')],
  ],
  [
    'key repeated inside a compound key',
    { groupKeys: [['region', 'team', 'region']] },
    [problem('group_keys[0]', 'repeats a key')],
  ],
  [
    'compound key repeated in another order',
    {
      groupKeys: [
        ['region', 'team'],
        ['team', 'region'],
      ],
    },
    [problem('group_keys[1]', 'repeats another group key')],
  ],
  [
    'simple key repeated',
    { groupKeys: [['region'], ['region']] },
    [problem('group_keys[1]', 'repeats another group key')],
  ],
  [
    'empty event type in_values',
    { eventTypeFilter: { inValues: [] } },
    [problem('event_type_filter.in_values', 'must not be empty')],
  ],
  [
    'empty event type not_in_values',
    { eventTypeFilter: { notInValues: [] } },
    [problem('event_type_filter.not_in_values', 'must not be empty')],
  ],
  [
    'empty property in_values',
    withFilter({ name: 'x', inValues: [] }),
    [problem('property_filters[4].in_values', 'must not be empty')],
  ],
  [
    'empty property not_in_values',
    withFilter({ name: 'x', notInValues: [] }),
    [problem('property_filters[4].not_in_values', 'must not be empty')],
  ],
  [
    'empty filter name',
    withFilter({ name: '', exists: true }),
    [problem('property_filters[4].name', 'must not be empty')],
  ],
  [
    'repeated filter name',
    withFilter({ name: 'region' }),
    [problem('property_filters[4].name', "repeats the filter 'region'")],
  ],
  [
    'exists: false with in_values',
    withFilter({ name: 'y', exists: false, inValues: ['a'] }),
    [problem('property_filters[4].exists', 'cannot be false together with in_values')],
  ],
]
for (const [name, change, expected] of invalidCases) {
  test(`invalid: ${name}`, () => {
    assert.deepEqual(checkMetricDefinition({ ...base, ...change }), expected)
  })
}

test('every problem is reported at once, in field order of the definition', () => {
  const problems = checkMetricDefinition({
    aggregationType: 'COUNT',
    aggregationKey: 'tokens',
    eventTypeFilter: { inValues: [] },
    propertyFilters: [{ name: '', notInValues: [] }],
    groupKeys: [['zone'], []],
  })
  assert.deepEqual(
    problems.map((p) => p.field),
    [
      'aggregation_key',
      'event_type_filter.in_values',
      'property_filters[0].name',
      'property_filters[0].not_in_values',
      'group_keys[0][0]',
      'group_keys[1]',
    ],
  )
})

test('problems read as the sentences the API returns', () => {
  const render = (change: Partial<StreamingMetricDefinition>) =>
    describeProblems(checkMetricDefinition({ ...base, ...change }))
  assert.equal(render({ aggregationType: 'COUNT' }), 'aggregation_key is not applicable to COUNT')
  assert.equal(render({ aggregationKey: null }), 'aggregation_key is required for SUM')
})

test('group keys match as sets, never partially', () => {
  const cases: Array<[readonly string[], boolean]> = [
    [['region'], true],
    [['team'], true],
    [['region', 'team'], true],
    [['team', 'region'], true],
    [['team', 'region', 'team'], true],
    [['tier'], false],
    [['region', 'tier'], false],
    [['region', 'team', 'tier'], false],
    [[], false],
    [['Region'], false],
  ]
  for (const [keys, expected] of cases) {
    assert.equal(groupKeyMatches(base, keys), expected, JSON.stringify(keys))
  }
  const noKeys = { ...base, groupKeys: [] }
  assert.equal(groupKeyMatches(noKeys, []), false, 'a metric without group keys matches none')
})
