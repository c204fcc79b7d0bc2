import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import type { RateTerms } from '../pricing/rate-card.js'
import {
  checkOverrides,
  overrideApplies,
  type MultiplierPrioritization,
  type NewOverride,
  type OverrideLineContext,
  type OverrideSpecifier,
  type OverrideTier,
} from './overrides.js'

const day = (date: string) => new Date(`${date}T00:00:00Z`)

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

/** A MULTIPLIER 0.9 on product p for 2026, unless told otherwise. */
function override(changes: Partial<NewOverride> = {}): NewOverride {
  return {
    startingAt: day('2026-01-01'),
    endingBefore: day('2027-01-01'),
    type: 'MULTIPLIER',
    multiplier: new Dec('0.9'),
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

/** Product p tagged [ai, audio], region=us, model=large, no commit, mid-2026. */
function line(changes: Partial<OverrideLineContext> = {}): OverrideLineContext {
  return {
    at: day('2026-06-01'),
    productId: 'p',
    productTags: ['ai', 'audio'],
    pricingGroupValues: { region: 'us', model: 'large' },
    presentationGroupValues: { user: 'ann' },
    billingFrequency: null,
    commit: null,
    ...changes,
  }
}

const untargeted = { productId: null } as const

// [case, override, line, applies]
const targetingCases: Array<[string, NewOverride, OverrideLineContext, boolean]> = [
  ['product_id matches its product', override(), line(), true],
  ['product_id does not match another product', override(), line({ productId: 'q' }), false],
  ['the start is inclusive', override(), line({ at: day('2026-01-01') }), true],
  ['the end is exclusive', override(), line({ at: day('2027-01-01') }), false],
  ['before the start', override(), line({ at: new Date('2025-12-31T23:59:59.999Z') }), false],
  [
    'no end runs on forever',
    override({ endingBefore: null }),
    line({ at: day('2099-01-01') }),
    true,
  ],
  [
    'applicable_product_tags match any one tag',
    override({ ...untargeted, applicableProductTags: ['video', 'audio'] }),
    line(),
    true,
  ],
  [
    'applicable_product_tags with no common tag',
    override({ ...untargeted, applicableProductTags: ['video'] }),
    line(),
    false,
  ],
  [
    'product_id and applicable_product_tags must both match',
    override({ applicableProductTags: ['video'] }),
    line(),
    false,
  ],
  ['an override that names nothing targets nothing', override(untargeted), line(), false],
  [
    'a specifier’s product_tags need every tag',
    override({ ...untargeted, overrideSpecifiers: [{ productTags: ['ai', 'audio'] }] }),
    line(),
    true,
  ],
  [
    'a specifier’s product_tags with one tag missing',
    override({ ...untargeted, overrideSpecifiers: [{ productTags: ['ai', 'video'] }] }),
    line(),
    false,
  ],
  [
    'specifiers are alternatives: any one may match',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'q' }, { productTags: ['audio'] }],
    }),
    line(),
    true,
  ],
  [
    'fields of one specifier must all match',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', pricingGroupValues: { region: 'eu' } }],
    }),
    line(),
    false,
  ],
  [
    'pricing group values may be a subset of the line’s',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', pricingGroupValues: { region: 'us' } }],
    }),
    line(),
    true,
  ],
  [
    'pricing group values the line lacks',
    override({
      ...untargeted,
      overrideSpecifiers: [{ pricingGroupValues: { region: 'us' } }],
    }),
    line({ pricingGroupValues: null }),
    false,
  ],
  [
    'presentation group values must be on the line',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', presentationGroupValues: { user: 'ann' } }],
    }),
    line(),
    true,
  ],
  [
    'presentation group values of another user',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', presentationGroupValues: { user: 'bob' } }],
    }),
    line(),
    false,
  ],
  [
    'presentation group values on a line without any',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', presentationGroupValues: { user: 'ann' } }],
    }),
    line({ presentationGroupValues: null }),
    false,
  ],
  [
    'billing frequency targets that subscription rate',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', billingFrequency: 'ANNUAL' }],
    }),
    line({ billingFrequency: 'ANNUAL' }),
    true,
  ],
  [
    'billing frequency does not target another frequency',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', billingFrequency: 'ANNUAL' }],
    }),
    line({ billingFrequency: 'MONTHLY' }),
    false,
  ],
  [
    'a top-level product_id reaches every billing frequency',
    override(),
    line({ billingFrequency: 'MONTHLY' }),
    true,
  ],
  [
    'commit-specific: not while no commit is drawn down',
    override({ isCommitSpecific: true }),
    line(),
    false,
  ],
  [
    'commit-specific without commit ids: any commit',
    override({ isCommitSpecific: true }),
    line({ commit: { id: 'c1' } }),
    true,
  ],
  [
    'commit-specific: a named commit',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'] }],
    }),
    line({ commit: { id: 'c1' } }),
    true,
  ],
  [
    'commit-specific: another commit',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'] }],
    }),
    line({ commit: { id: 'c2' } }),
    false,
  ],
  [
    'commit-specific: a commit of a named recurring commit',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', recurringCommitIds: ['rc'] }],
    }),
    line({ commit: { id: 'c7', recurringCommitId: 'rc' } }),
    true,
  ],
  [
    'commit-specific: commit_ids or recurring_commit_ids, either names the commit',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'], recurringCommitIds: ['rc'] }],
    }),
    line({ commit: { id: 'c7', recurringCommitId: 'rc' } }),
    true,
  ],
  [
    'commit-specific: any_commit_or_credit_ids names a recurring credit',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', anyCommitOrCreditIds: ['rcr'] }],
    }),
    line({ commit: { id: 'cr3', recurringCreditId: 'rcr' } }),
    true,
  ],
  [
    'commit lists are ignored on a contract-level override',
    override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'] }],
    }),
    line(),
    true,
  ],
]
for (const [name, subject, context, expected] of targetingCases) {
  test(`targeting: ${name}`, () => {
    assert.equal(overrideApplies(subject, context), expected)
  })
}

const tiers = (...bands: Array<[string | null, string]>): OverrideTier[] =>
  bands.map(([size, multiplier]) => ({
    size: size === null ? null : new Dec(size),
    multiplier: new Dec(multiplier),
  }))

// [case, override, prioritization, expected problems as "field: message start"]
const checkCases: Array<[string, NewOverride, MultiplierPrioritization | null, string[]]> = [
  ['a plain multiplier is fine', override(), null, []],
  [
    'ending_before after starting_at',
    override({ endingBefore: day('2026-01-01') }),
    null,
    ['body.overrides[0].ending_before: must be after starting_at'],
  ],
  [
    'specifiers with product_id',
    override({ overrideSpecifiers: [{ productId: 'q' }] }),
    null,
    ['body.overrides[0].override_specifiers: cannot be combined with product_id'],
  ],
  [
    'specifiers with applicable_product_tags',
    override({
      productId: null,
      applicableProductTags: ['ai'],
      overrideSpecifiers: [{ productId: 'q' }],
    }),
    null,
    ['body.overrides[0].override_specifiers: cannot be combined with applicable_product_tags'],
  ],
  [
    'no targeting at all',
    override(untargeted),
    null,
    ['body.overrides[0].product_id: or applicable_product_tags or override_specifiers is required'],
  ],
  [
    'an empty specifier list',
    override({ ...untargeted, overrideSpecifiers: [] }),
    null,
    ['body.overrides[0].override_specifiers: must list at least one specifier'],
  ],
  [
    'an empty specifier',
    override({ ...untargeted, overrideSpecifiers: [{}] }),
    null,
    ['body.overrides[0].override_specifiers[0]: must name at least one of'],
  ],
  [
    'an empty tag list',
    override({ ...untargeted, applicableProductTags: [] }),
    null,
    ['body.overrides[0].applicable_product_tags: must list at least one tag'],
  ],
  [
    'MULTIPLIER needs a multiplier',
    override({ multiplier: null }),
    null,
    ['body.overrides[0].multiplier: is required for MULTIPLIER overrides'],
  ],
  [
    'a multiplier is at least 0',
    override({ multiplier: new Dec('-0.1') }),
    null,
    ['body.overrides[0].multiplier: must be at least 0'],
  ],
  ['a multiplier of 0 is allowed (free)', override({ multiplier: new Dec(0) }), null, []],
  [
    'MULTIPLIER under EXPLICIT needs a priority',
    override(),
    'EXPLICIT',
    ['body.overrides[0].priority: is required for MULTIPLIER overrides under EXPLICIT'],
  ],
  [
    'priority is greater than 0',
    override({ priority: 0 }),
    'EXPLICIT',
    ['body.overrides[0].priority: must be greater than 0'],
  ],
  [
    'OVERWRITE needs overwrite_rate, and has no multiplier',
    override({ type: 'OVERWRITE' }),
    null,
    [
      'body.overrides[0].multiplier: is only for MULTIPLIER overrides',
      'body.overrides[0].overwrite_rate: is required for OVERWRITE overrides',
    ],
  ],
  [
    'an OVERWRITE needs no priority, even under EXPLICIT',
    override({ type: 'OVERWRITE', multiplier: null, overwriteRate: flat('5') }),
    'EXPLICIT',
    [],
  ],
  [
    'an overwrite rate follows the rate card’s rules',
    override({ type: 'OVERWRITE', multiplier: null, overwriteRate: flat('-1') }),
    null,
    ['body.overrides[0].overwrite_rate.price: must be at least 0'],
  ],
  [
    'OVERWRITE cannot target by applicable_product_tags',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      applicableProductTags: ['ai'],
    }),
    null,
    ['body.overrides[0].applicable_product_tags: cannot target an OVERWRITE override'],
  ],
  [
    'OVERWRITE cannot target by a specifier’s product_tags',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      overrideSpecifiers: [{ productId: 'p', productTags: ['ai'] }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].product_tags: cannot target an OVERWRITE'],
  ],
  [
    'OVERWRITE specifiers name a product',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      overrideSpecifiers: [{ pricingGroupValues: { region: 'us' } }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].product_id: is required for OVERWRITE'],
  ],
  [
    'OVERWRITE with dimensional pricing gives every pricing group value',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      overrideSpecifiers: [{ productId: 'dim', pricingGroupValues: { region: 'us' } }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].pricing_group_values: must give every'],
  ],
  [
    'OVERWRITE by a top-level product_id on a dimensional product',
    override({ type: 'OVERWRITE', multiplier: null, overwriteRate: flat('5'), productId: 'dim' }),
    null,
    ['body.overrides[0].product_id: names a product with a pricing_group_key'],
  ],
  [
    'OVERWRITE with all pricing group values is fine',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      overrideSpecifiers: [
        { productId: 'dim', pricingGroupValues: { region: 'us', model: 'large' } },
      ],
    }),
    null,
    [],
  ],
  [
    'TIERED needs tiers, a priority and EXPLICIT prioritization',
    override({ type: 'TIERED', multiplier: null }),
    'LOWEST_MULTIPLIER',
    [
      'body.overrides[0].tiers: is required for TIERED overrides',
      'body.overrides[0].type: TIERED needs',
      'body.overrides[0].priority: is required for TIERED overrides',
    ],
  ],
  [
    'TIERED under the default prioritization',
    override({ type: 'TIERED', multiplier: null, tiers: tiers([null, '1']), priority: 1 }),
    null,
    ['body.overrides[0].type: TIERED needs'],
  ],
  [
    'a well-formed TIERED override',
    override({
      type: 'TIERED',
      multiplier: null,
      tiers: tiers(['10', '0.8'], ['10', '0.7'], [null, '1']),
      priority: 1,
    }),
    'EXPLICIT',
    [],
  ],
  [
    'TIERED bands: sized but the last, positive sizes, multipliers at least 0',
    override({
      type: 'TIERED',
      multiplier: null,
      tiers: tiers([null, '0.8'], ['0', '-1'], ['5', '1']),
      priority: 1,
    }),
    'EXPLICIT',
    [
      'body.overrides[0].tiers[0].size: is required on all but the last tier',
      'body.overrides[0].tiers[1].size: must be greater than 0',
      'body.overrides[0].tiers[1].multiplier: must be at least 0',
      'body.overrides[0].tiers[2].size: must be left out on the last tier',
    ],
  ],
  [
    'TIERED with an empty tier list',
    override({ type: 'TIERED', multiplier: null, tiers: [], priority: 1 }),
    'EXPLICIT',
    ['body.overrides[0].tiers: must list at least one tier'],
  ],
  [
    'an entitlement-only override',
    override({ type: null, multiplier: null, entitled: true }),
    null,
    [],
  ],
  [
    'an override with neither type nor entitled',
    override({ type: null, multiplier: null }),
    null,
    ['body.overrides[0].type: or entitled is required'],
  ],
  [
    'terms without a type',
    override({ type: null, entitled: true }),
    null,
    ['body.overrides[0].type: is required when multiplier is given'],
  ],
  [
    'target only with is_commit_specific',
    override({ target: 'COMMIT_RATE' }),
    null,
    ['body.overrides[0].target: is only for commit-specific overrides'],
  ],
  [
    'a commit-specific override with a target',
    override({ isCommitSpecific: true, target: 'COMMIT_RATE' }),
    null,
    [],
  ],
  [
    'commit_ids only with is_commit_specific',
    override({ ...untargeted, overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'] }] }),
    null,
    ['body.overrides[0].override_specifiers[0].commit_ids: is only for commit-specific'],
  ],
  [
    'commit ids need a product, tag or group selector beside them',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ billingFrequency: 'MONTHLY', recurringCommitIds: ['rc'] }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].recurring_commit_ids: must be used with one of'],
  ],
  [
    'any_commit_or_credit_ids instead of commit_ids',
    override({
      ...untargeted,
      isCommitSpecific: true,
      overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'], anyCommitOrCreditIds: ['c2'] }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].any_commit_or_credit_ids: cannot be combined'],
  ],
  [
    'presentation group values only for MULTIPLIER',
    override({
      type: 'OVERWRITE',
      multiplier: null,
      overwriteRate: flat('5'),
      productId: null,
      overrideSpecifiers: [{ productId: 'p', presentationGroupValues: { user: 'ann' } }],
    }),
    null,
    ['body.overrides[0].override_specifiers[0].presentation_group_values: is only for MULTIPLIER'],
  ],
]
for (const [name, subject, prioritization, expected] of checkCases) {
  test(`check: ${name}`, () => {
    const problems = checkOverrides({
      overrides: [subject],
      prioritization,
      pricingGroupKeyOf: (productId) => (productId === 'dim' ? ['region', 'model'] : null),
    })
    const found = problems.map((problem) => `${problem.field}: ${problem.message}`)
    assert.equal(found.length, expected.length, found.join('\n'))
    expected.forEach((start, index) => assert.ok(found[index]!.startsWith(start), found[index]))
  })
}

test('check: each override is named by its index under the list the caller names', () => {
  const problems = checkOverrides(
    {
      overrides: [override(), override({ multiplier: new Dec(-1) })],
      prioritization: null,
      listField: 'add_overrides',
    },
    'body',
  )
  assert.deepEqual(
    problems.map((problem) => problem.field),
    ['body.add_overrides[1].multiplier'],
  )
})

// ---------------------------------------------------------------------------------------------
// exclude: a specifier leaves out lines whose product carries every tag of any one entry.

// [case, specifier, line, applies]
const excludeCases: Array<[string, OverrideSpecifier, OverrideLineContext, boolean]> = [
  [
    'an exclude entry whose tags the product all carries takes the line out',
    { productId: 'p', exclude: [{ productTags: ['audio'] }] },
    line(),
    false,
  ],
  [
    'an entry needs every one of its tags',
    { productId: 'p', exclude: [{ productTags: ['audio', 'video'] }] },
    line(),
    true,
  ],
  [
    'any one entry is enough',
    { productId: 'p', exclude: [{ productTags: ['video'] }, { productTags: ['ai'] }] },
    line(),
    false,
  ],
  [
    'an entry the product does not match leaves the line in',
    { productId: 'p', exclude: [{ productTags: ['video'] }] },
    line(),
    true,
  ],
  ['an empty exclude list excludes nothing', { productId: 'p', exclude: [] }, line(), true],
  [
    'exclusion applies whatever the group values (it names only tags)',
    { pricingGroupValues: { region: 'us' }, exclude: [{ productTags: ['ai'] }] },
    line({ pricingGroupValues: { region: 'us' } }),
    false,
  ],
  [
    'a line the inclusion criteria miss stays out',
    { productId: 'q', exclude: [{ productTags: ['video'] }] },
    line(),
    false,
  ],
  [
    'the product’s tags at the line’s instant decide',
    { productTags: ['ai'], exclude: [{ productTags: ['beta'] }] },
    line({ productTags: ['ai', 'beta'] }),
    false,
  ],
]

for (const [name, specifier, subject, expected] of excludeCases) {
  test(`exclude: ${name}`, () => {
    const target = override({ ...untargeted, overrideSpecifiers: [specifier] })
    assert.equal(overrideApplies(target, subject), expected)
  })
}

test('exclude: another specifier may still reach a line one specifier excludes', () => {
  const target = override({
    ...untargeted,
    overrideSpecifiers: [
      { productId: 'p', exclude: [{ productTags: ['audio'] }] },
      { productTags: ['ai'] },
    ],
  })
  assert.equal(overrideApplies(target, line()), true)
})

test('exclude: commit-specific overrides honour it too', () => {
  const target = override({
    ...untargeted,
    isCommitSpecific: true,
    overrideSpecifiers: [{ productId: 'p', commitIds: ['c1'], exclude: [{ productTags: ['ai'] }] }],
  })
  assert.equal(overrideApplies(target, line({ commit: { id: 'c1' } })), false)
  assert.equal(overrideApplies(target, line({ commit: { id: 'c1' }, productTags: [] })), true)
})

// [case, exclude, expected problems (field: message prefix)]
const excludeCheckCases: Array<[string, OverrideSpecifier['exclude'], string[]]> = [
  ['tags given: fine', [{ productTags: ['beta'] }], []],
  ['an empty list: fine', [], []],
  [
    'an entry with no criteria',
    [{}],
    ['body.overrides[0].override_specifiers[0].exclude[0]: must give product_tags'],
  ],
  [
    'an entry with no tags',
    [{ productTags: ['a'] }, { productTags: [] }],
    ['body.overrides[0].override_specifiers[0].exclude[1].product_tags: must list at least one'],
  ],
]

for (const [name, exclude, expected] of excludeCheckCases) {
  test(`exclude check: ${name}`, () => {
    const subject = override({
      ...untargeted,
      overrideSpecifiers: [{ productId: 'p', ...(exclude === undefined ? {} : { exclude }) }],
    })
    const found = checkOverrides({ overrides: [subject], prioritization: null }).map(
      (problem) => `${problem.field}: ${problem.message}`,
    )
    assert.equal(found.length, expected.length, found.join('\n'))
    expected.forEach((start, index) => assert.ok(found[index]!.startsWith(start), found[index]))
  })
}

const tagPool = ['a', 'b', 'c', 'd']
const arbitraryTags = fc.subarray(tagPool)
const arbitraryExclude = fc.array(
  fc.record({ productTags: fc.subarray(tagPool, { minLength: 1 }) }),
  { maxLength: 3 },
)
const arbitrarySpecifier: fc.Arbitrary<OverrideSpecifier> = fc.record(
  {
    productId: fc.constantFrom('p', 'q'),
    productTags: fc.subarray(tagPool, { minLength: 1, maxLength: 2 }),
    exclude: arbitraryExclude,
  },
  { requiredKeys: [] },
)
const arbitraryLine = fc.record({
  productId: fc.constantFrom('p', 'q'),
  productTags: arbitraryTags,
})

test('exclude property: a line an exclude entry matches is never reached by that specifier', () => {
  fc.assert(
    fc.property(arbitrarySpecifier, arbitraryLine, (specifier, given) => {
      const subject = line({ ...given, pricingGroupValues: null })
      const target = override({ ...untargeted, overrideSpecifiers: [specifier] })
      const excluded = (specifier.exclude ?? []).some((entry) =>
        entry.productTags!.every((tag) => given.productTags.includes(tag)),
      )
      if (excluded) assert.equal(overrideApplies(target, subject), false)
    }),
  )
})

test('exclude property: removing every exclude never shrinks the lines reached', () => {
  fc.assert(
    fc.property(
      fc.array(arbitrarySpecifier, { minLength: 1, maxLength: 3 }),
      arbitraryLine,
      (specifiers, given) => {
        const subject = line({ ...given, pricingGroupValues: null })
        const withExcludes = override({ ...untargeted, overrideSpecifiers: specifiers })
        const without = override({
          ...untargeted,
          overrideSpecifiers: specifiers.map(({ exclude: _dropped, ...rest }) => rest),
        })
        if (overrideApplies(withExcludes, subject)) {
          assert.equal(overrideApplies(without, subject), true)
        }
      },
    ),
  )
})
