import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import {
  applyChanges,
  checkHourBoundary,
  checkProductCreate,
  checkProductUpdate,
  groupKeysFitMetric,
  initialSettings,
  isHourBoundary,
  productAsOf,
  productCurrent,
  withUpdate,
  type Product,
  type ProductChanges,
  type ProductCreateInput,
  type ProductUpdate,
  type ProductUpdateInput,
} from './product.js'

const at = (text: string) => new Date(text)

function usageProduct(updates: ProductUpdate[] = []): Product {
  return {
    id: 'p1',
    type: 'USAGE',
    initial: initialSettings({ type: 'USAGE', name: 'API calls', billableMetricId: 'm1' }),
    updates,
    customFields: { team: 'core' },
    createdAt: at('2026-01-01T00:00:00Z'),
    createdBy: 'test',
    archivedAt: null,
  }
}

const update = (startingAt: string, changes: ProductChanges, made = startingAt): ProductUpdate => ({
  startingAt: at(startingAt),
  changes,
  createdAt: at(made),
  createdBy: 'test',
})

const gb = {
  conversionFactor: new Dec(1024),
  operation: 'DIVIDE' as const,
  name: 'MB to GB',
}

test('a new product has what its create request gives and nothing else', () => {
  const view = productAsOf(usageProduct(), at('2026-01-01T00:00:00Z'))
  assert.equal(view.name, 'API calls')
  assert.equal(view.billableMetricId, 'm1')
  assert.deepEqual(view.tags, [])
  assert.equal(view.quantityConversion, null)
  assert.equal(view.type, 'USAGE')
  assert.deepEqual(view.customFields, { team: 'core' })
  assert.equal('type' in initialSettings({ type: 'FIXED', name: 'x' }), false)
})

// Made in this order: rename at Feb, tag at Mar, a second rename at Feb, a rename at May made
// before a rename at Apr.
const scheduled = usageProduct([
  update('2026-02-01T00:00:00Z', { name: 'Requests' }, '2026-01-10T00:00:00Z'),
  update('2026-03-01T00:00:00Z', { tags: ['api'] }, '2026-01-11T00:00:00Z'),
  update('2026-02-01T00:00:00Z', { name: 'Calls' }, '2026-01-12T00:00:00Z'),
  update('2026-05-01T00:00:00Z', { name: 'May name' }, '2026-01-13T00:00:00Z'),
  update('2026-04-01T00:00:00Z', { name: 'April name' }, '2026-01-14T00:00:00Z'),
])

// [case, instant, expected name, expected tags]
const asOfCases: Array<[string, string, string, string[]]> = [
  ['before any update: as created', '2026-01-15T00:00:00Z', 'API calls', []],
  ['long before creation: as created', '2020-01-01T00:00:00Z', 'API calls', []],
  ['a millisecond before an update', '2026-01-31T23:59:59.999Z', 'API calls', []],
  [
    'at an update’s start (inclusive), the later of two same-start edits',
    '2026-02-01T00:00:00Z',
    'Calls',
    [],
  ],
  ['an unrelated update keeps earlier changes', '2026-03-15T00:00:00Z', 'Calls', ['api']],
  [
    'an update made later but starting earlier applies first',
    '2026-04-15T00:00:00Z',
    'April name',
    ['api'],
  ],
  ['starting_at order, not the order made, decides', '2026-05-01T00:00:00Z', 'May name', ['api']],
]
for (const [name, instant, expectedName, expectedTags] of asOfCases) {
  test(`as of: ${name}`, () => {
    const view = productAsOf(scheduled, at(instant))
    assert.equal(view.name, expectedName)
    assert.deepEqual(view.tags, expectedTags)
  })
}

test('current is the view at now', () => {
  const now = at('2026-03-02T12:00:00Z')
  assert.deepEqual(productCurrent(scheduled, now), productAsOf(scheduled, now))
})

test('an update can set and then clear the quantity conversion; absent fields are kept', () => {
  const product = usageProduct([
    update('2026-02-01T00:00:00Z', { quantityConversion: gb }),
    update('2026-03-01T00:00:00Z', { quantityConversion: null, name: 'Renamed' }),
  ])
  assert.equal(productAsOf(product, at('2026-02-10T00:00:00Z')).quantityConversion, gb)
  const march = productAsOf(product, at('2026-03-10T00:00:00Z'))
  assert.equal(march.quantityConversion, null)
  assert.equal(march.billableMetricId, 'm1')
})

test('withUpdate leaves the product it was given unchanged', () => {
  const before = usageProduct()
  const after = withUpdate(before, update('2026-02-01T00:00:00Z', { name: 'New' }))
  assert.equal(before.updates.length, 0)
  assert.equal(after.updates.length, 1)
  assert.equal(productAsOf(before, at('2026-03-01T00:00:00Z')).name, 'API calls')
})

// [instant, on an hour boundary]
const hourCases: Array<[string, boolean]> = [
  ['2026-01-01T01:00:00Z', true],
  ['2026-01-01T00:00:00Z', true],
  ['2026-01-01T01:30:00Z', false],
  ['2026-01-01T01:00:01Z', false],
  ['2026-01-01T01:00:00.001Z', false],
  ['1969-12-31T23:00:00Z', true],
  ['1969-12-31T23:30:00Z', false],
]
for (const [instant, expected] of hourCases) {
  test(`hour boundary: ${instant} ${expected ? 'is' : 'is not'} one`, () => {
    assert.equal(isHourBoundary(at(instant)), expected)
    assert.equal(checkHourBoundary(at(instant), 'body.starting_at').length, expected ? 0 : 1)
  })
}

// [case, pricing keys, presentation keys, metric group keys, fits]
const fitCases: Array<[string, string[] | null, string[] | null, string[][], boolean]> = [
  ['neither key given', null, null, [], true],
  ['pricing key equal to a group key', ['region'], null, [['region']], true],
  ['presentation key equal to a group key', null, ['region'], [['region']], true],
  ['a set: order does not matter', ['b', 'a'], null, [['a', 'b']], true],
  ['the union of pricing and presentation', ['a'], ['b'], [['b', 'a']], true],
  ['any one of several group keys', ['c'], null, [['a', 'b'], ['c']], true],
  ['a subset of a group key is not enough', ['a'], null, [['a', 'b']], false],
  ['a superset of a group key is too much', ['a'], ['b'], [['a']], false],
  ['a metric without group keys', ['a'], null, [], false],
  ['empty lists given against a metric without keys', [], [], [], false],
]
for (const [name, pricing, presentation, metricKeys, expected] of fitCases) {
  test(`group keys fit: ${name}`, () => {
    assert.equal(groupKeysFitMetric(pricing, presentation, metricKeys), expected)
  })
}

const fields = (problems: readonly { field: string }[]) => problems.map((problem) => problem.field)
const usage = (extra: Partial<ProductCreateInput> = {}): ProductCreateInput => ({
  type: 'USAGE',
  name: 'n',
  billableMetricId: 'm1',
  ...extra,
})

// [case, input, metric group keys, problems' fields]
const createCases: Array<[string, ProductCreateInput, string[][] | undefined, string[]]> = [
  ['a USAGE product with its metric', usage(), undefined, []],
  [
    'USAGE without a billable metric',
    { type: 'USAGE', name: 'n' },
    undefined,
    ['body.billable_metric_id'],
  ],
  [
    'SUBSCRIPTION with usage-only settings',
    {
      type: 'SUBSCRIPTION',
      name: 'n',
      billableMetricId: 'm1',
      quantityConversion: gb,
      quantityRounding: { roundingMethod: 'ROUND_UP', decimalPlaces: 0 },
      pricingGroupKey: ['a'],
      presentationGroupKey: ['b'],
    },
    undefined,
    [
      'body.billable_metric_id',
      'body.quantity_conversion',
      'body.quantity_rounding',
      'body.pricing_group_key',
      'body.presentation_group_key',
    ],
  ],
  ['FIXED with nothing else', { type: 'FIXED', name: 'n' }, undefined, []],
  [
    'PROFESSIONAL_SERVICE is PRO_SERVICE',
    { type: 'PROFESSIONAL_SERVICE', name: 'n' },
    undefined,
    [],
  ],
  [
    'USAGE with composite settings',
    usage({ compositeProductIds: ['p2'], includeCompositeSpend: true, compositeScope: 'CONTRACT' }),
    undefined,
    ['body.composite_product_ids', 'body.composite_scope', 'body.include_composite_spend'],
  ],
  [
    'COMPOSITE with neither products nor tags',
    { type: 'COMPOSITE', name: 'n' },
    undefined,
    ['body.composite_product_ids'],
  ],
  [
    'COMPOSITE with empty lists',
    { type: 'COMPOSITE', name: 'n', compositeTags: [], compositeProductIds: [] },
    undefined,
    ['body.composite_product_ids'],
  ],
  ['COMPOSITE by tags', { type: 'COMPOSITE', name: 'n', compositeTags: ['ai'] }, undefined, []],
  [
    'COMPOSITE by products',
    { type: 'COMPOSITE', name: 'n', compositeProductIds: ['p2'] },
    undefined,
    [],
  ],
  [
    'FIXED with a NetSuite overage item',
    { type: 'FIXED', name: 'n', netsuiteOverageItemId: 'x' },
    undefined,
    ['body.netsuite_overage_item_id'],
  ],
  [
    'FIXED with a NetSuite item',
    { type: 'FIXED', name: 'n', netsuiteInternalItemId: 'x' },
    undefined,
    [],
  ],
  [
    'a zero conversion factor',
    usage({ quantityConversion: { ...gb, conversionFactor: new Dec(0) } }),
    undefined,
    ['body.quantity_conversion.conversion_factor'],
  ],
  [
    'fractional decimal places',
    usage({ quantityRounding: { roundingMethod: 'round_up', decimalPlaces: 1.5 } }),
    undefined,
    ['body.quantity_rounding.decimal_places'],
  ],
  [
    'keys that fit the metric',
    usage({ pricingGroupKey: ['r'], presentationGroupKey: ['z'] }),
    [['z', 'r']],
    [],
  ],
  [
    'keys that do not fit',
    usage({ pricingGroupKey: ['r'] }),
    [['z', 'r']],
    ['body.pricing_group_key'],
  ],
  [
    'presentation keys that do not fit',
    usage({ presentationGroupKey: ['r'] }),
    [['z']],
    ['body.presentation_group_key'],
  ],
  ['no keys given: nothing to fit', usage(), [['z']], []],
]
for (const [name, input, metricGroupKeys, expected] of createCases) {
  test(`create: ${name}`, () => {
    const options = metricGroupKeys ? { metricGroupKeys } : {}
    assert.deepEqual(fields(checkProductCreate(input, options)), expected)
  })
}

test('create: problems are named under the given root', () => {
  const problems = checkProductCreate({ type: 'USAGE', name: 'n' }, { root: 'body.products[2]' })
  assert.deepEqual(problems, [
    { field: 'body.products[2].billable_metric_id', message: 'is required for USAGE products' },
  ])
})

const keyed = usageProduct([update('2026-02-01T00:00:00Z', { pricingGroupKey: ['region'] })])
const change = (startingAt: string, changes: ProductChanges): ProductUpdateInput => ({
  startingAt: at(startingAt),
  changes,
})

// [case, product, update, metric group keys, problems' fields]
const updateCases: Array<[string, Product, ProductUpdateInput, string[][] | undefined, string[]]> =
  [
    [
      'a rename on the hour',
      usageProduct(),
      change('2026-02-01T05:00:00Z', { name: 'x' }),
      undefined,
      [],
    ],
    [
      'a start off the hour',
      usageProduct(),
      change('2026-02-01T05:30:00Z', { name: 'x' }),
      undefined,
      ['body.starting_at'],
    ],
    [
      'composite settings on USAGE',
      usageProduct(),
      change('2026-02-01T00:00:00Z', { compositeTags: ['a'] }),
      undefined,
      ['body.composite_tags'],
    ],
    [
      'removing the billable metric',
      usageProduct(),
      change('2026-02-01T00:00:00Z', { billableMetricId: null }),
      undefined,
      ['body.billable_metric_id'],
    ],
    [
      'clearing the conversion',
      usageProduct(),
      change('2026-02-01T00:00:00Z', { quantityConversion: null }),
      undefined,
      [],
    ],
    [
      'a presentation key that completes the pricing key in force',
      keyed,
      change('2026-03-01T00:00:00Z', { presentationGroupKey: ['zone'] }),
      [['zone', 'region']],
      [],
    ],
    [
      'a presentation key before the pricing key applies',
      keyed,
      change('2026-01-15T00:00:00Z', { presentationGroupKey: ['zone'] }),
      [['zone', 'region']],
      ['body.presentation_group_key'],
    ],
    [
      'a new metric the keys in force do not fit',
      keyed,
      change('2026-03-01T00:00:00Z', { billableMetricId: 'm2' }),
      [['other']],
      ['body.pricing_group_key'],
    ],
    [
      'a rename does not recheck keys',
      keyed,
      change('2026-03-01T00:00:00Z', { name: 'x' }),
      [['other']],
      [],
    ],
  ]
for (const [name, product, input, metricGroupKeys, expected] of updateCases) {
  test(`update: ${name}`, () => {
    const options = metricGroupKeys ? { metricGroupKeys } : {}
    assert.deepEqual(fields(checkProductUpdate(product, input, options)), expected)
  })
}

test('update: a SUBSCRIPTION product refuses usage-only changes', () => {
  const subscription: Product = {
    ...usageProduct(),
    type: 'SUBSCRIPTION',
    initial: initialSettings({ type: 'SUBSCRIPTION', name: 'Seats' }),
  }
  const input = change('2026-02-01T00:00:00Z', { billableMetricId: 'm1', quantityConversion: gb })
  assert.deepEqual(fields(checkProductUpdate(subscription, input)), [
    'body.billable_metric_id',
    'body.quantity_conversion',
  ])
})

const hours = (count: number) => new Date(Date.UTC(2026, 0, 1) + count * 3_600_000)
const arbitraryChanges: fc.Arbitrary<ProductChanges> = fc.record(
  {
    name: fc.constantFrom('a', 'b', 'c'),
    tags: fc.constantFrom(['x'], ['y', 'z'], []),
    billableMetricId: fc.constantFrom('m1', 'm2'),
    pricingGroupKey: fc.constantFrom(['r'], null),
    quantityRounding: fc.constantFrom(null, {
      roundingMethod: 'ROUND_UP' as const,
      decimalPlaces: 2,
    }),
  },
  { requiredKeys: [] },
)
const arbitraryUpdate = fc
  .record({ start: fc.integer({ min: 0, max: 48 }), changes: arbitraryChanges })
  .map(({ start, changes }) => update(hours(start).toISOString(), changes))

test('property: an update affects exactly the instants at or after its start', () => {
  fc.assert(
    fc.property(
      fc.array(arbitraryUpdate, { maxLength: 6 }),
      arbitraryUpdate,
      fc.integer({ min: -2, max: 60 }),
      fc.integer({ min: 0, max: 59 }),
      (earlier, added, hour, minute) => {
        const before = usageProduct(earlier)
        const after = withUpdate(before, added)
        const instant = new Date(hours(hour).getTime() + minute * 60_000)
        const viewBefore = productAsOf(before, instant)
        const viewAfter = productAsOf(after, instant)
        if (instant.getTime() < added.startingAt.getTime()) {
          assert.deepEqual(viewAfter, viewBefore)
          return
        }
        // No other update starts after the added one's start and by the instant: the added
        // update's changes are the last applied.
        const overtaken = earlier.some(
          (other) =>
            other.startingAt.getTime() > added.startingAt.getTime() &&
            other.startingAt.getTime() <= instant.getTime(),
        )
        if (!overtaken) {
          assert.deepEqual(viewAfter, { ...viewBefore, ...applyChanges(viewBefore, added.changes) })
        }
      },
    ),
    { numRuns: 1000 },
  )
})

test('property: updates apply in starting_at order whatever order they were made in', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(arbitraryUpdate, {
        selector: (made) => made.startingAt.getTime(),
        maxLength: 6,
      }),
      fc.integer({ min: 0, max: 50 }),
      (updates, hour) => {
        const instant = hours(hour)
        const reversed = usageProduct([...updates].reverse())
        assert.deepEqual(
          productAsOf(reversed, instant),
          productAsOf(usageProduct(updates), instant),
        )
      },
    ),
  )
})
