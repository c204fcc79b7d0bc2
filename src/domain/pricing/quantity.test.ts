import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import {
  checkQuantityConversion,
  checkQuantityRounding,
  convertQuantity,
  pricedQuantity,
  roundQuantity,
  type ConversionOperation,
  type QuantityConversion,
  type QuantityRounding,
  type RoundingMethod,
} from './quantity.js'

const conversion = (operation: ConversionOperation, factor: string): QuantityConversion => ({
  operation,
  conversionFactor: new Dec(factor),
  name: null,
})
const rounding = (roundingMethod: RoundingMethod, decimalPlaces: number): QuantityRounding => ({
  roundingMethod,
  decimalPlaces,
})

// [case, quantity, conversion, expected]
const conversionCases: Array<[string, string, QuantityConversion | null, string]> = [
  ['no conversion keeps the quantity', '12.5', null, '12.5'],
  ['MULTIPLY by 100', '1.5', conversion('MULTIPLY', '100'), '150'],
  ['MULTIPLY by a fraction', '3', conversion('MULTIPLY', '0.25'), '0.75'],
  ['DIVIDE MB into GB', '2048', conversion('DIVIDE', '1024'), '2'],
  ['DIVIDE by 1024 terminates exactly', '1', conversion('DIVIDE', '1024'), '0.0009765625'],
  ['DIVIDE tokens into millions', '1234567', conversion('DIVIDE', '1000000'), '1.234567'],
  ['negative quantities convert too', '-10', conversion('DIVIDE', '4'), '-2.5'],
  [
    'MULTIPLY keeps every digit, beyond 50',
    '1234567890123456789012345678901234567890.123456789',
    conversion('MULTIPLY', '1000000000000000000000.1'),
    '1234567890123456789012469135690246913569024691356890123456789.0123456789',
  ],
]
for (const [name, quantity, given, expected] of conversionCases) {
  test(`convert: ${name}`, () => {
    assert.equal(convertQuantity(new Dec(quantity), given).toFixed(), expected)
  })
}

// [case, quantity, rounding, expected]
const roundingCases: Array<[string, string, QuantityRounding | null, string]> = [
  ['no rounding keeps the quantity', '1.23456', null, '1.23456'],
  ['ROUND_UP to an integer is the ceiling of a positive', '1.01', rounding('ROUND_UP', 0), '2'],
  ['ROUND_UP leaves an exact value', '2', rounding('ROUND_UP', 0), '2'],
  ['ROUND_UP of a negative goes away from zero', '-1.01', rounding('ROUND_UP', 0), '-2'],
  ['ROUND_UP to two places', '0.001', rounding('ROUND_UP', 2), '0.01'],
  ['ROUND_DOWN truncates a positive', '1.99', rounding('ROUND_DOWN', 0), '1'],
  ['ROUND_DOWN truncates a negative towards zero', '-1.99', rounding('ROUND_DOWN', 0), '-1'],
  ['ROUND_HALF_UP rounds a tie up', '2.5', rounding('ROUND_HALF_UP', 0), '3'],
  ['ROUND_HALF_UP rounds below a tie down', '2.4999', rounding('ROUND_HALF_UP', 0), '2'],
  ['ROUND_HALF_UP rounds a negative tie away', '-2.5', rounding('ROUND_HALF_UP', 0), '-3'],
  ['ROUND_HALF_UP is not banker’s rounding', '0.125', rounding('ROUND_HALF_UP', 2), '0.13'],
  ['lower-case round_up is ROUND_UP', '1.2', rounding('round_up', 0), '2'],
  ['lower-case round_down is ROUND_DOWN', '1.8', rounding('round_down', 0), '1'],
  ['lower-case round_half_up is ROUND_HALF_UP', '1.5', rounding('round_half_up', 0), '2'],
  ['more places than the value has changes nothing', '1.5', rounding('ROUND_UP', 4), '1.5'],
  ['zero stays zero', '0', rounding('ROUND_UP', 0), '0'],
]
for (const [name, quantity, given, expected] of roundingCases) {
  test(`round: ${name}`, () => {
    assert.equal(roundQuantity(new Dec(quantity), given).toFixed(), expected)
  })
}

// [case, quantity, conversion, rounding, expected]
const pricedCases: Array<
  [string, string, QuantityConversion | null, QuantityRounding | null, string]
> = [
  ['converts then rounds', '1500', conversion('DIVIDE', '1024'), rounding('ROUND_UP', 0), '2'],
  ['1/3 up at two places', '1', conversion('DIVIDE', '3'), rounding('ROUND_UP', 2), '0.34'],
  ['2/3 down at two places', '2', conversion('DIVIDE', '3'), rounding('ROUND_DOWN', 2), '0.66'],
  ['2/3 half up', '2', conversion('DIVIDE', '3'), rounding('ROUND_HALF_UP', 2), '0.67'],
  ['-1/3 up goes away from zero', '-1', conversion('DIVIDE', '3'), rounding('ROUND_UP', 0), '-1'],
  ['an exact tie half up', '5', conversion('DIVIDE', '2'), rounding('ROUND_HALF_UP', 0), '3'],
  ['multiply then round', '0.333', conversion('MULTIPLY', '3'), rounding('ROUND_UP', 0), '1'],
  ['rounding without conversion', '0.5', null, rounding('ROUND_DOWN', 0), '0'],
  ['conversion without rounding', '3', conversion('DIVIDE', '2'), null, '1.5'],
  [
    // 50 significant digits of (3e49 + 1) / 3 are 1e49 exactly: only the exact remainder
    // shows that the quotient lies above it.
    'a quotient past the engine’s 50 digits still rounds up',
    '30000000000000000000000000000000000000000000000001',
    conversion('DIVIDE', '3'),
    rounding('ROUND_UP', 0),
    '10000000000000000000000000000000000000000000000001',
  ],
]
for (const [name, quantity, givenConversion, givenRounding, expected] of pricedCases) {
  test(`priced quantity: ${name}`, () => {
    const priced = pricedQuantity(new Dec(quantity), givenConversion, givenRounding)
    assert.equal(priced.toFixed(), expected)
  })
}

// [case, problems' fields]
const checkCases: Array<[string, readonly { field: string }[], string[]]> = [
  ['a positive factor', checkQuantityConversion(conversion('DIVIDE', '0.5'), 'body.qc'), []],
  [
    'a zero factor',
    checkQuantityConversion(conversion('DIVIDE', '0'), 'body.qc'),
    ['body.qc.conversion_factor'],
  ],
  [
    'a negative factor',
    checkQuantityConversion(conversion('MULTIPLY', '-2'), 'body.qc'),
    ['body.qc.conversion_factor'],
  ],
  ['zero places', checkQuantityRounding(rounding('ROUND_UP', 0), 'body.qr'), []],
  ['fifty places', checkQuantityRounding(rounding('ROUND_UP', 50), 'body.qr'), []],
  [
    'fractional places',
    checkQuantityRounding(rounding('ROUND_UP', 1.5), 'body.qr'),
    ['body.qr.decimal_places'],
  ],
  [
    'negative places',
    checkQuantityRounding(rounding('ROUND_UP', -1), 'body.qr'),
    ['body.qr.decimal_places'],
  ],
  [
    'too many places',
    checkQuantityRounding(rounding('ROUND_UP', 51), 'body.qr'),
    ['body.qr.decimal_places'],
  ],
]
for (const [name, problems, fields] of checkCases) {
  test(`check: ${name}`, () => {
    assert.deepEqual(
      problems.map((problem) => problem.field),
      fields,
    )
  })
}

/** A decimal as an integer count of 10^-scale, printed without any float. */
function decimalText(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${units < 0n ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`
}

/** numerator/denominator (denominator > 0) rounded to an integer, by the documented method. */
function roundedDivision(numerator: bigint, denominator: bigint, method: string): bigint {
  const quotient = numerator / denominator // truncates towards zero
  const remainder = numerator % denominator
  if (remainder === 0n) return quotient
  const away = numerator < 0n ? -1n : 1n
  const magnitude = remainder < 0n ? -remainder : remainder
  const upper = method.toUpperCase()
  if (upper === 'ROUND_UP') return quotient + away
  if (upper === 'ROUND_HALF_UP' && 2n * magnitude >= denominator) return quotient + away
  return quotient
}

const pow10 = (exponent: number) => 10n ** BigInt(exponent)

test('property: conversion and rounding equal a BigInt reference, digit for digit', () => {
  fc.assert(
    fc.property(
      // Small values make exact ties (2.5, 0.125) common enough to exercise ROUND_HALF_UP.
      fc.oneof(
        fc.bigInt({ min: -60n, max: 60n }),
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
      ),
      fc.integer({ min: 0, max: 10 }),
      fc.oneof(fc.constantFrom(1n, 2n, 3n, 4n, 8n, 1024n), fc.bigInt({ min: 1n, max: 10n ** 12n })),
      fc.integer({ min: 0, max: 8 }),
      fc.constantFrom<ConversionOperation | 'NONE'>('MULTIPLY', 'DIVIDE', 'NONE'),
      fc.constantFrom<RoundingMethod>(
        'ROUND_UP',
        'ROUND_DOWN',
        'ROUND_HALF_UP',
        'round_up',
        'round_down',
        'round_half_up',
      ),
      fc.integer({ min: 0, max: 14 }),
      (quantityUnits, quantityScale, factorUnits, factorScale, operation, method, places) => {
        const quantity = new Dec(decimalText(quantityUnits, quantityScale))
        const factorText = decimalText(factorUnits, factorScale)
        const given = operation === 'NONE' ? null : conversion(operation, factorText)
        // value = numerator / denominator exactly, then scaled by 10^places
        const [numerator, denominator] =
          operation === 'MULTIPLY'
            ? [quantityUnits * factorUnits, pow10(quantityScale + factorScale)]
            : operation === 'DIVIDE'
              ? [quantityUnits * pow10(factorScale), factorUnits * pow10(quantityScale)]
              : [quantityUnits, pow10(quantityScale)]
        const units = roundedDivision(numerator * pow10(places), denominator, method)
        const expected = new Dec(decimalText(units, places))
        const priced = pricedQuantity(quantity, given, rounding(method, places))
        assert.ok(priced.equals(expected), `${priced.toFixed()} ≠ ${expected.toFixed()}`)
        assert.ok(priced.decimalPlaces() <= places)
      },
    ),
    { numRuns: 2000 },
  )
})

test('property: MULTIPLY without rounding is exact', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
      fc.integer({ min: 0, max: 20 }),
      fc.bigInt({ min: 1n, max: 10n ** 30n }),
      fc.integer({ min: 0, max: 20 }),
      (quantityUnits, quantityScale, factorUnits, factorScale) => {
        const product = convertQuantity(
          new Dec(decimalText(quantityUnits, quantityScale)),
          conversion('MULTIPLY', decimalText(factorUnits, factorScale)),
        )
        const expected = decimalText(quantityUnits * factorUnits, quantityScale + factorScale)
        assert.ok(product.equals(new Dec(expected)))
      },
    ),
  )
})

// Worked examples (semantics WE-24, WE-25): conversion, then rounding, exactly.
const workedExamples: Array<[string, string, QuantityConversion, QuantityRounding | null, string]> =
  [
    ['WE-24: 5,000,000 tokens per million', '5000000', conversion('DIVIDE', '1000000'), null, '5'],
    [
      'WE-24: 5,500,000 tokens per million',
      '5500000',
      conversion('DIVIDE', '1000000'),
      null,
      '5.5',
    ],
    [
      'WE-25: 1,536 MB in GB, ROUND_UP',
      '1536',
      conversion('DIVIDE', '1024'),
      rounding('ROUND_UP', 0),
      '2',
    ],
    ['WE-25: ROUND_DOWN', '1536', conversion('DIVIDE', '1024'), rounding('ROUND_DOWN', 0), '1'],
    [
      'WE-25: ROUND_HALF_UP',
      '1536',
      conversion('DIVIDE', '1024'),
      rounding('ROUND_HALF_UP', 0),
      '2',
    ],
  ]
for (const [name, quantity, conversionRule, roundingRule, expected] of workedExamples) {
  test(name, () => {
    assert.equal(
      pricedQuantity(new Dec(quantity), conversionRule, roundingRule).toString(),
      expected,
    )
  })
}
