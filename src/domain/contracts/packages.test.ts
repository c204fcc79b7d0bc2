import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { decimal } from '../money/decimal.js'
import { initialSettings, type Product } from '../pricing/product.js'
import {
  addMonths,
  checkPackageCreate,
  materializePackage,
  packageForAlias,
  packagePath,
  resolveRelative,
  type PackageAliasEntry,
  type PackageTerms,
  type RelativeDate,
} from './packages.js'

const at = (iso: string) => new Date(iso)
const months = (value: number): RelativeDate => ({ unit: 'MONTHS', value })

describe('resolveRelative', () => {
  const cases: Array<[string, string, RelativeDate[], string]> = [
    ['no steps is the start', '2025-01-31T00:00:00Z', [], '2025-01-31T00:00:00Z'],
    [
      'days are exact',
      '2025-01-31T10:00:00Z',
      [{ unit: 'DAYS', value: 1 }],
      '2025-02-01T10:00:00Z',
    ],
    [
      'weeks are 7 days',
      '2025-01-01T00:00:00Z',
      [{ unit: 'WEEKS', value: 2 }],
      '2025-01-15T00:00:00Z',
    ],
    [
      'a month clamps to the month end',
      '2025-01-31T00:00:00Z',
      [months(1)],
      '2025-02-28T00:00:00Z',
    ],
    ['leap February', '2024-01-31T00:00:00Z', [months(1)], '2024-02-29T00:00:00Z'],
    [
      'offset then duration do not drift',
      '2025-01-31T00:00:00Z',
      [months(1), months(1)],
      '2025-03-31T00:00:00Z',
    ],
    [
      'years are 12 months',
      '2024-02-29T00:00:00Z',
      [{ unit: 'YEARS', value: 1 }],
      '2025-02-28T00:00:00Z',
    ],
    [
      'months then days',
      '2025-01-31T00:00:00Z',
      [months(1), { unit: 'DAYS', value: 1 }],
      '2025-03-01T00:00:00Z',
    ],
    ['time of day is kept', '2025-01-15T13:45:00Z', [months(13)], '2026-02-15T13:45:00Z'],
  ]
  for (const [name, start, steps, expected] of cases) {
    test(name, () => {
      assert.equal(resolveRelative(at(start), steps).toISOString(), at(expected).toISOString())
    })
  }
})

describe('materialization properties', () => {
  const start = fc.date({
    min: at('2000-01-01T00:00:00Z'),
    max: at('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  test('a months offset and a months duration end where their sum does (no drift)', () => {
    fc.assert(
      fc.property(start, fc.nat(240), fc.nat(240), (from, offset, duration) => {
        const chained = resolveRelative(from, [months(offset), months(duration)])
        assert.equal(chained.getTime(), addMonths(from, offset + duration).getTime())
      }),
    )
  })
  test('consecutive monthly segments tile the term: each ends where the next starts', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 36 }), (from, count) => {
        for (let index = 0; index + 1 < count; index += 1) {
          const end = resolveRelative(from, [months(index), months(1)])
          const nextStart = resolveRelative(from, [months(index + 1)])
          assert.equal(end.getTime(), nextStart.getTime())
          // Half-open: a segment with a positive duration is never empty.
          assert.ok(resolveRelative(from, [months(index)]).getTime() < end.getTime())
        }
      }),
    )
  })
  test('the n-th monthly date keeps the start day when the month has it', () => {
    fc.assert(
      fc.property(start, fc.nat(600), (from, offset) => {
        const moved = resolveRelative(from, [months(offset)])
        const day = Math.min(
          from.getUTCDate(),
          new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate(),
        )
        assert.equal(moved.getUTCDate(), day)
      }),
    )
  })
})

describe('materializePackage', () => {
  const terms = {
    endingBefore: { steps: [{ unit: 'YEARS', value: 1 }] },
    commits: [
      {
        type: 'PREPAID',
        productId: 'p',
        accessSchedule: {
          items: [
            {
              amount: decimal('100'),
              startingAt: { steps: [months(1)] },
              endingBefore: { steps: [months(1), months(3)] },
            },
          ],
        },
      },
    ],
    credits: [],
    recurringCommits: [],
    recurringCredits: [],
    overrides: [],
    scheduledCharges: [],
    discounts: [],
    professionalServices: [],
    subscriptions: [],
    passThrough: {},
  } as unknown as PackageTerms

  test('dates become absolute from the contract start; amounts stay decimals', () => {
    const input = materializePackage(
      { terms },
      { customerId: 'c', startingAt: at('2025-01-31T00:00:00Z'), uniquenessKey: 'k' },
    )
    assert.equal(input.customerId, 'c')
    assert.equal(input.uniquenessKey, 'k')
    assert.equal(input.packageId, undefined)
    assert.equal(input.endingBefore?.toISOString(), '2026-01-31T00:00:00.000Z')
    const item = input.commits[0]?.accessSchedule?.items[0]
    assert.equal(item?.startingAt.toISOString(), '2025-02-28T00:00:00.000Z')
    assert.equal(item?.endingBefore.toISOString(), '2025-05-31T00:00:00.000Z')
    assert.equal(item?.amount.toString(), '100')
  })
})

describe('checkPackageCreate', () => {
  const fixed: Product = {
    id: 'p',
    type: 'FIXED',
    initial: initialSettings({ type: 'FIXED', name: 'p', tags: [] }),
    updates: [],
    customFields: {},
    createdAt: at('2019-01-01T00:00:00Z'),
    createdBy: 'test',
    archivedAt: null,
  }
  const days = (value: number) => ({ steps: [{ unit: 'DAYS' as const, value }] })
  const withCharge = (offsets: number[]) =>
    ({
      commits: [],
      credits: [],
      recurringCommits: [],
      recurringCredits: [],
      overrides: [],
      discounts: [],
      professionalServices: [],
      subscriptions: [],
      passThrough: {},
      scheduledCharges: [
        {
          productId: 'p',
          schedule: {
            items: offsets.map((offset) => ({ timestamp: days(offset), amount: decimal('1') })),
          },
        },
      ],
    }) as unknown as PackageTerms
  const check = (offsets: number[]) =>
    checkPackageCreate(
      { name: 'pkg', aliases: [], terms: withCharge(offsets) },
      { rateCardFound: true, products: new Map([['p', fixed]]) },
      at('2025-01-01T00:00:00Z'),
    ).map((problem) => `${problem.field}: ${problem.message}`)

  test('items in date_offset order pass', () => assert.deepEqual(check([0, 5]), []))
  test('items out of order, or at one offset, are named by date_offset', () => {
    assert.deepEqual(check([5, 0, 0]), [
      'body.scheduled_charges[0].schedule.schedule_items[1].date_offset: must not be before schedule_items[0].date_offset (items are in time order)',
      'body.scheduled_charges[0].schedule.schedule_items[2].date_offset: must be after schedule_items[1].date_offset; two items at one instant would be one invoice',
    ])
  })
})

describe('packageForAlias', () => {
  const pkg = (createdAt: string, aliases: PackageAliasEntry[]) => ({
    createdAt: at(createdAt),
    aliases,
  })
  const first = pkg('2025-01-01T00:00:00Z', [
    { name: 'std', startingAt: null, endingBefore: at('2025-06-01T00:00:00Z') },
  ])
  const second = pkg('2025-02-01T00:00:00Z', [
    { name: 'std', startingAt: at('2025-06-01T00:00:00Z'), endingBefore: null },
  ])
  const latest = pkg('2025-03-01T00:00:00Z', [
    { name: 'std', startingAt: at('2025-09-01T00:00:00Z'), endingBefore: null },
  ])
  const all = [first, second, latest]
  const cases: Array<[string, string, string, unknown]> = [
    ['before the switch: the first', 'std', '2025-05-31T23:59:59Z', first],
    ['at the switch (half-open): the second', 'std', '2025-06-01T00:00:00Z', second],
    ['two hold it: the most recently created', 'std', '2025-10-01T00:00:00Z', latest],
    ['an unknown alias: none', 'other', '2025-10-01T00:00:00Z', null],
  ]
  for (const [name, alias, when, expected] of cases) {
    test(name, () => assert.equal(packageForAlias(all, alias, at(when)), expected))
  }
})

describe('packagePath', () => {
  const cases: Array<[string, string]> = [
    ['body.ending_before', 'body.duration'],
    ['body.name', 'body.contract_name'],
    [
      'body.commits[0].access_schedule.schedule_items[1].starting_at',
      'body.commits[0].access_schedule.schedule_items[1].starting_at_offset',
    ],
    ['body.overrides[2].ending_before', 'body.overrides[2].duration'],
    [
      'body.scheduled_charges[0].schedule.schedule_items[0].timestamp',
      'body.scheduled_charges[0].schedule.schedule_items[0].date_offset',
    ],
    ['body.commits[0].product_id', 'body.commits[0].product_id'],
  ]
  for (const [contract, pkg] of cases)
    test(contract, () => assert.equal(packagePath(contract), pkg))
})
