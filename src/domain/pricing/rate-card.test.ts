import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from './credit-type.js'
import {
  checkAliases,
  checkNewRate,
  checkRateForProduct,
  rateSchedule,
  ratesAt,
  resolveAlias,
  resolveRate,
  type BillingFrequency,
  type NewRate,
  type PricingGroupValues,
  type RateCard,
  type RateCardAliasAssignment,
  type RateCardEntry,
  type RateSegment,
  type RateSelector,
  type RateTerms,
  type Tier,
  type TimeRange,
} from './rate-card.js'

const at = (text: string) => new Date(text)
const day = (date: string) => at(`${date}T00:00:00Z`)

const flat = (price: string): RateTerms => ({
  rateType: 'FLAT',
  price: new Dec(price),
  tiers: null,
  minimum: null,
  creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
  isProrated: null,
  quantity: null,
  customRate: null,
})

interface RateSketch {
  id?: string
  product?: string
  from: string
  to?: string
  price?: string
  values?: PricingGroupValues
  frequency?: BillingFrequency
  terms?: Partial<RateTerms>
  commitRate?: NewRate['commitRate']
}

function newRate(sketch: RateSketch): NewRate {
  return {
    productId: sketch.product ?? 'p',
    startingAt: day(sketch.from),
    endingBefore: sketch.to ? day(sketch.to) : null,
    entitled: true,
    pricingGroupValues: sketch.values ?? null,
    billingFrequency: sketch.frequency ?? null,
    rate: { ...flat(sketch.price ?? '1'), ...sketch.terms },
    commitRate: sketch.commitRate ?? null,
  }
}

function card(...sketches: RateSketch[]): RateCard {
  return {
    rates: sketches.map((sketch, index): RateCardEntry => ({
      ...newRate(sketch),
      id: sketch.id ?? `r${index + 1}`,
      createdAt: day('2025-12-01'),
    })),
  }
}

const plain = (segment: RateSegment) => ({
  id: segment.entry.id,
  from: segment.startingAt.toISOString().slice(0, 10),
  to: segment.endingBefore?.toISOString().slice(0, 10) ?? null,
})

// p: 10 from Jan, superseded by 20 for Mar–Jun (10 does not resume afterwards); a grouped rate
// for region=us in Jan; a subscription product s billed monthly or annually.
const catalog = card(
  { id: 'p-jan', from: '2026-01-01', price: '10' },
  { id: 'p-mar', from: '2026-03-01', to: '2026-06-01', price: '20' },
  { id: 'p-us', from: '2026-01-01', to: '2026-02-01', values: { region: 'us' } },
  { id: 's-monthly', product: 's', from: '2026-01-01', frequency: 'MONTHLY' },
  { id: 's-annual', product: 's', from: '2026-01-01', frequency: 'ANNUAL' },
  {
    id: 'p-eu-gpu',
    from: '2026-01-01',
    values: { region: 'eu', gpu: 'h100' },
  },
)

// [case, product, pricing group values, instant, billing frequency, expected id or null]
const resolveCases: Array<
  [string, string, PricingGroupValues | null, string, BillingFrequency | null, string | null]
> = [
  ['a rate in force', 'p', null, '2026-01-15T00:00:00Z', null, 'p-jan'],
  ['a start is inclusive', 'p', null, '2026-01-01T00:00:00Z', null, 'p-jan'],
  ['before the first start', 'p', null, '2025-12-31T23:59:59.999Z', null, null],
  ['the last instant before a later rate', 'p', null, '2026-02-28T23:59:59.999Z', null, 'p-jan'],
  ['a later start supersedes', 'p', null, '2026-03-01T00:00:00Z', null, 'p-mar'],
  ['an end is exclusive', 'p', null, '2026-05-31T23:59:59.999Z', null, 'p-mar'],
  ['a superseded rate does not come back', 'p', null, '2026-06-01T00:00:00Z', null, null],
  ['empty values are no values', 'p', {}, '2026-01-15T00:00:00Z', null, 'p-jan'],
  [
    'pricing group values select their rate',
    'p',
    { region: 'us' },
    '2026-01-15T00:00:00Z',
    null,
    'p-us',
  ],
  ['a grouped rate ends too', 'p', { region: 'us' }, '2026-02-01T00:00:00Z', null, null],
  [
    'values must match exactly, not partly',
    'p',
    { region: 'eu' },
    '2026-01-15T00:00:00Z',
    null,
    null,
  ],
  [
    'value order does not matter',
    'p',
    { gpu: 'h100', region: 'eu' },
    '2026-01-15T00:00:00Z',
    null,
    'p-eu-gpu',
  ],
  ['an unknown product', 'x', null, '2026-01-15T00:00:00Z', null, null],
  ['a billing frequency selects its rate', 's', null, '2026-01-15T00:00:00Z', 'ANNUAL', 's-annual'],
  ['the other billing frequency', 's', null, '2026-01-15T00:00:00Z', 'MONTHLY', 's-monthly'],
  [
    'no billing frequency matches no subscription rate',
    's',
    null,
    '2026-01-15T00:00:00Z',
    null,
    null,
  ],
]
for (const [name, product, values, instant, frequency, expected] of resolveCases) {
  test(`resolve: ${name}`, () => {
    const segment = resolveRate(catalog, product, values, at(instant), frequency)
    assert.equal(segment?.entry.id ?? null, expected)
  })
}

test('resolve: the answer carries the effective period', () => {
  const segment = resolveRate(catalog, 'p', null, day('2026-02-10'))
  assert.deepEqual(segment && plain(segment), { id: 'p-jan', from: '2026-01-01', to: '2026-03-01' })
})

test('resolve: an earlier start added later is superseded from the later start', () => {
  const later = card({ id: 'apr', from: '2026-04-01' }, { id: 'jan', from: '2026-01-01' })
  assert.equal(resolveRate(later, 'p', null, day('2026-02-01'))?.entry.id, 'jan')
  assert.equal(resolveRate(later, 'p', null, day('2026-04-01'))?.entry.id, 'apr')
})

test('resolve: stored rates with one start resolve to the one added last', () => {
  const twice = card({ id: 'first', from: '2026-01-01' }, { id: 'second', from: '2026-01-01' })
  assert.equal(resolveRate(twice, 'p', null, day('2026-01-02'))?.entry.id, 'second')
  assert.deepEqual(
    rateSchedule(twice, { startingAt: day('2020-01-01'), endingBefore: null }).map(plain),
    [{ id: 'second', from: '2026-01-01', to: null }],
  )
})

const range = (from: string, to: string | null): TimeRange => ({
  startingAt: day(from),
  endingBefore: to === null ? null : day(to),
})

// [case, range, selectors, expected segments as id:from..to]
const scheduleCases: Array<[string, TimeRange, RateSelector[], string[]]> = [
  [
    'segments overlapping the range keep their own bounds, by start',
    range('2026-02-01', '2026-04-01'),
    [{ productId: 'p' }],
    ['p-jan:2026-01-01..2026-03-01', 'p-eu-gpu:2026-01-01..', 'p-mar:2026-03-01..2026-06-01'],
  ],
  [
    'a range that ends at a start excludes that segment',
    range('2026-02-01', '2026-03-01'),
    [{ productId: 'p', pricingGroupValues: {} }],
    ['p-jan:2026-01-01..2026-03-01'],
  ],
  [
    'a range that starts at an end excludes that segment',
    range('2026-06-01', null),
    [{ productId: 'p', pricingGroupValues: {} }],
    [],
  ],
  [
    'no end: all future segments',
    range('2026-02-15', null),
    [{ productId: 'p', pricingGroupValues: {} }],
    ['p-jan:2026-01-01..2026-03-01', 'p-mar:2026-03-01..2026-06-01'],
  ],
  [
    'no selectors: every rate',
    range('2026-01-10', '2026-01-11'),
    [],
    [
      'p-jan:2026-01-01..2026-03-01',
      'p-us:2026-01-01..2026-02-01',
      's-monthly:2026-01-01..',
      's-annual:2026-01-01..',
      'p-eu-gpu:2026-01-01..',
    ],
  ],
  [
    'exact pricing group values',
    range('2026-01-10', '2026-01-11'),
    [{ pricingGroupValues: { region: 'eu' } }],
    [],
  ],
  [
    'partial pricing group values',
    range('2026-01-10', '2026-01-11'),
    [{ partialPricingGroupValues: { region: 'eu' } }],
    ['p-eu-gpu:2026-01-01..'],
  ],
  [
    'billing frequency',
    range('2026-01-10', '2026-01-11'),
    [{ billingFrequency: 'ANNUAL' }],
    ['s-annual:2026-01-01..'],
  ],
  [
    'selectors are OR-ed, fields within one AND-ed',
    range('2026-01-10', '2026-01-11'),
    [
      { productId: 's', billingFrequency: 'MONTHLY' },
      { partialPricingGroupValues: { region: 'us' } },
    ],
    ['p-us:2026-01-01..2026-02-01', 's-monthly:2026-01-01..'],
  ],
  [
    'product tags match any tag',
    range('2026-01-10', '2026-01-11'),
    [{ productTags: ['seats', 'other'] }],
    ['s-monthly:2026-01-01..', 's-annual:2026-01-01..'],
  ],
  ['an empty range has nothing', range('2026-01-10', '2026-01-10'), [], []],
]
const tagsOf = (productId: string) => (productId === 's' ? ['seats'] : ['usage'])
const brief = (segment: RateSegment) => {
  const { id, from, to } = plain(segment)
  return `${id}:${from}..${to ?? ''}`
}
for (const [name, givenRange, selectors, expected] of scheduleCases) {
  test(`schedule: ${name}`, () => {
    assert.deepEqual(rateSchedule(catalog, givenRange, selectors, { tagsOf }).map(brief), expected)
  })
}

test('schedule: a tag selector without product tags is a bug', () => {
  assert.throws(() => rateSchedule(catalog, range('2026-01-01', null), [{ productTags: ['x'] }]))
})

test('rates at an instant: those in force there, earliest start first', () => {
  assert.deepEqual(ratesAt(catalog, day('2026-03-01'), [{ productId: 'p' }]).map(brief), [
    'p-eu-gpu:2026-01-01..',
    'p-mar:2026-03-01..2026-06-01',
  ])
})

const tiers = (...pairs: Array<[string | null, string]>): Tier[] =>
  pairs.map(([size, price]) => ({
    size: size === null ? null : new Dec(size),
    price: new Dec(price),
  }))
const tiered = (given: Tier[] | null, rateType: 'TIERED' | 'TIERED_PERCENTAGE' = 'TIERED') => ({
  terms: { rateType, price: null, tiers: given },
})
const priced = (rateType: RateTerms['rateType'], price: string | null) => ({
  terms: { rateType, price: price === null ? null : new Dec(price) },
})

// [case, rate to add to the catalog, problems' fields]
const newRateCases: Array<[string, RateSketch, string[]]> = [
  ['a FLAT rate at a new start', { from: '2026-07-01', price: '0.3' }, []],
  ['a FLAT price of 0', { from: '2026-07-01', price: '0' }, []],
  ['a negative FLAT price', { from: '2026-07-01', price: '-1' }, ['body.price']],
  ['a FLAT rate without a price', { from: '2026-07-01', ...priced('FLAT', null) }, ['body.price']],
  ['a PERCENTAGE of 1', { from: '2026-07-01', ...priced('PERCENTAGE', '1') }, []],
  ['a PERCENTAGE of 0.1', { from: '2026-07-01', ...priced('PERCENTAGE', '0.1') }, []],
  ['a PERCENTAGE above 1', { from: '2026-07-01', ...priced('PERCENTAGE', '1.5') }, ['body.price']],
  [
    'a negative PERCENTAGE',
    { from: '2026-07-01', ...priced('PERCENTAGE', '-0.1') },
    ['body.price'],
  ],
  [
    'a negative SUBSCRIPTION price',
    { from: '2026-07-01', ...priced('SUBSCRIPTION', '-5') },
    ['body.price'],
  ],
  ['TIERED without tiers', { from: '2026-07-01', ...tiered(null) }, ['body.tiers']],
  ['TIERED with no tiers', { from: '2026-07-01', ...tiered([]) }, ['body.tiers']],
  [
    'TIERED with a last unsized tier',
    { from: '2026-07-01', ...tiered(tiers(['5', '2'], ['5', '1'], [null, '0.5'])) },
    [],
  ],
  [
    'TIERED with every tier sized (the last must be unbounded)',
    { from: '2026-07-01', ...tiered(tiers(['5', '2'], ['5', '1'])) },
    ['body.tiers[1].size'],
  ],
  ['TIERED with one unsized tier', { from: '2026-07-01', ...tiered(tiers([null, '2'])) }, []],
  [
    'TIERED with an unsized middle tier',
    { from: '2026-07-01', ...tiered(tiers(['5', '2'], [null, '1'], [null, '0.5'])) },
    ['body.tiers[1].size'],
  ],
  [
    'TIERED with a zero size',
    { from: '2026-07-01', ...tiered(tiers(['0', '2'], [null, '1'])) },
    ['body.tiers[0].size'],
  ],
  [
    'TIERED with a negative size',
    { from: '2026-07-01', ...tiered(tiers(['-1', '2'], [null, '1'])) },
    ['body.tiers[0].size'],
  ],
  [
    'TIERED with a negative price',
    { from: '2026-07-01', ...tiered(tiers(['1', '2'], [null, '-1'])) },
    ['body.tiers[1].price'],
  ],
  [
    'TIERED_PERCENTAGE needs tiers too',
    { from: '2026-07-01', ...tiered(null, 'TIERED_PERCENTAGE') },
    ['body.tiers'],
  ],
  [
    'tiers on a FLAT rate',
    { from: '2026-07-01', terms: { tiers: tiers([null, '1']) } },
    ['body.tiers'],
  ],
  [
    'a minimum on a FLAT rate',
    { from: '2026-07-01', terms: { minimum: new Dec(5) } },
    ['body.minimum_config'],
  ],
  [
    'a minimum on a PERCENTAGE rate',
    {
      from: '2026-07-01',
      ...priced('PERCENTAGE', '0.1'),
      terms: { rateType: 'PERCENTAGE', price: new Dec('0.1'), minimum: new Dec(5) },
    },
    [],
  ],
  [
    'CUSTOM without custom_rate',
    { from: '2026-07-01', terms: { rateType: 'CUSTOM', price: null } },
    ['body.custom_rate'],
  ],
  [
    'custom_rate on a FLAT rate',
    { from: '2026-07-01', terms: { customRate: { a: 1 } } },
    ['body.custom_rate'],
  ],
  [
    'SUBSCRIPTION not prorated',
    { from: '2026-07-01', terms: { rateType: 'SUBSCRIPTION', isProrated: false } },
    ['body.is_prorated'],
  ],
  [
    'SUBSCRIPTION prorated',
    { from: '2026-07-01', terms: { rateType: 'SUBSCRIPTION', isProrated: true } },
    [],
  ],
  [
    'SUBSCRIPTION with a negative quantity',
    { from: '2026-07-01', terms: { rateType: 'SUBSCRIPTION', quantity: new Dec(-1) } },
    ['body.quantity'],
  ],
  [
    'is_prorated on a FLAT rate',
    { from: '2026-07-01', terms: { isProrated: true } },
    ['body.is_prorated'],
  ],
  ['an end at the start', { from: '2026-07-01', to: '2026-07-01' }, ['body.ending_before']],
  ['an end before the start', { from: '2026-07-01', to: '2026-06-01' }, ['body.ending_before']],
  ['the same start as a rate of the same key', { from: '2026-03-01' }, ['body.starting_at']],
  ['the same start as a superseded rate', { from: '2026-01-01' }, ['body.starting_at']],
  [
    'the same start, other pricing group values',
    { from: '2026-03-01', values: { region: 'us' } },
    [],
  ],
  [
    'the same start, other billing frequency',
    { product: 's', from: '2026-01-01', frequency: 'QUARTERLY' },
    [],
  ],
  ['the same start, other product', { product: 'q', from: '2026-01-01' }, []],
  ['a start inside another rate', { from: '2026-04-01' }, []],
  [
    'a commit rate is checked like a rate',
    {
      from: '2026-07-01',
      commitRate: { rateType: 'FLAT', price: new Dec(-1), tiers: null, minimum: null },
    },
    ['body.commit_rate.price'],
  ],
]
const fields = (problems: readonly { field: string }[]) => problems.map((problem) => problem.field)
for (const [name, sketch, expected] of newRateCases) {
  test(`new rate: ${name}`, () => {
    assert.deepEqual(fields(checkNewRate(catalog, newRate(sketch))), expected)
  })
}

test('new rate: problems are named under the given root', () => {
  const problems = checkNewRate(
    catalog,
    newRate({ from: '2026-07-01', price: '-1' }),
    'body.rates[2]',
  )
  assert.deepEqual(fields(problems), ['body.rates[2].price'])
})

const usageProduct = { type: 'USAGE' as const, archivedAt: null, pricingGroupKey: ['region'] }
// [case, rate, product, problems' fields]
const productCases: Array<
  [string, RateSketch, Parameters<typeof checkRateForProduct>[1], string[]]
> = [
  [
    'a grouped rate naming the product’s key',
    { from: '2026-07-01', values: { region: 'us' } },
    usageProduct,
    [],
  ],
  ['an ungrouped rate', { from: '2026-07-01' }, usageProduct, []],
  [
    'values naming another key',
    { from: '2026-07-01', values: { zone: 'a' } },
    usageProduct,
    ['body.pricing_group_values'],
  ],
  [
    'values naming too many keys',
    { from: '2026-07-01', values: { region: 'us', zone: 'a' } },
    usageProduct,
    ['body.pricing_group_values'],
  ],
  [
    'values for a product without keys',
    { from: '2026-07-01', values: { region: 'us' } },
    { ...usageProduct, pricingGroupKey: null },
    ['body.pricing_group_values'],
  ],
  [
    'an archived product',
    { from: '2026-07-01' },
    { ...usageProduct, archivedAt: day('2026-01-01') },
    ['body.product_id'],
  ],
  [
    'a FLAT subscription without a frequency',
    { from: '2026-07-01' },
    { type: 'SUBSCRIPTION', archivedAt: null, pricingGroupKey: null },
    ['body.billing_frequency'],
  ],
  [
    'a FLAT subscription with a frequency',
    { from: '2026-07-01', frequency: 'MONTHLY' },
    { type: 'SUBSCRIPTION', archivedAt: null, pricingGroupKey: null },
    [],
  ],
  [
    'a commit rate on a usage product',
    {
      from: '2026-07-01',
      commitRate: { rateType: 'FLAT', price: new Dec(1), tiers: null, minimum: null },
    },
    usageProduct,
    [],
  ],
  [
    'a commit rate on a composite product',
    {
      from: '2026-07-01',
      commitRate: { rateType: 'FLAT', price: new Dec(1), tiers: null, minimum: null },
    },
    { type: 'COMPOSITE', archivedAt: null, pricingGroupKey: null },
    ['body.commit_rate'],
  ],
]
for (const [name, sketch, product, expected] of productCases) {
  test(`rate for product: ${name}`, () => {
    assert.deepEqual(fields(checkRateForProduct(newRate(sketch), product)), expected)
  })
}

const alias = (
  rateCardId: string,
  name: string,
  from: string | null = null,
  to: string | null = null,
): RateCardAliasAssignment => ({
  rateCardId,
  name,
  startingAt: from === null ? null : day(from),
  endingBefore: to === null ? null : day(to),
})

// Grandfathering: "standard" names the old card until the new card takes it from March.
const aliases = [
  alias('old', 'standard'),
  alias('old', 'legacy', null, '2026-06-01'),
  alias('new', 'standard', '2026-03-01'),
  alias('promo', 'promo', '2026-01-01', '2026-02-01'),
]
// [case, alias name, instant, expected rate card]
const aliasCases: Array<[string, string, string, string | null]> = [
  ['before a scheduled move', 'standard', '2026-02-28T23:59:59.999Z', 'old'],
  ['from the scheduled start', 'standard', '2026-03-01T00:00:00Z', 'new'],
  ['an alias with an end, before it', 'legacy', '2026-05-31T00:00:00Z', 'old'],
  ['an alias with an end, at it', 'legacy', '2026-06-01T00:00:00Z', null],
  ['before a window', 'promo', '2025-12-31T00:00:00Z', null],
  ['inside a window', 'promo', '2026-01-15T00:00:00Z', 'promo'],
  ['an unknown alias', 'other', '2026-01-15T00:00:00Z', null],
]
for (const [name, aliasName, instant, expected] of aliasCases) {
  test(`alias: ${name}`, () => {
    assert.equal(resolveAlias(aliases, aliasName, at(instant)), expected)
  })
}

test('alias: the most recent assignment wins when windows overlap', () => {
  const reassigned = [alias('b', 'paygo', '2026-03-01'), alias('a', 'paygo')]
  assert.equal(resolveAlias(reassigned, 'paygo', day('2026-04-01')), 'a')
})

test('alias: checks', () => {
  const problems = checkAliases([
    alias('x', 'ok', '2026-01-01', '2026-02-01'),
    alias('x', '', null, null),
    alias('x', 'backwards', '2026-02-01', '2026-01-01'),
  ])
  assert.deepEqual(fields(problems), ['body.aliases[1].name', 'body.aliases[2].ending_before'])
})

// Properties over small random cards: two products, three value sets, hours as the clock.
const hour = (count: number) => new Date(Date.UTC(2026, 0, 1) + count * 3_600_000)
const keys = [
  { product: 'p', values: null },
  { product: 'p', values: { region: 'us' } },
  { product: 'q', values: null },
] as const
const arbitraryCard = fc
  .array(
    fc.record({
      key: fc.integer({ min: 0, max: keys.length - 1 }),
      start: fc.integer({ min: 0, max: 30 }),
      length: fc.option(fc.integer({ min: 1, max: 20 })),
    }),
    { maxLength: 10 },
  )
  .map((rates): RateCard => ({
    rates: rates.map(({ key, start, length }, index) => ({
      ...newRate({ from: '2026-01-01' }),
      id: `r${index}`,
      productId: keys[key]!.product,
      pricingGroupValues: keys[key]!.values,
      startingAt: hour(start),
      endingBefore: length === null ? null : hour(start + length),
      createdAt: hour(0),
    })),
  }))
const arbitrarySplit = fc
  .record({
    start: fc.integer({ min: -2, max: 40 }),
    first: fc.integer({ min: 1, max: 20 }),
    second: fc.option(fc.integer({ min: 1, max: 20 })),
  })
  .map(({ start, first, second }) => ({
    whole: {
      startingAt: hour(start),
      endingBefore: second === null ? null : hour(start + first + second),
    },
    before: { startingAt: hour(start), endingBefore: hour(start + first) },
    after: {
      startingAt: hour(start + first),
      endingBefore: second === null ? null : hour(start + first + second),
    },
  }))
const identity = (segment: RateSegment) => brief(segment) + segment.startingAt.toISOString()
const containing = (segments: RateSegment[], instant: Date, key: (typeof keys)[number]) =>
  segments.filter(
    (segment) =>
      segment.entry.productId === key.product &&
      JSON.stringify(segment.entry.pricingGroupValues) === JSON.stringify(key.values) &&
      segment.startingAt.getTime() <= instant.getTime() &&
      (segment.endingBefore === null || instant.getTime() < segment.endingBefore.getTime()),
  )

test('property: splitting a range changes neither the rate at any instant nor the schedule', () => {
  fc.assert(
    fc.property(arbitraryCard, arbitrarySplit, ({ rates }, { whole, before, after }) => {
      const rateCard = { rates }
      const scheduleOf = (givenRange: TimeRange) => rateSchedule(rateCard, givenRange)
      const [wholeSchedule, beforeSchedule, afterSchedule] = [whole, before, after].map(scheduleOf)
      // The whole schedule is the first part's, then the second part's segments not already in it.
      const seen = new Set(beforeSchedule!.map(identity))
      const joined = [...beforeSchedule!, ...afterSchedule!.filter((s) => !seen.has(identity(s)))]
      assert.deepEqual(wholeSchedule!.map(identity), joined.map(identity))
      // At every half hour of the range, one rate (or none) applies, the same wherever it is read.
      const last = whole.endingBefore?.getTime() ?? hour(60).getTime()
      for (let t = whole.startingAt.getTime(); t < last; t += 1_800_000) {
        const instant = new Date(t)
        const part = t < before.endingBefore.getTime() ? beforeSchedule! : afterSchedule!
        for (const key of keys) {
          const resolved = resolveRate(rateCard, key.product, key.values, instant)
          const inWhole = containing(wholeSchedule!, instant, key)
          const inPart = containing(part, instant, key)
          assert.ok(inWhole.length <= 1, 'at most one rate applies')
          assert.deepEqual(inWhole.map(identity), inPart.map(identity))
          assert.deepEqual(inWhole.map(identity), resolved ? [identity(resolved)] : [])
        }
      }
    }),
    { numRuns: 500 },
  )
})

test('property: the rate at an instant does not depend on the order rates were added', () => {
  fc.assert(
    fc.property(arbitraryCard, fc.integer({ min: -1, max: 55 }), ({ rates }, hours) => {
      // Same-start rates of one key are refused by checkNewRate; keep the first of each.
      const distinct = rates.filter(
        (rate, index) =>
          rates.findIndex(
            (other) =>
              other.productId === rate.productId &&
              JSON.stringify(other.pricingGroupValues) ===
                JSON.stringify(rate.pricingGroupValues) &&
              other.startingAt.getTime() === rate.startingAt.getTime(),
          ) === index,
      )
      const forwards = { rates: distinct }
      const backwards = { rates: [...distinct].reverse() }
      for (const key of keys) {
        const one = resolveRate(forwards, key.product, key.values, hour(hours))
        const other = resolveRate(backwards, key.product, key.values, hour(hours))
        assert.deepEqual(one && identity(one), other && identity(other))
      }
    }),
  )
})
