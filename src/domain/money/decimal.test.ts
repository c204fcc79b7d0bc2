import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, decimal, sum } from './decimal.js'

test('keeps 50 significant digits where the library default would round', () => {
  const product = decimal('123456789012.123456789').times('1.000000001')
  assert.equal(product.toString(), '123456789135.580245801123456789')
})

test('addition of cents-scale amounts is exact and order-independent', () => {
  const amount = fc
    .bigInt({ min: -(10n ** 15n), max: 10n ** 15n })
    .map((minor) => decimal(minor.toString()).dividedBy(10_000))
  fc.assert(
    fc.property(fc.array(amount, { maxLength: 50 }), (values) => {
      const forward = sum(values)
      const backward = sum([...values].reverse())
      assert.ok(forward.equals(backward))
      // Exactness: scaling back to minor units yields an integer.
      assert.ok(forward.times(10_000).isInteger())
    }),
  )
})

test('the default rounding mode is half-even', () => {
  assert.equal(new Dec('2.5').toDecimalPlaces(0).toString(), '2')
  assert.equal(new Dec('3.5').toDecimalPlaces(0).toString(), '4')
})
