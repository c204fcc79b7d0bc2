import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  byProductOrder,
  checkProductOrder,
  effectiveProductOrder,
  moveProducts,
} from './product-order.js'

test('the effective order: explicit products first, then the rest by first rate added', () => {
  assert.deepEqual(effectiveProductOrder(['c', 'a'], ['a', 'b', 'a', 'c', 'd']), [
    'c',
    'a',
    'b',
    'd',
  ])
  assert.deepEqual(effectiveProductOrder([], ['b', 'a', 'b']), ['b', 'a'])
})

const moveCases: [string, string[], [string, number][], string[] | RegExp][] = [
  ['to the front', ['a', 'b', 'c'], [['c', 0]], ['c', 'a', 'b']],
  ['to the back', ['a', 'b', 'c'], [['a', 2]], ['b', 'c', 'a']],
  [
    'one after another',
    ['a', 'b', 'c'],
    [
      ['c', 0],
      ['a', 2],
    ],
    ['c', 'b', 'a'],
  ],
  ['in place', ['a', 'b'], [['b', 1]], ['a', 'b']],
  ['past the end', ['a', 'b'], [['a', 2]], /position must be a whole number from 0 to 1/],
  ['a fraction', ['a', 'b'], [['a', 0.5]], /position/],
  ['a product not on the card', ['a'], [['z', 0]], /product_id is not a product on this/],
]

for (const [name, order, moves, expected] of moveCases) {
  test(`moveProducts ${name}`, () => {
    const moved = moveProducts(
      order,
      moves.map(([productId, position]) => ({ productId, position })),
      'body.product_moves',
    )
    if (expected instanceof RegExp) {
      assert.ok('problems' in moved)
      const [problem] = moved.problems
      assert.match(`${problem?.field} ${problem?.message}`, expected)
    } else {
      assert.deepEqual(moved, { order: expected })
    }
  })
}

test('checkProductOrder names repeats; byProductOrder is stable and puts strangers last', () => {
  assert.deepEqual(checkProductOrder(['a', 'b', 'a'], 'body.product_order'), [
    { field: 'body.product_order[2]', message: 'repeats product a' },
  ])
  const rows = [
    { p: 'x', n: 1 },
    { p: 'b', n: 2 },
    { p: 'a', n: 3 },
    { p: 'b', n: 4 },
  ]
  assert.deepEqual(
    byProductOrder(rows, ['a', 'b'], (row) => row.p).map((row) => row.n),
    [3, 2, 4, 1],
  )
})
