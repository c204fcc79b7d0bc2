import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, sum } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import { initialSettings, productAsOf, type Product, type ProductType } from '../pricing/product.js'
import type {
  BillingFrequency,
  CommitRateTerms,
  PricingGroupValues,
  RateCard,
  RateCardEntry,
  RateTerms,
  Tier,
  TimeRange,
} from '../pricing/rate-card.js'
import {
  contractRateSchedule,
  resolveContractRate,
  type ContractLine,
  type ContractRate,
  type ContractRateInput,
  type ContractRateScheduleSegment,
} from './contract-rates.js'
import {
  overrideApplies,
  type MultiplierPrioritization,
  type Override,
  type OverrideTier,
} from './overrides.js'

const day = (date: string) => new Date(`${date}T00:00:00Z`)
const OTHER_CREDIT_TYPE_ID = '00000000-0000-4000-8000-000000000001'

const terms = (changes: Partial<RateTerms>): RateTerms => ({
  rateType: 'FLAT',
  price: null,
  tiers: null,
  minimum: null,
  creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
  isProrated: null,
  quantity: null,
  customRate: null,
  ...changes,
})
const flat = (price: string) => terms({ price: new Dec(price) })
const tierList = (...bands: Array<[string | null, string]>): Tier[] =>
  bands.map(([size, price]) => ({
    size: size === null ? null : new Dec(size),
    price: new Dec(price),
  }))
const tiered = (...bands: Array<[string | null, string]>) =>
  terms({ rateType: 'TIERED', tiers: tierList(...bands) })
const flatCommitRate = (price: string): CommitRateTerms => ({
  rateType: 'FLAT',
  price: new Dec(price),
  tiers: null,
  minimum: null,
})

interface RateSketch {
  id: string
  product: string
  from: string
  to?: string
  rate: RateTerms
  entitled?: boolean
  values?: PricingGroupValues
  frequency?: BillingFrequency
  commitRate?: CommitRateTerms
}

function rateCard(...sketches: RateSketch[]): RateCard {
  return {
    rates: sketches.map((sketch): RateCardEntry => ({
      id: sketch.id,
      productId: sketch.product,
      startingAt: day(sketch.from),
      endingBefore: sketch.to ? day(sketch.to) : null,
      entitled: sketch.entitled ?? true,
      pricingGroupValues: sketch.values ?? null,
      billingFrequency: sketch.frequency ?? null,
      rate: sketch.rate,
      commitRate: sketch.commitRate ?? null,
      createdAt: day('2025-12-01'),
    })),
  }
}

function product(
  id: string,
  tags: string[],
  type: ProductType = 'USAGE',
  tagUpdates: Array<[string, string[]]> = [],
): Product {
  return {
    id,
    type,
    initial: initialSettings({ type, name: id, tags }),
    updates: tagUpdates.map(([from, next]) => ({
      startingAt: day(from),
      changes: { tags: next },
      createdAt: day('2025-12-01'),
      createdBy: 'test',
    })),
    customFields: {},
    createdAt: day('2025-12-01'),
    createdBy: 'test',
    archivedAt: null,
  }
}

/** An override on product p for all of 2026, added in `order`; a MULTIPLIER unless told. */
function ov(id: string, order: number, changes: Partial<Override> = {}): Override {
  return {
    id,
    creationOrder: order,
    startingAt: day('2026-01-01'),
    endingBefore: day('2027-01-01'),
    type: 'MULTIPLIER',
    multiplier: null,
    overwriteRate: null,
    tiers: null,
    entitled: null,
    priority: null,
    productId: 'p',
    applicableProductTags: null,
    overrideSpecifiers: null,
    isCommitSpecific: false,
    target: null,
    ...changes,
  }
}
const mult = (id: string, order: number, multiplier: string, changes: Partial<Override> = {}) =>
  ov(id, order, { multiplier: new Dec(multiplier), ...changes })
const overwrite = (id: string, order: number, rate: RateTerms, changes: Partial<Override> = {}) =>
  ov(id, order, { type: 'OVERWRITE', overwriteRate: rate, ...changes })
const overrideTiers = (...bands: Array<[string | null, string]>): OverrideTier[] =>
  bands.map(([size, multiplier]) => ({
    size: size === null ? null : new Dec(size),
    multiplier: new Dec(multiplier),
  }))

// p: 100 from Jan, 120 from Jul, commit rate 80 then 90; t: tiered; s: a subscription product
// not entitled by default; g: priced per region; x: a PERCENTAGE rate with a minimum.
const card = rateCard(
  {
    id: 'p-jan',
    product: 'p',
    from: '2026-01-01',
    rate: flat('100'),
    commitRate: flatCommitRate('80'),
  },
  {
    id: 'p-jul',
    product: 'p',
    from: '2026-07-01',
    rate: flat('120'),
    commitRate: flatCommitRate('90'),
  },
  { id: 't', product: 't', from: '2026-01-01', rate: tiered(['10', '5'], [null, '2']) },
  {
    id: 's-monthly',
    product: 's',
    from: '2026-01-01',
    rate: flat('1000'),
    entitled: false,
    frequency: 'MONTHLY',
  },
  { id: 'g-us', product: 'g', from: '2026-01-01', rate: flat('7'), values: { region: 'us' } },
  { id: 'g-eu', product: 'g', from: '2026-01-01', rate: flat('9'), values: { region: 'eu' } },
  {
    id: 'x',
    product: 'x',
    from: '2026-01-01',
    rate: terms({ rateType: 'PERCENTAGE', price: new Dec('0.1'), minimum: new Dec('500') }),
  },
)

const products = new Map(
  [
    product('p', ['ai', 'audio'], 'USAGE', [['2026-03-01', ['ai', 'audio', 'promo']]]),
    product('t', ['ai']),
    product('s', [], 'SUBSCRIPTION'),
    product('g', ['ai']),
    product('x', []),
    product('q', ['ai']),
  ].map((each) => [each.id, each]),
)

function contract(
  overrides: Override[],
  prioritization: MultiplierPrioritization = 'LOWEST_MULTIPLIER',
): ContractRateInput {
  return { rateCard: card, productsById: products, overrides, prioritization }
}

/** What a reader checks: entitlement, the winning override and the price (or tier prices). */
function outcome(result: ContractRate): string {
  if (!result.entitled || result.rate === null) return 'not entitled'
  return priceOutcome(result.rate, result.multiplierTiers, result.appliedOverride)
}

function priceOutcome(
  rate: RateTerms,
  multiplierTiers: readonly OverrideTier[] | null,
  override: string | null,
): string {
  const bands = multiplierTiers
    ?.map((tier) => `${tier.size?.toString() ?? '∞'}×${tier.multiplier.toString()}`)
    .join(',')
  return `${describeTerms(rate)}${bands ? ` bands ${bands}` : ''} by ${override ?? 'list'}`
}

function describeTerms(rate: RateTerms): string {
  return rate.tiers
    ? `tiers ${rate.tiers.map((tier) => tier.price.toString()).join('/')}`
    : (rate.price?.toString() ?? 'no price')
}

const mid = (month: string) => day(`2026-${month}-15`)
const lineOf = (changes: Partial<ContractLine> = {}): ContractLine => ({
  productId: 'p',
  pricingGroupValues: null,
  ...changes,
})
const drawing = (id: string) => lineOf({ commit: { id } })

// [case, overrides, prioritization, line, instant, expected outcome]
const resolutionCases: Array<
  [string, Override[], MultiplierPrioritization, ContractLine, Date, string]
> = [
  ['no overrides: the list rate', [], 'LOWEST_MULTIPLIER', lineOf(), mid('02'), '100 by list'],
  [
    'a multiplier scales the list rate',
    [mult('m', 1, '0.9')],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '90 by m',
  ],
  [
    'a multiplier follows a list price change',
    [mult('m', 1, '0.9')],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('08'),
    '108 by m',
  ],
  [
    'an overwrite replaces the list rate',
    [overwrite('o', 1, flat('50'))],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '50 by o',
  ],
  [
    'an overwrite ignores a list price change',
    [overwrite('o', 1, flat('50'))],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('08'),
    '50 by o',
  ],
  [
    'an overwrite beats a multiplier, even a cheaper one added later',
    [overwrite('o', 1, flat('50')), mult('m', 2, '0.1')],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '50 by o',
  ],
  [
    'among overwrites the last added wins, whatever the list order',
    [overwrite('o2', 2, flat('60')), overwrite('o1', 1, flat('40'))],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '60 by o2',
  ],
  [
    'LOWEST_MULTIPLIER: the smallest multiplier wins',
    [mult('m8', 1, '0.8'), mult('m9', 2, '0.9')],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '80 by m8',
  ],
  [
    'LOWEST_MULTIPLIER: a tie goes to the last added',
    [mult('later', 2, '0.8'), mult('earlier', 1, '0.8')],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '80 by later',
  ],
  [
    'LOWEST_MULTIPLIER: ignores priority',
    [mult('m8', 1, '0.8', { priority: 9 }), mult('m9', 2, '0.9', { priority: 1 })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '80 by m8',
  ],
  [
    'EXPLICIT: the lowest priority value wins, not the lowest multiplier',
    [mult('cheap', 1, '0.5', { priority: 2 }), mult('first', 2, '0.95', { priority: 1 })],
    'EXPLICIT',
    lineOf(),
    mid('02'),
    '95 by first',
  ],
  [
    'EXPLICIT: a priority tie goes to the last added',
    [mult('later', 2, '0.7', { priority: 1 }), mult('earlier', 1, '0.6', { priority: 1 })],
    'EXPLICIT',
    lineOf(),
    mid('02'),
    '70 by later',
  ],
  [
    'EXPLICIT: an overwrite still beats every multiplier',
    [mult('m', 1, '0.5', { priority: 1 }), overwrite('o', 2, flat('99'))],
    'EXPLICIT',
    lineOf(),
    mid('02'),
    '99 by o',
  ],
  [
    'EXPLICIT: a TIERED override by priority returns its bands over the list rate',
    [
      mult('m', 1, '0.5', { priority: 2 }),
      ov('tiered', 2, {
        type: 'TIERED',
        priority: 1,
        tiers: overrideTiers(['10', '0.8'], [null, '0.7']),
      }),
    ],
    'EXPLICIT',
    lineOf(),
    mid('02'),
    '100 bands 10×0.8,∞×0.7 by tiered',
  ],
  [
    'a multiplier scales every tier price of a tiered rate',
    [mult('m', 1, '0.5', { productId: 't' })],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 't' }),
    mid('02'),
    'tiers 2.5/1 by m',
  ],
  [
    'an override outside its window does nothing (end exclusive)',
    [mult('m', 1, '0.9', { endingBefore: day('2026-02-15') })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '100 by list',
  ],
  [
    'an override for another product does nothing',
    [mult('m', 1, '0.9', { productId: 'q' })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '100 by list',
  ],
  [
    'tags are read as of the instant: not yet promo',
    [mult('promo', 1, '0.5', { productId: null, applicableProductTags: ['promo'] })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '100 by list',
  ],
  [
    'tags are read as of the instant: promo from March',
    [mult('promo', 1, '0.5', { productId: null, applicableProductTags: ['promo'] })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('03'),
    '50 by promo',
  ],
  [
    'a pricing-group override reaches only its group',
    [
      mult('us', 1, '0.5', {
        productId: null,
        overrideSpecifiers: [{ productId: 'g', pricingGroupValues: { region: 'us' } }],
      }),
    ],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 'g', pricingGroupValues: { region: 'eu' } }),
    mid('02'),
    '9 by list',
  ],
  [
    'commit-specific: (1) its overwrite beats a contract overwrite',
    [
      overwrite('contract', 2, flat('50')),
      overwrite('commit', 1, flat('30'), { isCommitSpecific: true }),
    ],
    'LOWEST_MULTIPLIER',
    drawing('c1'),
    mid('02'),
    '30 by commit',
  ],
  [
    'commit-specific: (2) its multiplier beats a contract overwrite',
    [overwrite('contract', 2, flat('50')), mult('commit', 1, '0.9', { isCommitSpecific: true })],
    'LOWEST_MULTIPLIER',
    drawing('c1'),
    mid('02'),
    '90 by commit',
  ],
  [
    'commit-specific: (1) beats (2)',
    [
      mult('commit-m', 2, '0.1', { isCommitSpecific: true }),
      overwrite('commit-o', 1, flat('70'), { isCommitSpecific: true }),
    ],
    'LOWEST_MULTIPLIER',
    drawing('c1'),
    mid('02'),
    '70 by commit-o',
  ],
  [
    'commit-specific multipliers follow the contract’s prioritization',
    [
      mult('a', 1, '0.5', { isCommitSpecific: true, priority: 2 }),
      mult('b', 2, '0.9', { isCommitSpecific: true, priority: 1 }),
    ],
    'EXPLICIT',
    drawing('c1'),
    mid('02'),
    '90 by b',
  ],
  [
    'commit-specific: not when no commit is drawn down',
    [overwrite('contract', 1, flat('50')), mult('commit', 2, '0.9', { isCommitSpecific: true })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    '50 by contract',
  ],
  [
    'commit-specific: not for another commit',
    [
      mult('contract', 1, '0.8'),
      mult('commit', 2, '0.9', {
        isCommitSpecific: true,
        productId: null,
        overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'] }],
      }),
    ],
    'LOWEST_MULTIPLIER',
    drawing('c2'),
    mid('02'),
    '80 by contract',
  ],
  [
    'commit-specific: not on a rate with a minimum',
    [mult('commit', 1, '0.5', { isCommitSpecific: true, productId: 'x' })],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 'x', commit: { id: 'c1' } }),
    mid('02'),
    '0.1 by list',
  ],
  [
    'no entitlement on the card: nothing is billed, overrides or not',
    [mult('m', 1, '0.5', { productId: 's' })],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 's', billingFrequency: 'MONTHLY' }),
    mid('02'),
    'not entitled',
  ],
  [
    'an entitlement override enables a rate for its window',
    [
      ov('enable', 1, {
        type: null,
        entitled: true,
        productId: null,
        overrideSpecifiers: [{ productId: 's', billingFrequency: 'MONTHLY' }],
        startingAt: day('2026-02-01'),
        endingBefore: day('2026-04-01'),
      }),
    ],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 's', billingFrequency: 'MONTHLY' }),
    mid('02'),
    '1000 by list',
  ],
  [
    'an entitlement override outside its window',
    [
      ov('enable', 1, {
        type: null,
        entitled: true,
        productId: 's',
        startingAt: day('2026-02-01'),
        endingBefore: day('2026-04-01'),
      }),
    ],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 's', billingFrequency: 'MONTHLY' }),
    mid('04'),
    'not entitled',
  ],
  [
    'entitlement: the override added last decides',
    [ov('off', 2, { type: null, entitled: false }), ov('on', 1, { type: null, entitled: true })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    mid('02'),
    'not entitled',
  ],
  [
    'entitlement: a priced override may enable and price at once',
    [mult('both', 1, '0.5', { productId: 's', entitled: true })],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 's', billingFrequency: 'MONTHLY' }),
    mid('02'),
    '500 by both',
  ],
  [
    'entitlement: a commit-specific override does not switch it',
    [ov('off', 1, { type: null, entitled: false, isCommitSpecific: true })],
    'LOWEST_MULTIPLIER',
    drawing('c1'),
    mid('02'),
    '100 by list',
  ],
  [
    'no rate on the card: nothing to override or entitle',
    [overwrite('o', 1, flat('5'), { productId: 'q', entitled: true })],
    'LOWEST_MULTIPLIER',
    lineOf({ productId: 'q' }),
    mid('02'),
    'not entitled',
  ],
  [
    'before the rate card’s first rate',
    [mult('m', 1, '0.9', { startingAt: day('2025-01-01') })],
    'LOWEST_MULTIPLIER',
    lineOf(),
    day('2025-06-01'),
    'not entitled',
  ],
]
for (const [name, overrides, prioritization, line, at, expected] of resolutionCases) {
  test(`resolve: ${name}`, () => {
    const result = resolveContractRate({ ...contract(overrides, prioritization), line }, at)
    assert.equal(outcome(result), expected)
  })
}

test('resolve: an overwrite without a credit type keeps the list rate’s; with one, its own', () => {
  const bare = { ...flat('5'), creditTypeId: null }
  const inherit = resolveContractRate(
    { ...contract([overwrite('o', 1, bare)]), line: lineOf() },
    mid('02'),
  )
  assert.equal(inherit.rate?.creditTypeId, USD_CENTS_CREDIT_TYPE_ID)
  const own = { ...flat('5'), creditTypeId: OTHER_CREDIT_TYPE_ID }
  const explicit = resolveContractRate(
    { ...contract([overwrite('o', 1, own)]), line: lineOf() },
    mid('02'),
  )
  assert.equal(explicit.rate?.creditTypeId, OTHER_CREDIT_TYPE_ID)
})

test('resolve: the answer names the list segment and the entitlement source', () => {
  const enable = ov('enable', 1, { type: null, entitled: true, productId: 's' })
  const result = resolveContractRate(
    { ...contract([enable]), line: lineOf({ productId: 's', billingFrequency: 'MONTHLY' }) },
    mid('02'),
  )
  assert.equal(result.listRate?.entry.id, 's-monthly')
  assert.equal(result.entitledBy, 'enable')
  assert.equal(result.commitRate, undefined, 'no commit, no commit rate')
})

// WE-18 (semantics, "Commit-specific overrides and commit rates").
const tokens = rateCard(
  {
    id: 'in',
    product: 'audio-in',
    from: '2026-01-01',
    rate: flat('10'),
    commitRate: flatCommitRate('8'),
  },
  {
    id: 'out',
    product: 'audio-out',
    from: '2026-01-01',
    rate: flat('20'),
    commitRate: flatCommitRate('19'),
  },
)
const audioProducts = new Map(
  [product('audio-in', ['audio']), product('audio-out', ['audio'])].map((each) => [each.id, each]),
)
const onAudio = { productId: null, applicableProductTags: ['audio'] }

test('WE-18: a commit-specific COMMIT_RATE multiplier and a contract LIST_RATE multiplier', () => {
  const overrides = [
    mult('commit-a', 1, '0.9', {
      isCommitSpecific: true,
      target: 'COMMIT_RATE',
      productId: null,
      overrideSpecifiers: [{ productTags: ['audio'], commitIds: ['A'] }],
    }),
    mult('contract', 2, '0.8', onAudio),
  ]
  const input = {
    rateCard: tokens,
    productsById: audioProducts,
    overrides,
    prioritization: 'LOWEST_MULTIPLIER' as const,
  }
  const price = (productId: string, commit: string | null) =>
    resolveContractRate(
      {
        ...input,
        line: { productId, pricingGroupValues: null, commit: commit ? { id: commit } : null },
      },
      mid('02'),
    )
  // Usage burning commit A (which uses COMMIT_RATE) pays the commit rate × 0.9.
  assert.equal(price('audio-in', 'A').commitRate?.rate.price?.toString(), '7.2')
  assert.equal(price('audio-out', 'A').commitRate?.rate.price?.toString(), '17.1')
  assert.equal(price('audio-in', 'A').commitRate?.appliedOverride, 'commit-a')
  // Usage not burning a commit pays the list rate × 0.8.
  assert.equal(price('audio-in', null).rate?.price?.toString(), '8')
  assert.equal(price('audio-out', null).rate?.price?.toString(), '16')
  // Another COMMIT_RATE commit pays the card's commit rate: contract overrides are list-only.
  assert.equal(price('audio-in', 'B').commitRate?.rate.price?.toString(), '8')
  assert.equal(price('audio-in', 'B').commitRate?.appliedOverride, null)
})

test('WE-18, second variant: commit-specific 0.8 on list rates beats the contract 0.95', () => {
  const listOnly = rateCard(
    { id: 'in', product: 'audio-in', from: '2026-01-01', rate: flat('1') },
    { id: 'out', product: 'audio-out', from: '2026-01-01', rate: flat('2') },
  )
  const overrides = [
    mult('all-audio', 1, '0.95', onAudio),
    mult('commit-a', 2, '0.8', {
      isCommitSpecific: true,
      productId: null,
      overrideSpecifiers: [{ productTags: ['audio'], commitIds: ['A'] }],
    }),
  ]
  const input = {
    rateCard: listOnly,
    productsById: audioProducts,
    overrides,
    prioritization: 'LOWEST_MULTIPLIER' as const,
  }
  const price = (productId: string, commit: string | null) =>
    resolveContractRate(
      {
        ...input,
        line: { productId, pricingGroupValues: null, commit: commit ? { id: commit } : null },
      },
      mid('02'),
    )
  assert.equal(price('audio-in', 'A').rate?.price?.toString(), '0.8')
  assert.equal(price('audio-out', 'A').rate?.price?.toString(), '1.6')
  assert.equal(price('audio-in', null).rate?.price?.toString(), '0.95')
  assert.equal(price('audio-out', null).rate?.price?.toString(), '1.9')
  // No commit rate on the card: a COMMIT_RATE commit pays what a LIST_RATE commit pays.
  assert.equal(price('audio-in', 'A').commitRate?.rate.price?.toString(), '0.8')
})

/** Graduated bands over a quantity: each band's units at that band's multiplier. */
function bandedAmount(unitPrice: Dec, bands: readonly OverrideTier[], quantity: Dec): Dec {
  let remaining = quantity
  const parts: Dec[] = []
  for (const band of bands) {
    const units = band.size === null ? remaining : Dec.min(band.size, remaining)
    parts.push(units.times(unitPrice).times(band.multiplier))
    remaining = remaining.minus(units)
  }
  return sum(parts)
}

test('WE-17: a 0.9 multiplier and a tiered override, 25 uses at $1.00', () => {
  const dollar = rateCard({ id: 'use', product: 'p', from: '2026-01-01', rate: flat('100') })
  const base = { rateCard: dollar, productsById: products, line: lineOf() }
  const uses = new Dec(25)

  const multiplied = resolveContractRate(
    { ...base, overrides: [mult('m', 1, '0.9')], prioritization: 'LOWEST_MULTIPLIER' },
    mid('02'),
  )
  assert.equal(multiplied.rate?.price?.times(uses).toString(), '2250')

  const bands = overrideTiers(['10', '0.8'], ['10', '0.7'], [null, '1.0'])
  const tieredOverride = ov('t', 1, { type: 'TIERED', priority: 1, tiers: bands })
  const banded = resolveContractRate(
    { ...base, overrides: [tieredOverride], prioritization: 'EXPLICIT' },
    mid('02'),
  )
  assert.equal(banded.appliedOverride, 't')
  const amount = bandedAmount(banded.rate!.price!, banded.multiplierTiers!, uses)
  assert.equal(amount.toString(), '2000')
})

test('resolve: states the checks refuse are bugs and throw', () => {
  const tieredOverride = ov('t', 1, {
    type: 'TIERED',
    priority: 1,
    tiers: overrideTiers([null, '1']),
  })
  assert.throws(
    () =>
      resolveContractRate(
        { ...contract([tieredOverride, mult('m', 2, '0.5')]), line: lineOf() },
        mid('02'),
      ),
    /LOWEST_MULTIPLIER/,
  )
  assert.throws(
    () =>
      resolveContractRate(
        { ...contract([mult('a', 1, '0.5'), mult('b', 2, '0.6')], 'EXPLICIT'), line: lineOf() },
        mid('02'),
      ),
    /no priority/,
  )
})

// ---------------------------------------------------------------- schedule

const range = (from: string, to: string | null): TimeRange => ({
  startingAt: day(from),
  endingBefore: to === null ? null : day(to),
})

const iso = (date: Date | null) => date?.toISOString().slice(0, 10) ?? ''
const describeSegment = (segment: ContractRateScheduleSegment) =>
  `${segment.listRate.entry.id} ${iso(segment.startingAt)}..${iso(segment.endingBefore)} ` +
  `${describeTerms(segment.rate)} by ${segment.override ?? 'list'}`

// [case, overrides, range, selectors, expected segments]
const scheduleCases: Array<
  [string, Override[], TimeRange, Parameters<typeof contractRateSchedule>[2], string[]]
> = [
  [
    'the rate card alone',
    [],
    range('2026-01-01', null),
    [{ productId: 'p' }],
    ['p-jan 2026-01-01..2026-07-01 100 by list', 'p-jul 2026-07-01.. 120 by list'],
  ],
  [
    'an override window cuts a list segment in three',
    [mult('m', 1, '0.9', { startingAt: day('2026-03-01'), endingBefore: day('2026-05-01') })],
    range('2026-01-01', null),
    [{ productId: 'p' }],
    [
      'p-jan 2026-01-01..2026-03-01 100 by list',
      'p-jan 2026-03-01..2026-05-01 90 by m',
      'p-jan 2026-05-01..2026-07-01 100 by list',
      'p-jul 2026-07-01.. 120 by list',
    ],
  ],
  [
    'segments keep their own bounds: a range inside one returns it whole',
    [mult('m', 1, '0.9', { startingAt: day('2026-03-01'), endingBefore: day('2026-05-01') })],
    range('2026-03-15', '2026-03-16'),
    [{ productId: 'p' }],
    ['p-jan 2026-03-01..2026-05-01 90 by m'],
  ],
  [
    'a multiplier across a list change: two segments, both by it',
    [mult('m', 1, '0.5', { endingBefore: null })],
    range('2026-01-01', null),
    [{ productId: 'p' }],
    ['p-jan 2026-01-01..2026-07-01 50 by m', 'p-jul 2026-07-01.. 60 by m'],
  ],
  [
    'an override that never wins does not cut',
    [
      overwrite('o', 1, flat('50'), {
        startingAt: day('2026-03-01'),
        endingBefore: day('2026-05-01'),
      }),
      mult('m', 2, '0.9', { startingAt: day('2026-04-01'), endingBefore: day('2026-06-01') }),
    ],
    range('2026-01-01', '2026-07-01'),
    [{ productId: 'p' }],
    [
      'p-jan 2026-01-01..2026-03-01 100 by list',
      'p-jan 2026-03-01..2026-05-01 50 by o',
      'p-jan 2026-05-01..2026-06-01 90 by m',
      'p-jan 2026-06-01..2026-07-01 100 by list',
    ],
  ],
  [
    'a tag change cuts where a tag-targeted override starts to apply',
    [mult('promo', 1, '0.5', { productId: null, applicableProductTags: ['promo'] })],
    range('2026-01-01', '2026-07-01'),
    [{ productId: 'p' }],
    ['p-jan 2026-01-01..2026-03-01 100 by list', 'p-jan 2026-03-01..2026-07-01 50 by promo'],
  ],
  [
    'an exclusion leaves the products carrying its tags at the list rate',
    [
      mult('m', 1, '0.5', {
        productId: null,
        overrideSpecifiers: [{ productTags: ['ai'], exclude: [{ productTags: ['audio'] }] }],
      }),
    ],
    range('2026-01-01', '2026-02-01'),
    [],
    [
      'p-jan 2026-01-01..2026-07-01 100 by list',
      't 2026-01-01..2027-01-01 tiers 2.5/1 by m',
      'g-us 2026-01-01..2027-01-01 3.5 by m',
      'g-eu 2026-01-01..2027-01-01 4.5 by m',
      'x 2026-01-01.. 0.1 by list',
    ],
  ],
  [
    'a tag change cuts where an exclusion (the only use of tags) starts to apply',
    [
      mult('m', 1, '0.5', {
        productId: null,
        overrideSpecifiers: [{ productId: 'p', exclude: [{ productTags: ['promo'] }] }],
      }),
    ],
    range('2026-01-01', '2026-07-01'),
    [{ productId: 'p' }],
    ['p-jan 2026-01-01..2026-03-01 50 by m', 'p-jan 2026-03-01..2026-07-01 100 by list'],
  ],
  [
    'an exclusion on pricing-group lines: the rows with group values follow it too',
    [
      mult('m', 1, '0.5', {
        productId: null,
        overrideSpecifiers: [
          { pricingGroupValues: { region: 'us' }, exclude: [{ productTags: ['ai'] }] },
          { pricingGroupValues: { region: 'eu' } },
        ],
      }),
    ],
    range('2026-01-01', '2026-02-01'),
    [{ productId: 'g' }],
    ['g-us 2026-01-01.. 7 by list', 'g-eu 2026-01-01..2027-01-01 4.5 by m'],
  ],
  [
    'only entitled rates: a subscription enabled for a window',
    [
      ov('enable', 1, {
        type: null,
        entitled: true,
        productId: 's',
        startingAt: day('2026-02-01'),
        endingBefore: day('2026-04-01'),
      }),
    ],
    range('2026-01-01', null),
    [{ productId: 's' }],
    ['s-monthly 2026-02-01..2026-04-01 1000 by list'],
  ],
  [
    'a disabled window is left out',
    [
      ov('off', 1, {
        type: null,
        entitled: false,
        startingAt: day('2026-02-01'),
        endingBefore: day('2026-03-01'),
      }),
    ],
    range('2026-01-01', '2026-07-01'),
    [{ productId: 'p' }],
    ['p-jan 2026-01-01..2026-02-01 100 by list', 'p-jan 2026-03-01..2026-07-01 100 by list'],
  ],
  [
    'selectors by tags and partial pricing group values',
    [],
    range('2026-01-01', '2026-02-01'),
    [{ productTags: ['ai'], partialPricingGroupValues: { region: 'us' } }],
    ['g-us 2026-01-01.. 7 by list'],
  ],
  [
    'no selectors: every entitled rate, by start then card order',
    [],
    range('2026-01-01', '2026-02-01'),
    [],
    [
      'p-jan 2026-01-01..2026-07-01 100 by list',
      't 2026-01-01.. tiers 5/2 by list',
      'g-us 2026-01-01.. 7 by list',
      'g-eu 2026-01-01.. 9 by list',
      'x 2026-01-01.. 0.1 by list',
    ],
  ],
]
for (const [name, overrides, window, selectors, expected] of scheduleCases) {
  test(`schedule: ${name}`, () => {
    const schedule = contractRateSchedule(contract(overrides), window, selectors)
    assert.deepEqual(schedule.map(describeSegment), expected)
  })
}

test('schedule: a segment carries the card’s commit rate and the override’s bands', () => {
  const bands = overrideTiers(['10', '0.5'], [null, '1'])
  const [segment] = contractRateSchedule(
    contract([ov('t', 1, { type: 'TIERED', priority: 1, tiers: bands })], 'EXPLICIT'),
    range('2026-01-01', '2026-02-01'),
    [{ productId: 'p' }],
  )
  assert.equal(segment?.commitRate?.price?.toString(), '80')
  assert.equal(segment?.multiplierTiers?.length, 2)
  assert.equal(segment?.entitled, true)
})

// ---------------------------------------------------------------- properties

const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']
const monthStart = (index: number) =>
  index >= 12 ? day('2027-01-01') : day(`2026-${months[index]}-01`)

const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean())
  .map(([start, length, open]) => ({
    startingAt: monthStart(start),
    endingBefore: open ? null : monthStart(Math.min(start + length, 13)),
  }))

const targetingArb = fc.oneof(
  fc.constantFrom('p', 'q', 't').map((productId) => ({ productId })),
  fc.constant({ productId: null, applicableProductTags: ['promo'] }),
  fc.constant({ productId: null, overrideSpecifiers: [{ productTags: ['ai'] }] }),
)

/** Overrides of every kind; `index` gives distinct creation orders. */
const overrideArb = (explicit: boolean) =>
  fc
    .record({
      window: windowArb,
      targeting: targetingArb,
      kind: fc.constantFrom(
        ...(explicit
          ? (['MULTIPLIER', 'OVERWRITE', 'TIERED', 'ENTITLEMENT'] as const)
          : (['MULTIPLIER', 'OVERWRITE', 'ENTITLEMENT'] as const)),
      ),
      multiplier: fc.integer({ min: 0, max: 20 }).map((tenths) => new Dec(tenths).div(10)),
      price: fc.integer({ min: 0, max: 500 }).map((cents) => new Dec(cents)),
      priority: fc.integer({ min: 1, max: 3 }),
      entitled: fc.option(fc.boolean(), { nil: null }),
      isCommitSpecific: fc.boolean(),
    })
    .map((drawn) => (index: number): Override => {
      const type = drawn.kind === 'ENTITLEMENT' ? null : drawn.kind
      return ov(`o${index}`, index, {
        ...drawn.window,
        ...drawn.targeting,
        type,
        multiplier: type === 'MULTIPLIER' ? drawn.multiplier : null,
        overwriteRate: type === 'OVERWRITE' ? flat(drawn.price.toString()) : null,
        tiers:
          type === 'TIERED' ? overrideTiers(['5', drawn.multiplier.toString()], [null, '1']) : null,
        priority: drawn.priority,
        entitled: type === null ? (drawn.entitled ?? true) : drawn.entitled,
        isCommitSpecific: drawn.isCommitSpecific,
      })
    })

const overridesArb = fc.boolean().chain((explicit) =>
  fc.record({
    prioritization: fc.constant<MultiplierPrioritization>(
      explicit ? 'EXPLICIT' : 'LOWEST_MULTIPLIER',
    ),
    overrides: fc
      .array(overrideArb(explicit), { maxLength: 8 })
      .map((makers) => makers.map((make, index) => make(index + 1))),
  }),
)

const instantArb = fc
  .integer({ min: day('2025-12-01').getTime(), max: day('2027-02-01').getTime() })
  .map((ms) => new Date(ms))

const lineArb = fc.record({
  productId: fc.constantFrom('p', 't', 'q'),
  pricingGroupValues: fc.constant(null),
  commit: fc.option(fc.constantFrom({ id: 'c1' }, { id: 'c2' }), { nil: null }),
})

const sameResult = (a: ContractRate, b: ContractRate) => {
  assert.equal(outcome(a), outcome(b))
  assert.equal(a.commitRate?.appliedOverride, b.commitRate?.appliedOverride)
}

test('property: zero or one override applies, whatever the order of the overrides', () => {
  fc.assert(
    fc.property(
      overridesArb,
      lineArb,
      instantArb,
      fc.array(fc.nat()),
      ({ overrides, prioritization }, line, at, seeds) => {
        const input = { ...contract(overrides, prioritization), line }
        const result = resolveContractRate(input, at)
        const context = {
          at,
          productId: line.productId,
          productTags: productAsOf(products.get(line.productId)!, at).tags,
          pricingGroupValues: null,
          commit: line.commit,
        }
        // Price overrides competing for the list rate: one of them wins whenever any exists.
        const competing = overrides.filter(
          (override) =>
            override.type !== null &&
            overrideApplies(override, context) &&
            (override.target ?? 'LIST_RATE') === 'LIST_RATE',
        )
        if (result.rate === null || competing.length === 0) {
          assert.equal(result.appliedOverride, null)
        } else {
          assert.ok(competing.some((override) => override.id === result.appliedOverride))
        }
        // Reordering the list changes nothing: creation order, not position, breaks ties.
        const shuffled = [...overrides].sort(
          (a, b) => (seeds[a.creationOrder] ?? 0) - (seeds[b.creationOrder] ?? 0),
        )
        sameResult(resolveContractRate({ ...input, overrides: shuffled.reverse() }, at), result)
        // Overrides for a product the line is not are irrelevant, wherever they are added.
        const unrelated = [
          overwrite('u1', 100, flat('1'), { productId: 'zzz' }),
          mult('u2', 0, '0', { productId: 'zzz', priority: 1 }),
        ]
        sameResult(
          resolveContractRate({ ...input, overrides: [...unrelated, ...shuffled] }, at),
          result,
        )
      },
    ),
    { numRuns: 300 },
  )
})

/** Segments of one schedule or of several, joined: the same segment listed once. */
function joined(...schedules: ContractRateScheduleSegment[][]): string[] {
  const described = schedules
    .flat()
    .map(
      (segment) =>
        `${segment.startingAt.toISOString()} ${describeSegment(segment)} ${JSON.stringify(
          segment.pricingGroupValues,
        )}`,
    )
  return [...new Set(described)].sort()
}

test('property: the schedule of a range is the schedule of its parts, re-joined', () => {
  fc.assert(
    fc.property(overridesArb, instantArb, instantArb, instantArb, (contractTerms, a, b, c) => {
      const [start, split, end] = [a, b, c].sort((x, y) => x.getTime() - y.getTime()) as [
        Date,
        Date,
        Date,
      ]
      const input = contract(contractTerms.overrides, contractTerms.prioritization)
      const whole = contractRateSchedule(input, { startingAt: start, endingBefore: end })
      const left = contractRateSchedule(input, { startingAt: start, endingBefore: split })
      const right = contractRateSchedule(input, { startingAt: split, endingBefore: end })
      assert.deepEqual(joined(left, right), joined(whole))
    }),
    { numRuns: 200 },
  )
})

test('property: at every instant the schedule shows what resolveContractRate answers', () => {
  fc.assert(
    fc.property(
      overridesArb,
      instantArb,
      fc.constantFrom('p', 't', 'q'),
      (terms, at, productId) => {
        const input = contract(terms.overrides, terms.prioritization)
        const schedule = contractRateSchedule(
          input,
          { startingAt: day('2025-01-01'), endingBefore: null },
          [{ productId }],
        )
        const covering = schedule.filter(
          (segment) =>
            segment.startingAt.getTime() <= at.getTime() &&
            (segment.endingBefore === null || at.getTime() < segment.endingBefore.getTime()),
        )
        const resolved = resolveContractRate(
          { ...input, line: { productId, pricingGroupValues: null } },
          at,
        )
        assert.ok(covering.length <= 1, 'segments of one rate never overlap')
        const segment = covering[0]
        assert.equal(
          segment
            ? priceOutcome(segment.rate, segment.multiplierTiers, segment.override)
            : 'not entitled',
          outcome(resolved),
        )
        // Neighbouring segments of one list rate differ: each is a maximal stretch of one price.
        schedule.forEach((current, index) => {
          const next = schedule[index + 1]
          if (
            next &&
            next.listRate === current.listRate &&
            next.startingAt.getTime() === current.endingBefore?.getTime()
          ) {
            assert.notEqual(next.override, current.override)
          }
        })
      },
    ),
    { numRuns: 200 },
  )
})

const decimalArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, places]) => new Dec(units).div(new Dec(10).pow(places)))

test('property: a MULTIPLIER of 1 reproduces the list rate exactly', () => {
  const listArb = fc.oneof(
    decimalArb.map((price) => terms({ price })),
    fc.array(fc.tuple(decimalArb, decimalArb), { minLength: 1, maxLength: 4 }).map((bands) =>
      terms({
        rateType: 'TIERED',
        tiers: bands.map(([size, price], index) => ({
          size: index === bands.length - 1 ? null : size.plus(1),
          price,
        })),
      }),
    ),
  )
  fc.assert(
    fc.property(listArb, (list) => {
      const input = {
        rateCard: rateCard({ id: 'r', product: 'p', from: '2026-01-01', rate: list }),
        productsById: products,
        overrides: [mult('one', 1, '1')],
        prioritization: 'LOWEST_MULTIPLIER' as const,
        line: lineOf(),
      }
      const { rate, appliedOverride } = resolveContractRate(input, mid('02'))
      assert.equal(appliedOverride, 'one')
      assert.equal(rate?.rateType, list.rateType)
      if (list.price) assert.ok(rate?.price?.eq(list.price))
      else assert.equal(rate?.price, null)
      assert.equal(rate?.tiers?.length, list.tiers?.length)
      list.tiers?.forEach((tier, index) => {
        const same = rate!.tiers![index]!
        assert.ok(same.price.eq(tier.price))
        assert.equal(same.size?.toString(), tier.size?.toString())
      })
    }),
    { numRuns: 300 },
  )
})
