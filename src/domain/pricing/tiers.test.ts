import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import type { Tier } from './rate-card.js'
import { graduatedCharge, graduatedLines } from './tiers.js'

const tiers = (...bands: Array<[string | null, string]>): Tier[] =>
  bands.map(([size, price]) => ({
    size: size === null ? null : new Dec(size),
    price: new Dec(price),
  }))
const plain = (lines: ReturnType<typeof graduatedLines>) =>
  lines.map((line) => [
    line.level,
    line.startingAt.toString(),
    line.quantity.toString(),
    line.amount.toString(),
  ])

describe('graduated tiers: worked examples', () => {
  test('WE-1: 15,000 events over [10,000 at 1¢, then 0.5¢] is 12,500¢ in two lines', () => {
    const card = tiers(['10000', '1'], [null, '0.5'])
    assert.deepEqual(plain(graduatedLines(card, new Dec(15_000))), [
      [1, '0', '10000', '10000'],
      [2, '10000', '5000', '2500'],
    ])
    assert.equal(graduatedCharge(card, new Dec(15_000)).toString(), '12500')
  })

  test('WE-2: 12 uses over 0–5 $0, 5–10 $1, 10–∞ $1.50 is 800¢ (bounds min-exclusive)', () => {
    const card = tiers(['5', '0'], ['5', '100'], [null, '150'])
    assert.equal(graduatedCharge(card, new Dec(12)).toString(), '800')
    // Unit 5 is still in the first band; unit 6 is the first of the second.
    assert.equal(graduatedCharge(card, new Dec(5)).toString(), '0')
    assert.equal(graduatedCharge(card, new Dec(6)).toString(), '100')
  })

  test('WE-3 (graduated half): 1,500 GB at 10¢ then 9¢ beyond 1,000 is 14,500¢', () => {
    assert.equal(
      graduatedCharge(tiers(['1000', '10'], [null, '9']), new Dec(1500)).toString(),
      '14500',
    )
  })
})

describe('graduated tiers: rules', () => {
  const card = tiers(['10', '3'], ['10', '2'], [null, '1'])
  const cases: Array<[string, string, string, string]> = [
    // [case, quantity, already used this period, expected charge]
    ['nothing used', '0', '0', '0'],
    ['inside the first band', '4', '0', '12'],
    ['exactly the first band', '10', '0', '30'],
    ['into the last band', '25', '0', '55'],
    ['fractional quantity', '10.5', '0', '31'],
    ['continues from earlier usage in the period', '5', '8', '12'],
    ['earlier usage past every sized band', '5', '40', '5'],
    ['a refund is priced at the first tier', '-2', '0', '-6'],
  ]
  for (const [name, quantity, used, expected] of cases) {
    test(name, () =>
      assert.equal(graduatedCharge(card, new Dec(quantity), new Dec(used)).toString(), expected),
    )
  }

  test('property: billing a quantity in two parts costs the same as at once', () => {
    const amount = fc.integer({ min: 0, max: 5000 }).map((n) => new Dec(n).div(100))
    fc.assert(
      fc.property(amount, amount, (first, second) => {
        const whole = graduatedCharge(card, first.plus(second))
        const parts = graduatedCharge(card, first).plus(graduatedCharge(card, second, first))
        assert.ok(whole.equals(parts), `${whole} vs ${parts}`)
      }),
    )
  })

  test('property: lines cover the quantity exactly and the charge never decreases', () => {
    const amount = fc.integer({ min: 0, max: 5000 }).map((n) => new Dec(n).div(100))
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const lines = graduatedLines(card, a)
        const covered = lines.reduce((total, line) => total.plus(line.quantity), new Dec(0))
        assert.ok(covered.equals(a))
        const [low, high] = a.lte(b) ? [a, b] : [b, a]
        assert.ok(graduatedCharge(card, low).lte(graduatedCharge(card, high)))
      }),
    )
  })
})
