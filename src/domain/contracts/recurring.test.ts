import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import {
  usageStatementSchedule,
  type StatementDay,
  type StatementFrequency,
  type Term,
  type UsageStatementScheduleInput,
} from './billing-periods.js'
import {
  checkDailyRecurrenceLimit,
  checkRecurring,
  fullAmount,
  proratedAmount,
  prorationOf,
  recurringFromInput,
  recurringInstances,
  type Proration,
  type ProrationRounding,
  type ProrationRoundingMethod,
  type RecurrenceFrequency,
  type Recurring,
  type RecurringContext,
  type RecurringInput,
  type RecurringInstance,
} from './recurring.js'

const at = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text)

function show(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}
const range = (from: Date, to: Date) => `${show(from)} → ${show(to)}`

const usd = (unitPrice: string, quantity?: string) => ({
  unitPrice: new Dec(unitPrice),
  ...(quantity === undefined ? {} : { quantity: new Dec(quantity) }),
  creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
})

/** A recurring commit of 1000 (cents) per period from `start`, with overrides. */
function commit(start: string, changes: Partial<RecurringInput> = {}): RecurringInput {
  return {
    kind: 'COMMIT',
    startingAt: at(start),
    accessAmount: usd('1000', '1'),
    commitDuration: { value: 1, unit: 'PERIODS' },
    ...changes,
  }
}

function context(
  start: string,
  end: string | null,
  given: UsageStatementScheduleInput | null = null,
  window: { from?: string; until?: string } = {},
): RecurringContext {
  return {
    contract: { startingAt: at(start), endingBefore: end ? at(end) : null },
    statementSchedule: usageStatementSchedule(given),
    ...(window.from ? { from: at(window.from) } : {}),
    ...(window.until ? { until: at(window.until) } : {}),
  }
}

const instancesOf = (input: RecurringInput, given: RecurringContext) =>
  recurringInstances(recurringFromInput(input), given)

/** One line per instance: its period, its access segment and amount, its invoice amount. */
function describe(instance: RecurringInstance): string {
  const { period, access, invoice } = instance
  const invoiced = invoice ? ` invoice ${invoice.amount.toFixed()}` : ''
  return `${range(period.startingAt, period.endingBefore)} access ${range(access.startingAt, access.endingBefore)} ${access.amount.toFixed()}${invoiced}`
}

/** `amount × numerator / denominator` to the engine's 50 significant digits. */
const share = (amount: string, numerator: number, denominator: number) =>
  new Dec(amount).times(numerator).div(denominator).toFixed()

// Contract Jan 15 → Apr 10, 2024, monthly on the 1st: Jan 15–Feb 1 is 17 of January's 31 days,
// Apr 1–10 is 9 of April's 30.
const quarterContract = context('2024-01-15', '2024-04-10')

// [proration, expected amounts per instance]
const prorationCases: Array<[Proration | undefined, string[]]> = [
  [undefined, [share('1000', 17, 31), '1000', '1000', '300']],
  ['FIRST_AND_LAST', [share('1000', 17, 31), '1000', '1000', '300']],
  ['FIRST', [share('1000', 17, 31), '1000', '1000', '1000']],
  ['LAST', ['1000', '1000', '1000', '300']],
  ['NONE', ['1000', '1000', '1000', '1000']],
]
for (const [proration, amounts] of prorationCases) {
  test(`proration ${proration ?? 'default (FIRST_AND_LAST)'}: partial first and last periods`, () => {
    const instances = instancesOf(
      commit('2024-01-15', proration ? { proration } : {}),
      quarterContract,
    )
    assert.deepEqual(
      instances.map((instance) => range(instance.period.startingAt, instance.period.endingBefore)),
      [
        '2024-01-15 → 2024-02-01',
        '2024-02-01 → 2024-03-01',
        '2024-03-01 → 2024-04-01',
        '2024-04-01 → 2024-04-10',
      ],
    )
    assert.deepEqual(
      instances.map((instance) => instance.access.amount.toFixed()),
      amounts,
    )
  })
}

test('proration: the fraction is exact milliseconds of the whole period', () => {
  const [first, , , last] = instancesOf(commit('2024-01-15'), quarterContract)
  assert.deepEqual(first?.proration, { coveredMs: 17 * 86_400_000, periodMs: 31 * 86_400_000 })
  assert.deepEqual(last?.proration, { coveredMs: 9 * 86_400_000, periodMs: 30 * 86_400_000 })
  assert.equal(instancesOf(commit('2024-01-15'), quarterContract)[1]?.proration, null)
})

const rounding = (roundingMethod: ProrationRoundingMethod, decimalPlaces: number) => ({
  roundingMethod,
  decimalPlaces,
})

// [case, unit price, contract and recurring start, contract end, rounding, first instance amount]
const roundingCases: Array<[string, string, string, string, ProrationRounding, string]> = [
  ['HALF_UP to whole cents', '1000', '2024-01-15', '2024-04-10', rounding('HALF_UP', 0), '548'],
  ['FLOOR to whole cents', '1000', '2024-01-15', '2024-04-10', rounding('FLOOR', 0), '548'],
  ['CEILING to whole cents', '1000', '2024-01-15', '2024-04-10', rounding('CEILING', 0), '549'],
  ['HALF_UP to 2 places', '1000', '2024-01-15', '2024-04-10', rounding('HALF_UP', 2), '548.39'],
  ['FLOOR to 2 places', '1000', '2024-01-15', '2024-04-10', rounding('FLOOR', 2), '548.38'],
  ['CEILING to 5 places', '1000', '2024-01-15', '2024-04-10', rounding('CEILING', 5), '548.3871'],
  ['HALF_UP to 100s (-2)', '1000', '2024-01-15', '2024-04-10', rounding('HALF_UP', -2), '500'],
  ['CEILING to 100s (-2)', '1000', '2024-01-15', '2024-04-10', rounding('CEILING', -2), '600'],
  ['FLOOR to 10s (-1)', '1000', '2024-01-15', '2024-04-10', rounding('FLOOR', -1), '540'],
  // 1001 × 15/30 = 500.5 exactly, a tie.
  ['HALF_UP rounds a tie up', '1001', '2024-04-16', '2024-06-01', rounding('HALF_UP', 0), '501'],
  ['FLOOR rounds a tie down', '1001', '2024-04-16', '2024-06-01', rounding('FLOOR', 0), '500'],
  ['CEILING rounds a tie up', '1001', '2024-04-16', '2024-06-01', rounding('CEILING', 0), '501'],
  [
    'an exact amount is not moved by CEILING',
    '1000',
    '2024-04-16',
    '2024-06-01',
    rounding('CEILING', 0),
    '500',
  ],
  // 180 × 30/31 = 174.19…, CEILING to hundreds would be 200: capped at the full 180.
  [
    'a rounded part never exceeds the whole',
    '180',
    '2024-01-02',
    '2024-03-01',
    rounding('CEILING', -2),
    '180',
  ],
]
for (const [name, unitPrice, start, end, given, expected] of roundingCases) {
  test(`rounding: ${name}`, () => {
    const input = commit(start, {
      accessAmount: usd(unitPrice, '1'),
      prorationRounding: { access: given },
    })
    const [first] = instancesOf(input, context(start, end))
    assert.equal(first?.access.amount.toFixed(), expected)
  })
}

test('rounding: WE-26 amounts, 10,000 × 16/31 rounded HALF_UP at -2 is 5,200', () => {
  const input = commit('2024-01-16', {
    accessAmount: usd('10000', '1'),
    prorationRounding: { access: rounding('HALF_UP', -2) },
  })
  const [first, second] = instancesOf(input, context('2024-01-01', '2024-03-01'))
  assert.equal(
    first && describe(first),
    '2024-01-16 → 2024-02-01 access 2024-01-16 → 2024-02-01 5200',
  )
  assert.equal(second?.access.amount.toFixed(), '10000', 'a whole period is never rounded')
})

test('rounding: only prorated amounts are rounded', () => {
  const input = commit('2024-01-15', {
    accessAmount: usd('1234.5678', '1'),
    prorationRounding: { access: rounding('HALF_UP', -5) },
  })
  assert.deepEqual(
    instancesOf(input, quarterContract).map((instance) => instance.access.amount.toFixed()),
    ['0', '1234.5678', '1234.5678', '0'],
  )
})

test('invoice: a commit is invoiced at each instance start, prorated and rounded on its own', () => {
  const input = commit('2024-01-15', {
    invoiceAmount: usd('800', '1'),
    prorationRounding: { invoice: rounding('FLOOR', 0) },
  })
  assert.deepEqual(
    instancesOf(input, quarterContract).map((instance) => ({
      at: instance.invoice && show(instance.invoice.timestamp),
      access: instance.access.amount.toFixed(),
      invoice: instance.invoice?.amount.toFixed(),
    })),
    [
      { at: '2024-01-15', access: share('1000', 17, 31), invoice: '438' },
      { at: '2024-02-01', access: '1000', invoice: '800' },
      { at: '2024-03-01', access: '1000', invoice: '800' },
      { at: '2024-04-01', access: '300', invoice: '240' },
    ],
  )
})

test('invoice: a commit without invoice_amount and a credit are not invoiced', () => {
  const uninvoiced = instancesOf(commit('2024-01-15'), quarterContract)
  assert.ok(uninvoiced.every((instance) => instance.invoice === null))
  const credit = instancesOf(
    commit('2024-01-15', { kind: 'CREDIT', invoiceAmount: usd('800', '1') }),
    quarterContract,
  )
  assert.ok(credit.every((instance) => instance.invoice === null))
})

test('amount: unit_price × quantity, in decimals (0.1 × 3 is 0.3)', () => {
  const [first] = instancesOf(
    commit('2024-01-01', { accessAmount: usd('0.1', '3') }),
    context('2024-01-01', '2024-02-01'),
  )
  assert.equal(first?.access.amount.toFixed(), '0.3')
})

test('amount: quantity defaults to 1', () => {
  const [first] = instancesOf(
    commit('2024-01-01', { accessAmount: usd('250') }),
    context('2024-01-01', '2024-02-01'),
  )
  assert.equal(first?.access.amount.toFixed(), '250')
})

// [case, recurring, contract, expected instances]
const generationCases: Array<[string, RecurringInput, RecurringContext, string[]]> = [
  [
    'commit_duration 2: access runs one extra period, never past the term',
    commit('2024-01-15', { commitDuration: { value: 2 } }),
    quarterContract,
    [
      `2024-01-15 → 2024-02-01 access 2024-01-15 → 2024-03-01 ${share('1000', 17, 31)}`,
      '2024-02-01 → 2024-03-01 access 2024-02-01 → 2024-04-01 1000',
      '2024-03-01 → 2024-04-01 access 2024-03-01 → 2024-04-10 1000',
      '2024-04-01 → 2024-04-10 access 2024-04-01 → 2024-04-10 300',
    ],
  ],
  [
    'statement periods: a recurring starting mid-period is prorated from its start',
    commit('2024-02-10'),
    context('2024-01-01', '2024-05-01'),
    [
      `2024-02-10 → 2024-03-01 access 2024-02-10 → 2024-03-01 ${share('1000', 20, 29)}`,
      '2024-03-01 → 2024-04-01 access 2024-03-01 → 2024-04-01 1000',
      '2024-04-01 → 2024-05-01 access 2024-04-01 → 2024-05-01 1000',
    ],
  ],
  [
    'recurrence_frequency QUARTERLY: periods from the recurring’s own start, first not prorated',
    commit('2024-02-10', { recurrenceFrequency: 'QUARTERLY' }),
    context('2024-01-01', '2024-12-31'),
    [
      '2024-02-10 → 2024-05-10 access 2024-02-10 → 2024-05-10 1000',
      '2024-05-10 → 2024-08-10 access 2024-05-10 → 2024-08-10 1000',
      '2024-08-10 → 2024-11-10 access 2024-08-10 → 2024-11-10 1000',
      `2024-11-10 → 2024-12-31 access 2024-11-10 → 2024-12-31 ${share('1000', 51, 92)}`,
    ],
  ],
  [
    'recurrence_frequency MONTHLY from the 31st clamps like statements',
    commit('2024-01-31', { recurrenceFrequency: 'MONTHLY' }),
    context('2024-01-01', '2024-04-30'),
    [
      '2024-01-31 → 2024-02-29 access 2024-01-31 → 2024-02-29 1000',
      '2024-02-29 → 2024-03-31 access 2024-02-29 → 2024-03-31 1000',
      '2024-03-31 → 2024-04-30 access 2024-03-31 → 2024-04-30 1000',
    ],
  ],
  [
    'recurrence_frequency WEEKLY with commit_duration 2',
    commit('2024-01-03', { recurrenceFrequency: 'WEEKLY', commitDuration: { value: 2 } }),
    context('2024-01-01', '2024-01-24'),
    [
      '2024-01-03 → 2024-01-10 access 2024-01-03 → 2024-01-17 1000',
      '2024-01-10 → 2024-01-17 access 2024-01-10 → 2024-01-24 1000',
      `2024-01-17 → 2024-01-24 access 2024-01-17 → 2024-01-24 1000`,
    ],
  ],
  [
    'recurrence_frequency DAILY, ending at noon: the last day is half',
    commit('2024-01-01', {
      recurrenceFrequency: 'DAILY',
      endingBefore: at('2024-01-03T12:00:00Z'),
    }),
    context('2024-01-01', null),
    [
      '2024-01-01 → 2024-01-02 access 2024-01-01 → 2024-01-02 1000',
      '2024-01-02 → 2024-01-03 access 2024-01-02 → 2024-01-03 1000',
      '2024-01-03 → 2024-01-03T12:00:00.000Z access 2024-01-03 → 2024-01-03T12:00:00.000Z 500',
    ],
  ],
  [
    'a recurring ending before the contract ends: the last instance is cut at its end',
    commit('2024-01-01', { endingBefore: at('2024-03-20') }),
    context('2024-01-01', '2024-12-01'),
    [
      '2024-01-01 → 2024-02-01 access 2024-01-01 → 2024-02-01 1000',
      '2024-02-01 → 2024-03-01 access 2024-02-01 → 2024-03-01 1000',
      `2024-03-01 → 2024-03-20 access 2024-03-01 → 2024-03-20 ${share('1000', 19, 31)}`,
    ],
  ],
  [
    'a recurring ending on a boundary: no cut instance',
    commit('2024-01-01', { endingBefore: at('2024-03-01') }),
    context('2024-01-01', '2024-12-01'),
    [
      '2024-01-01 → 2024-02-01 access 2024-01-01 → 2024-02-01 1000',
      '2024-02-01 → 2024-03-01 access 2024-02-01 → 2024-03-01 1000',
    ],
  ],
  [
    'a recurring ending after the contract: the contract end cuts it',
    commit('2024-01-01', { endingBefore: at('2025-01-01') }),
    context('2024-01-01', '2024-02-15'),
    [
      '2024-01-01 → 2024-02-01 access 2024-01-01 → 2024-02-01 1000',
      `2024-02-01 → 2024-02-15 access 2024-02-01 → 2024-02-15 ${share('1000', 14, 29)}`,
    ],
  ],
  [
    'a recurring starting before the contract (refused by the check) starts with it',
    commit('2024-01-01', { recurrenceFrequency: 'MONTHLY' }),
    context('2024-01-15', '2024-03-01'),
    [
      `2024-01-15 → 2024-02-01 access 2024-01-15 → 2024-02-01 ${share('1000', 17, 31)}`,
      '2024-02-01 → 2024-03-01 access 2024-02-01 → 2024-03-01 1000',
    ],
  ],
  [
    'WEEKLY statements, no recurrence_frequency: an instance per statement week',
    commit('2024-09-15'),
    context('2024-09-15', '2024-10-01', { frequency: 'WEEKLY' }),
    [
      '2024-09-15 → 2024-09-22 access 2024-09-15 → 2024-09-22 1000',
      '2024-09-22 → 2024-09-29 access 2024-09-22 → 2024-09-29 1000',
      `2024-09-29 → 2024-10-01 access 2024-09-29 → 2024-10-01 ${share('1000', 2, 7)}`,
    ],
  ],
  [
    'CUSTOM_DATE statements (WE-28) drive the instances',
    commit('2024-09-15'),
    context('2024-09-15', '2024-11-10', {
      frequency: 'MONTHLY',
      day: 'CUSTOM_DATE',
      billingAnchorDate: at('2024-09-10'),
    }),
    [
      `2024-09-15 → 2024-10-10 access 2024-09-15 → 2024-10-10 ${share('1000', 25, 30)}`,
      '2024-10-10 → 2024-11-10 access 2024-10-10 → 2024-11-10 1000',
    ],
  ],
  [
    'open-ended: until bounds the list',
    commit('2024-01-01'),
    context('2024-01-01', null, null, { until: '2024-03-15' }),
    [
      '2024-01-01 → 2024-02-01 access 2024-01-01 → 2024-02-01 1000',
      '2024-02-01 → 2024-03-01 access 2024-02-01 → 2024-03-01 1000',
      '2024-03-01 → 2024-04-01 access 2024-03-01 → 2024-04-01 1000',
    ],
  ],
  [
    'from: only the instances from then on',
    commit('2024-01-01'),
    context('2024-01-01', '2024-06-01', null, { from: '2024-04-15' }),
    [
      '2024-04-01 → 2024-05-01 access 2024-04-01 → 2024-05-01 1000',
      '2024-05-01 → 2024-06-01 access 2024-05-01 → 2024-06-01 1000',
    ],
  ],
]
for (const [name, input, given, expected] of generationCases) {
  test(`generation: ${name}`, () => {
    assert.deepEqual(instancesOf(input, given).map(describe), expected)
  })
}

test('generation: instances are numbered from the first, also with `from`', () => {
  const instances = instancesOf(
    commit('2024-01-01'),
    context('2024-01-01', null, null, { from: '2024-04-15', until: '2024-06-01' }),
  )
  assert.deepEqual(
    instances.map((instance) => instance.index),
    [3, 4],
  )
})

test('generation: an open-ended recurring on an open-ended contract needs until', () => {
  assert.throws(() => instancesOf(commit('2024-01-01'), context('2024-01-01', null)))
})

test('defaults: FIRST_AND_LAST, quantity 1, no rounding; invoice fields dropped on credits', () => {
  const credit = recurringFromInput({
    ...commit('2024-01-01', { kind: 'CREDIT', accessAmount: usd('5') }),
    invoiceAmount: usd('1', '1'),
    prorationRounding: { invoice: rounding('HALF_UP', 0) },
  })
  assert.equal(credit.proration, 'FIRST_AND_LAST')
  assert.equal(credit.accessAmount.quantity.toFixed(), '1')
  assert.equal(credit.invoiceAmount, null)
  assert.deepEqual(credit.prorationRounding, { access: null, invoice: null })
  assert.equal(credit.recurrenceFrequency, null)
  assert.equal(credit.endingBefore, null)
})

// ---------------------------------------------------------------------------------------------
// Checks.

const root = 'body.recurring_commits[0]'
const contractTerm: Term = { startingAt: at('2024-01-01'), endingBefore: at('2025-01-01') }

// [case, input, expected problems as `field message` (without the root)]
const checkCases: Array<[string, RecurringInput, string[]]> = [
  ['a valid commit', commit('2024-01-01', { invoiceAmount: usd('800', '1') }), []],
  [
    'a valid commit with everything',
    commit('2024-02-01', {
      endingBefore: at('2024-12-01'),
      recurrenceFrequency: 'QUARTERLY',
      proration: 'NONE',
      prorationRounding: { access: rounding('HALF_UP', -5), invoice: rounding('FLOOR', 5) },
      rolloverFraction: new Dec('1'),
      applicableProductIds: ['p'],
    }),
    [],
  ],
  [
    'ending_before equal to starting_at',
    commit('2024-01-01', { endingBefore: at('2024-01-01') }),
    ['ending_before must be after starting_at'],
  ],
  [
    'ending_before before starting_at',
    commit('2024-02-01', { endingBefore: at('2024-01-15') }),
    ['ending_before must be after starting_at'],
  ],
  [
    'times off the hour',
    commit('2024-01-01T00:30:00Z', { endingBefore: at('2024-06-01T00:00:01Z') }),
    [
      'starting_at must be on an hour boundary (e.g. 1:00, not 1:30)',
      'ending_before must be on an hour boundary (e.g. 1:00, not 1:30)',
    ],
  ],
  [
    'starting before the contract',
    commit('2023-12-31'),
    ['starting_at must not be before the contract’s starting_at'],
  ],
  [
    'starting at the contract end',
    commit('2025-01-01'),
    ['starting_at must be before the contract’s ending_before'],
  ],
  [
    'negative access amounts',
    commit('2024-01-01', { accessAmount: usd('-1', '-2') }),
    ['access_amount.unit_price must be at least 0', 'access_amount.quantity must be at least 0'],
  ],
  [
    'a negative invoice amount',
    commit('2024-01-01', { invoiceAmount: usd('-800', '1') }),
    ['invoice_amount.unit_price must be at least 0'],
  ],
  [
    'no quantity and no subscription',
    commit('2024-01-01', { accessAmount: usd('1000') }),
    ['access_amount.quantity is required unless subscription_config is given'],
  ],
  [
    'no quantity with a subscription',
    commit('2024-01-01', {
      accessAmount: usd('1000'),
      subscriptionConfig: { subscriptionId: 's' },
    }),
    [],
  ],
  [
    'commit_duration 0',
    commit('2024-01-01', { commitDuration: { value: 0 } }),
    ['commit_duration.value must be a whole number of at least 1'],
  ],
  [
    'commit_duration 1.5',
    commit('2024-01-01', { commitDuration: { value: 1.5 } }),
    ['commit_duration.value must be a whole number of at least 1'],
  ],
  [
    'DAILY with a subscription',
    commit('2024-01-01', {
      recurrenceFrequency: 'DAILY',
      subscriptionConfig: { subscriptionId: 's' },
    }),
    ['recurrence_frequency DAILY cannot be used with subscription_config'],
  ],
  ['DAILY alone', commit('2024-01-01', { recurrenceFrequency: 'DAILY' }), []],
  [
    'rounding places out of range or fractional',
    commit('2024-01-01', {
      prorationRounding: { access: rounding('HALF_UP', -6), invoice: rounding('CEILING', 1.5) },
    }),
    [
      'proration_rounding.access.decimal_places must be a whole number from -5 to 5',
      'proration_rounding.invoice.decimal_places must be a whole number from -5 to 5',
    ],
  ],
  [
    'invoice fields on a credit',
    commit('2024-01-01', {
      kind: 'CREDIT',
      invoiceAmount: usd('1', '1'),
      prorationRounding: { invoice: rounding('HALF_UP', 0) },
    }),
    [
      'invoice_amount is only for recurring commits',
      'proration_rounding.invoice is only for recurring commits',
    ],
  ],
  [
    'rollover_fraction above 1',
    commit('2024-01-01', { rolloverFraction: new Dec('1.5') }),
    ['rollover_fraction must be between 0 and 1'],
  ],
  [
    'rollover_fraction below 0',
    commit('2024-01-01', { rolloverFraction: new Dec('-0.1') }),
    ['rollover_fraction must be between 0 and 1'],
  ],
  [
    'specifiers with applicable product tags',
    commit('2024-01-01', { applicableProductTags: ['compute'], specifiers: [{ product_id: 'p' }] }),
    ['specifiers cannot be used together with applicable_product_ids or applicable_product_tags'],
  ],
]
for (const [name, input, expected] of checkCases) {
  test(`check: ${name}`, () => {
    assert.deepEqual(
      checkRecurring(input, root, { contract: contractTerm }).map(
        (problem) => `${problem.field} ${problem.message}`,
      ),
      expected.map((problem) => `${root}.${problem}`),
    )
  })
}

test('check: without a contract, the start is not compared with it', () => {
  assert.deepEqual(checkRecurring(commit('2023-12-31'), root), [])
})

test('check: DAILY at most once per list', () => {
  const frequencies: Array<RecurrenceFrequency | null> = [
    'MONTHLY',
    'DAILY',
    null,
    'DAILY',
    'DAILY',
  ]
  assert.deepEqual(
    checkDailyRecurrenceLimit(
      frequencies.map((recurrenceFrequency) => ({ recurrenceFrequency })),
      'body.recurring_credits',
    ).map((problem) => problem.field),
    [
      'body.recurring_credits[3].recurrence_frequency',
      'body.recurring_credits[4].recurrence_frequency',
    ],
  )
})

// ---------------------------------------------------------------------------------------------
// Properties.

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** Hour-aligned instants in 2000–2050. */
const hourInstant = fc
  .integer({ min: Date.UTC(2000, 0, 1) / HOUR_MS, max: Date.UTC(2050, 0, 1) / HOUR_MS })
  .map((hours) => new Date(hours * HOUR_MS))

const anySchedule = fc
  .record({
    frequency: fc.constantFrom<StatementFrequency>('MONTHLY', 'QUARTERLY', 'ANNUAL', 'WEEKLY'),
    day: fc.constantFrom<StatementDay>('FIRST_OF_MONTH', 'CONTRACT_START', 'CUSTOM_DATE'),
    anchor: hourInstant,
  })
  .map(({ frequency, day, anchor }) =>
    usageStatementSchedule({
      frequency,
      day,
      ...(day === 'CUSTOM_DATE' ? { billingAnchorDate: anchor } : {}),
    }),
  )

/** A decimal with up to 30 digits and 10 places, from its integer units (no float involved). */
const anyDecimalText = fc
  .record({
    units: fc.bigInt({ min: 0n, max: 10n ** 30n }),
    scale: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ units, scale }) => decimalText(units, scale))

const anyRounding = fc.option(
  fc.record({
    roundingMethod: fc.constantFrom<ProrationRoundingMethod>('HALF_UP', 'FLOOR', 'CEILING'),
    decimalPlaces: fc.integer({ min: -5, max: 5 }),
  }),
  { nil: null },
)

const anyRecurringOnContract = fc
  .record({
    schedule: anySchedule,
    contractStart: hourInstant,
    contractHours: fc.integer({ min: 1, max: 2 * 366 * 24 }),
    openEnded: fc.boolean(),
    startOffsetHours: fc.integer({ min: 0, max: 400 * 24 }),
    recurringHours: fc.option(fc.integer({ min: 1, max: 400 * 24 }), { nil: null }),
    frequency: fc.option(
      fc.constantFrom<RecurrenceFrequency>('MONTHLY', 'QUARTERLY', 'ANNUAL', 'WEEKLY', 'DAILY'),
      { nil: null },
    ),
    duration: fc.integer({ min: 1, max: 3 }),
    proration: fc.constantFrom<Proration>('NONE', 'FIRST', 'LAST', 'FIRST_AND_LAST'),
    unitPrice: anyDecimalText,
    quantity: anyDecimalText,
    accessRounding: anyRounding,
    invoiceRounding: anyRounding,
  })
  .filter(({ startOffsetHours, contractHours }) => startOffsetHours < contractHours)
  .map((drawn) => {
    const contractEnd = new Date(drawn.contractStart.getTime() + drawn.contractHours * HOUR_MS)
    const recurringStart = new Date(
      drawn.contractStart.getTime() + drawn.startOffsetHours * HOUR_MS,
    )
    const recurring: Recurring = {
      kind: 'COMMIT',
      startingAt: recurringStart,
      endingBefore:
        drawn.recurringHours === null
          ? null
          : new Date(recurringStart.getTime() + drawn.recurringHours * HOUR_MS),
      accessAmount: {
        unitPrice: new Dec(drawn.unitPrice),
        quantity: new Dec(drawn.quantity),
        creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
      },
      invoiceAmount: {
        unitPrice: new Dec(drawn.unitPrice),
        quantity: new Dec(1),
        creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
      },
      commitDurationPeriods: drawn.duration,
      recurrenceFrequency: drawn.frequency,
      proration: drawn.proration,
      prorationRounding: { access: drawn.accessRounding, invoice: drawn.invoiceRounding },
    }
    const given: RecurringContext = {
      contract: {
        startingAt: drawn.contractStart,
        endingBefore: drawn.openEnded ? null : contractEnd,
      },
      statementSchedule: drawn.schedule,
      until: contractEnd,
    }
    return { recurring, context: given }
  })

test('property: instances tile the recurring’s term; access starts with the instance, within the term', () => {
  fc.assert(
    fc.property(anyRecurringOnContract, ({ recurring, context: given }) => {
      const instances = recurringInstances(recurring, given)
      assert.ok(instances.length > 0)
      assert.equal(instances[0]!.period.startingAt.getTime(), recurring.startingAt.getTime())
      instances.forEach((instance, index) => {
        assert.equal(instance.index, index)
        const next = instances[index + 1]
        if (next)
          assert.equal(instance.period.endingBefore.getTime(), next.period.startingAt.getTime())
        assert.equal(instance.access.startingAt.getTime(), instance.period.startingAt.getTime())
        assert.ok(instance.access.endingBefore.getTime() >= instance.period.endingBefore.getTime())
        const ends = [recurring.endingBefore, given.contract.endingBefore].filter(
          (end) => end !== null,
        )
        for (const end of ends) assert.ok(instance.access.endingBefore.getTime() <= end.getTime())
      })
    }),
    { numRuns: 300 },
  )
})

test('property: prorated amounts lie between 0 and the full amount, rounded or not', () => {
  fc.assert(
    fc.property(anyRecurringOnContract, ({ recurring, context: given }) => {
      const fullAccess = fullAmount(recurring.accessAmount)
      const fullInvoice = fullAmount(recurring.invoiceAmount!)
      for (const instance of recurringInstances(recurring, given)) {
        assert.ok(instance.access.amount instanceof Dec && instance.invoice!.amount instanceof Dec)
        assert.ok(instance.access.amount.gte(0) && instance.access.amount.lte(fullAccess))
        assert.ok(instance.invoice!.amount.gte(0) && instance.invoice!.amount.lte(fullInvoice))
        if (instance.proration === null) {
          assert.ok(
            instance.access.amount.equals(fullAccess),
            'a whole period costs the full amount',
          )
        } else {
          assert.ok(instance.proration.coveredMs < instance.proration.periodMs)
        }
      }
    }),
    { numRuns: 300 },
  )
})

test('property: split at any instant, the two exact fractions of that period sum to 1', () => {
  fc.assert(
    fc.property(
      anySchedule,
      hourInstant,
      fc.integer({ min: 1, max: 2 * 366 * 24 }),
      anyDecimalText,
      (schedule, contractStart, splitHours, unitPrice) => {
        // A CONTRACT_START schedule starts on a boundary, so the period holding the split is
        // whole: one recurring ends at the split, the next starts there, both on the statement
        // periods (with a recurrence_frequency the second would count periods from the split).
        const statementSchedule = {
          ...schedule,
          day: 'CONTRACT_START' as const,
          billingAnchorDate: null,
        }
        const split = new Date(contractStart.getTime() + splitHours * HOUR_MS)
        const given: RecurringContext = {
          contract: { startingAt: contractStart, endingBefore: null },
          statementSchedule,
          until: new Date(split.getTime() + 800 * DAY_MS),
        }
        const base: Recurring = {
          ...recurringFromInput(commit('2024-01-01', { accessAmount: usd(unitPrice, '1') })),
          startingAt: contractStart,
        }
        const before = recurringInstances({ ...base, endingBefore: split }, given)
        const after = recurringInstances({ ...base, startingAt: split }, given)
        const cut = before[before.length - 1]!
        const [resumed] = after
        if (cut.period.endingBefore.getTime() === cut.fullPeriod.endingBefore.getTime()) {
          return // the split fell on a period boundary: nothing was cut
        }
        assert.deepEqual(resumed?.fullPeriod, cut.fullPeriod)
        const [a, b] = [cut.proration!, resumed!.proration!]
        assert.equal(a.periodMs, b.periodMs)
        assert.equal(a.coveredMs + b.coveredMs, a.periodMs, 'the fractions sum to exactly 1')
        // Unrounded amounts keep 50 significant digits each: their sum is the whole within that.
        const full = fullAmount(base.accessAmount)
        const sum = cut.access.amount.plus(resumed!.access.amount)
        assert.ok(
          sum.minus(full).abs().lte(full.times('1e-48')),
          `${sum.toFixed()} ≠ ${full.toFixed()}`,
        )
      },
    ),
    { numRuns: 500 },
  )
})

test('property: FIRST and LAST fractions of one whole period partition it', () => {
  fc.assert(
    fc.property(
      hourInstant,
      fc.integer({ min: 2, max: 400 * 24 }),
      fc.integer({ min: 1, max: 400 * 24 }),
      (start, periodHours, splitHours) => {
        fc.pre(splitHours < periodHours)
        const fullPeriod = {
          startingAt: start,
          endingBefore: new Date(start.getTime() + periodHours * HOUR_MS),
        }
        const split = new Date(start.getTime() + splitHours * HOUR_MS)
        const head = prorationOf(
          { index: 0, startingAt: start, endingBefore: split, fullPeriod },
          'LAST',
        )
        const tail = prorationOf(
          { index: 0, startingAt: split, endingBefore: fullPeriod.endingBefore, fullPeriod },
          'FIRST',
        )
        assert.equal(head!.coveredMs + tail!.coveredMs, periodHours * HOUR_MS)
        assert.equal(head!.periodMs, periodHours * HOUR_MS)
        assert.equal(tail!.periodMs, periodHours * HOUR_MS)
      },
    ),
  )
})

/** A decimal as an integer count of 10^-scale, printed without any float. */
function decimalText(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${units < 0n ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`
}

/** numerator / denominator (both ≥ 0, denominator > 0) rounded to an integer by the method. */
function roundedDivision(numerator: bigint, denominator: bigint, method: ProrationRoundingMethod) {
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  if (remainder === 0n) return quotient
  if (method === 'CEILING') return quotient + 1n
  if (method === 'HALF_UP' && 2n * remainder >= denominator) return quotient + 1n
  return quotient
}

test('property: rounded prorated amounts equal a BigInt reference, digit for digit (no floats)', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: 10n ** 30n }),
      fc.integer({ min: 0, max: 12 }),
      fc.bigInt({ min: 0n, max: 10n ** 12n }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 1, max: 366 * 24 }),
      fc.integer({ min: 0, max: 366 * 24 }),
      fc.constantFrom<ProrationRoundingMethod>('HALF_UP', 'FLOOR', 'CEILING'),
      fc.integer({ min: -5, max: 5 }),
      (
        priceUnits,
        priceScale,
        quantityUnits,
        quantityScale,
        periodHours,
        coveredHours,
        method,
        places,
      ) => {
        fc.pre(coveredHours < periodHours)
        const amount = {
          unitPrice: new Dec(decimalText(priceUnits, priceScale)),
          quantity: new Dec(decimalText(quantityUnits, quantityScale)),
          creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
        }
        const full = fullAmount(amount)
        const fullUnits = priceUnits * quantityUnits
        const fullScale = priceScale + quantityScale
        assert.ok(
          full.equals(new Dec(decimalText(fullUnits, fullScale))),
          'the full amount is exact',
        )

        const fraction = { coveredMs: coveredHours * HOUR_MS, periodMs: periodHours * HOUR_MS }
        const prorated = proratedAmount(full, fraction, {
          roundingMethod: method,
          decimalPlaces: places,
        })
        // value × 10^places = fullUnits × covered × 10^places / (10^fullScale × period)
        const shift = 10n ** BigInt(Math.abs(places))
        const numerator = fullUnits * BigInt(coveredHours) * (places >= 0 ? shift : 1n)
        const denominator =
          10n ** BigInt(fullScale) * BigInt(periodHours) * (places < 0 ? shift : 1n)
        const units = roundedDivision(numerator, denominator, method)
        const rounded = new Dec(
          places >= 0 ? decimalText(units, places) : (units * shift).toString(),
        )
        const expected = rounded.gt(full) ? full : rounded
        assert.ok(prorated.equals(expected), `${prorated.toFixed()} ≠ ${expected.toFixed()}`)
      },
    ),
    { numRuns: 2000 },
  )
})
