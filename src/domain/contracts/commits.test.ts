import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import {
  accessTypeOf,
  balanceApplies,
  checkCommit,
  checkCredit,
  costBasis,
  drawdownClass,
  invoiceItemAmount,
  invoiceScheduleItems,
  newCommit,
  newCredit,
  type BalanceLine,
  type CommitInput,
  type CommitSpecifier,
  type CreditInput,
} from './commits.js'
import type { RecurringScheduleInput } from './recurring-schedule.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)

const prepaid: CommitInput = {
  type: 'PREPAID',
  productId: 'fixed',
  accessSchedule: {
    items: [
      {
        amount: dec('1000'),
        startingAt: at('2026-01-01T00:00Z'),
        endingBefore: at('2026-04-01T00:00Z'),
      },
      {
        amount: dec('1000'),
        startingAt: at('2026-04-01T00:00Z'),
        endingBefore: at('2026-07-01T00:00Z'),
      },
    ],
  },
  invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z'), amount: dec('1600') }] },
}

const postpaid: CommitInput = {
  type: 'POSTPAID',
  productId: 'fixed',
  accessSchedule: {
    items: [
      {
        amount: dec('10000'),
        startingAt: at('2026-01-01T00:00Z'),
        endingBefore: at('2027-01-01T00:00Z'),
      },
    ],
  },
  invoiceSchedule: { items: [{ timestamp: at('2027-01-01T00:00Z'), amount: dec('10000') }] },
}

/** A prepaid commit with no invoice schedule: free to the customer. */
const complimentary: CommitInput = {
  type: 'PREPAID',
  productId: 'fixed',
  accessSchedule: prepaid.accessSchedule!,
}

const credit: CreditInput = {
  productId: 'fixed',
  accessSchedule: {
    items: [
      {
        amount: dec('500'),
        startingAt: at('2026-01-01T00:00Z'),
        endingBefore: at('2026-01-16T00:00Z'),
      },
    ],
  },
}

/** Jan, Feb and Mar 2026, shared evenly; `monthly` bills 1600 over them. */
const withoutAmount: RecurringScheduleInput = {
  startingAt: at('2026-01-01T00:00Z'),
  endingBefore: at('2026-04-01T00:00Z'),
  frequency: 'MONTHLY',
  amountDistribution: 'DIVIDED',
}
const monthly: RecurringScheduleInput = { ...withoutAmount, amount: dec('1600') }

const segment = (amount: string, from: string, to: string) => ({
  amount: dec(amount),
  startingAt: at(from),
  endingBefore: at(to),
})

// [case, input, expected problems as `field: message`]
const commitCases: Array<[string, CommitInput, string[]]> = [
  ['a valid prepaid commit', prepaid, []],
  ['a valid postpaid commit', postpaid, []],
  ['a complimentary prepaid commit needs no invoice schedule', complimentary, []],
  [
    'invoice amounts may differ from access amounts (cost basis)',
    {
      ...prepaid,
      invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z'), amount: dec('1') }] },
    },
    [],
  ],
  [
    'the access schedule is required',
    { type: 'PREPAID', productId: 'fixed' },
    ['body.access_schedule: is required'],
  ],
  [
    'the access schedule needs an item',
    { ...prepaid, accessSchedule: { items: [] } },
    ['body.access_schedule.schedule_items: must not be empty'],
  ],
  [
    'a segment must end after it starts',
    {
      ...prepaid,
      accessSchedule: { items: [segment('1', '2026-02-01T00:00Z', '2026-02-01T00:00Z')] },
    },
    ['body.access_schedule.schedule_items[0].ending_before: must be after starting_at'],
  ],
  [
    'segments must be in order',
    {
      ...prepaid,
      accessSchedule: {
        items: [
          segment('1', '2026-02-01T00:00Z', '2026-03-01T00:00Z'),
          segment('1', '2026-01-01T00:00Z', '2026-02-01T00:00Z'),
        ],
      },
    },
    [
      'body.access_schedule.schedule_items[1].starting_at: must not be before schedule_items[0].ending_before (segments are in order and never overlap)',
    ],
  ],
  [
    'segments must not overlap; touching is fine',
    {
      ...prepaid,
      accessSchedule: {
        items: [
          segment('1', '2026-01-01T00:00Z', '2026-02-01T00:00Z'),
          segment('1', '2026-02-01T00:00Z', '2026-03-01T00:00Z'),
          segment('1', '2026-02-15T00:00Z', '2026-04-01T00:00Z'),
        ],
      },
    },
    [
      'body.access_schedule.schedule_items[2].starting_at: must not be before schedule_items[1].ending_before (segments are in order and never overlap)',
    ],
  ],
  [
    'access amounts must not be negative; zero is allowed',
    {
      ...prepaid,
      accessSchedule: {
        items: [
          segment('0', '2026-01-01T00:00Z', '2026-02-01T00:00Z'),
          segment('-0.5', '2026-02-01T00:00Z', '2026-03-01T00:00Z'),
        ],
      },
    },
    ['body.access_schedule.schedule_items[1].amount: must not be negative'],
  ],
  [
    'segments are hour-aligned',
    {
      ...prepaid,
      accessSchedule: { items: [segment('1', '2026-01-01T00:30Z', '2026-02-01T00:00:01Z')] },
    },
    [
      'body.access_schedule.schedule_items[0].starting_at: must be on an hour boundary (e.g. 1:00, not 1:30)',
      'body.access_schedule.schedule_items[0].ending_before: must be on an hour boundary (e.g. 1:00, not 1:30)',
    ],
  ],
  [
    'rollover_fraction above 1',
    { ...prepaid, rolloverFraction: dec('1.01') },
    ['body.rollover_fraction: must be between 0 and 1'],
  ],
  [
    'rollover_fraction below 0',
    { ...prepaid, rolloverFraction: dec('-0.1') },
    ['body.rollover_fraction: must be between 0 and 1'],
  ],
  ['rollover_fraction 0 and 1 are allowed', { ...prepaid, rolloverFraction: dec('1') }, []],
  [
    'priority must not be negative (as on recurring terms); zero is allowed',
    { ...prepaid, priority: dec('-0.1') },
    ['body.priority: must not be negative'],
  ],
  ['priority zero', { ...prepaid, priority: dec('0') }, []],
  [
    'invoice items are in time order',
    {
      ...prepaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2026-03-01T00:00Z'), amount: dec('1') },
          { timestamp: at('2026-01-01T00:00Z'), amount: dec('1') },
          { timestamp: at('2026-02-01T00:00Z'), amount: dec('1') },
        ],
      },
    },
    [
      'body.invoice_schedule.schedule_items[1].timestamp: must not be before schedule_items[0].timestamp (items are in time order)',
    ],
  ],
  [
    'two invoice items at one instant are refused',
    {
      ...prepaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2026-01-01T00:00Z'), amount: dec('1') },
          { timestamp: at('2026-01-01T00:00Z'), unitPrice: dec('1'), quantity: dec('2') },
        ],
      },
    },
    [
      'body.invoice_schedule.schedule_items[1].timestamp: must be after schedule_items[0].timestamp; two items at one instant would be one invoice',
    ],
  ],
  [
    'invoice items a millisecond apart are in order',
    {
      ...prepaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2026-01-01T00:00:00.000Z'), amount: dec('1') },
          { timestamp: at('2026-01-01T00:00:00.001Z'), amount: dec('1') },
        ],
      },
    },
    [],
  ],
  [
    'specifiers exclude applicable products',
    { ...prepaid, applicableProductIds: ['p'], specifiers: [{ productId: 'p' }] },
    [
      'body.specifiers: cannot be used together with applicable_product_ids or applicable_product_tags',
    ],
  ],
  [
    'an invoice item takes amount or unit_price and quantity, not both',
    {
      ...prepaid,
      invoiceSchedule: {
        items: [{ timestamp: at('2026-01-01T00:00Z'), amount: dec('1'), quantity: dec('2') }],
      },
    },
    ['body.invoice_schedule.schedule_items[0].amount: cannot be given with unit_price or quantity'],
  ],
  [
    'unit_price needs quantity',
    {
      ...prepaid,
      invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z'), unitPrice: dec('1') }] },
    },
    ['body.invoice_schedule.schedule_items[0].quantity: is required with unit_price'],
  ],
  [
    'quantity needs unit_price',
    {
      ...prepaid,
      invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z'), quantity: dec('1') }] },
    },
    ['body.invoice_schedule.schedule_items[0].unit_price: is required with quantity'],
  ],
  [
    'an invoice item needs an amount somehow',
    { ...prepaid, invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z') }] } },
    ['body.invoice_schedule.schedule_items[0]: needs amount, or unit_price and quantity'],
  ],
  [
    'invoice amounts must not be negative',
    {
      ...prepaid,
      invoiceSchedule: {
        items: [{ timestamp: at('2026-01-01T00:00Z'), unitPrice: dec('-1'), quantity: dec('2') }],
      },
    },
    ['body.invoice_schedule.schedule_items[0].unit_price: must not be negative'],
  ],
  [
    'the invoice schedule needs schedule_items or recurring_schedule',
    { ...prepaid, invoiceSchedule: {} },
    ['body.invoice_schedule: needs exactly one of schedule_items or recurring_schedule'],
  ],
  [
    'a recurring invoice schedule',
    { ...prepaid, invoiceSchedule: { recurringSchedule: monthly } },
    [],
  ],
  [
    'schedule_items and a recurring_schedule together',
    {
      ...prepaid,
      invoiceSchedule: { items: prepaid.invoiceSchedule!.items!, recurringSchedule: monthly },
    },
    ['body.invoice_schedule: needs exactly one of schedule_items or recurring_schedule'],
  ],
  [
    'a recurring schedule ends after it starts and takes amount or unit_price and quantity',
    {
      ...prepaid,
      invoiceSchedule: {
        recurringSchedule: {
          ...monthly,
          endingBefore: monthly.startingAt,
          unitPrice: dec('2'),
          quantity: dec('3'),
        },
      },
    },
    [
      'body.invoice_schedule.recurring_schedule.ending_before: must be after starting_at',
      'body.invoice_schedule.recurring_schedule.amount: cannot be given with unit_price or quantity',
    ],
  ],
  [
    'a recurring schedule needs an amount somehow',
    {
      ...prepaid,
      invoiceSchedule: { recurringSchedule: { ...withoutAmount, unitPrice: dec('2') } },
    },
    ['body.invoice_schedule.recurring_schedule.quantity: is required with unit_price'],
  ],
  [
    'recurring amounts must not be negative on commits',
    {
      ...prepaid,
      invoiceSchedule: {
        recurringSchedule: { ...withoutAmount, unitPrice: dec('2'), quantity: dec('-1') },
      },
    },
    ['body.invoice_schedule.recurring_schedule.quantity: must not be negative'],
  ],
  [
    'the deprecated amount is refused',
    { ...prepaid, amount: dec('5') },
    ['body.amount: is deprecated and not supported; use access_schedule and invoice_schedule'],
  ],
  [
    'postpaid: exactly one access segment',
    {
      ...postpaid,
      accessSchedule: {
        items: [
          segment('5000', '2026-01-01T00:00Z', '2026-07-01T00:00Z'),
          segment('5000', '2026-07-01T00:00Z', '2027-01-01T00:00Z'),
        ],
      },
    },
    ['body.access_schedule.schedule_items: must have exactly one item for POSTPAID commits'],
  ],
  [
    'postpaid: an invoice schedule is required',
    { type: 'POSTPAID', productId: 'fixed', accessSchedule: postpaid.accessSchedule! },
    ['body.invoice_schedule: is required for POSTPAID commits'],
  ],
  [
    'postpaid: exactly one invoice item',
    {
      ...postpaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2026-06-01T00:00Z'), amount: dec('5000') },
          { timestamp: at('2027-01-01T00:00Z'), amount: dec('5000') },
        ],
      },
    },
    ['body.invoice_schedule.schedule_items: must have exactly one item for POSTPAID commits'],
  ],
  [
    'postpaid: the invoice amount equals the access amount',
    {
      ...postpaid,
      invoiceSchedule: { items: [{ timestamp: at('2027-01-01T00:00Z'), amount: dec('9999.99') }] },
    },
    [
      'body.invoice_schedule.schedule_items[0].amount: must equal the access amount (10000) for POSTPAID commits',
    ],
  ],
  [
    'postpaid: unit_price × quantity counts exactly',
    {
      ...postpaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2027-01-01T00:00Z'), unitPrice: dec('0.1'), quantity: dec('100000') },
        ],
      },
    },
    [],
  ],
  [
    'postpaid: a recurring schedule that expands to the one true-up item',
    {
      ...postpaid,
      invoiceSchedule: {
        recurringSchedule: {
          ...monthly,
          startingAt: at('2027-01-01T00:00Z'),
          endingBefore: at('2027-01-02T00:00Z'),
          amount: dec('10000'),
        },
      },
    },
    [],
  ],
  [
    'postpaid: a recurring schedule of several items',
    {
      ...postpaid,
      invoiceSchedule: { recurringSchedule: { ...monthly, amount: dec('10000') } },
    },
    [
      'body.invoice_schedule.recurring_schedule: must expand to exactly one item for POSTPAID commits (it gives 3)',
    ],
  ],
  [
    'postpaid: a recurring schedule of one item for another amount',
    {
      ...postpaid,
      invoiceSchedule: {
        recurringSchedule: {
          ...monthly,
          endingBefore: at('2026-02-01T00:00Z'),
          frequency: 'ANNUAL',
          amount: dec('9000'),
        },
      },
    },
    [
      'body.invoice_schedule.recurring_schedule: must equal the access amount (10000) for POSTPAID commits',
    ],
  ],
  [
    'postpaid: a bad recurring schedule is reported once',
    {
      ...postpaid,
      invoiceSchedule: { recurringSchedule: { ...monthly, endingBefore: monthly.startingAt } },
    },
    ['body.invoice_schedule.recurring_schedule.ending_before: must be after starting_at'],
  ],
  [
    'postpaid: invoice and access share a credit type',
    {
      ...postpaid,
      invoiceSchedule: {
        creditTypeId: 'eur',
        items: [{ timestamp: at('2027-01-01T00:00Z'), amount: dec('10000') }],
      },
    },
    [
      'body.invoice_schedule.credit_type_id: must equal access_schedule.credit_type_id for POSTPAID commits',
    ],
  ],
]

const described = (problems: readonly { field: string; message: string }[]) =>
  problems.map((problem) => `${problem.field}: ${problem.message}`)

for (const [name, input, expected] of commitCases) {
  test(`checkCommit: ${name}`, () => {
    assert.deepEqual(described(checkCommit(input)), expected)
  })
}

const creditCases: Array<[string, CreditInput, string[]]> = [
  ['a valid credit', credit, []],
  [
    'credits have no invoice schedule',
    { ...credit, invoiceSchedule: { schedule_items: [] } },
    ['body.invoice_schedule: is only for commits (credits are never invoiced)'],
  ],
  [
    'credits check their access schedule like commits',
    {
      ...credit,
      accessSchedule: { items: [segment('-1', '2026-02-01T00:00Z', '2026-01-01T00:00Z')] },
    },
    [
      'body.access_schedule.schedule_items[0].amount: must not be negative',
      'body.access_schedule.schedule_items[0].ending_before: must be after starting_at',
    ],
  ],
  [
    'credits roll over within [0, 1] too',
    { ...credit, rolloverFraction: dec('2') },
    ['body.rollover_fraction: must be between 0 and 1'],
  ],
  [
    'credits refuse a negative priority too',
    { ...credit, priority: dec('-1') },
    ['body.priority: must not be negative'],
  ],
  [
    'credit segments are in order too',
    {
      ...credit,
      accessSchedule: {
        items: [
          segment('1', '2026-01-01T00:00Z', '2026-03-01T00:00Z'),
          segment('1', '2026-02-01T00:00Z', '2026-04-01T00:00Z'),
        ],
      },
    },
    [
      'body.access_schedule.schedule_items[1].starting_at: must not be before schedule_items[0].ending_before (segments are in order and never overlap)',
    ],
  ],
]

for (const [name, input, expected] of creditCases) {
  test(`checkCredit: ${name}`, () => {
    assert.deepEqual(described(checkCredit(input)), expected)
  })
}

test('problems are named under the root given', () => {
  const problems = checkCommit(
    {
      ...prepaid,
      accessSchedule: { items: [segment('1', '2026-02-01T00:00Z', '2026-01-01T00:00Z')] },
    },
    'body.commits[1]',
  )
  assert.deepEqual(described(problems), [
    'body.commits[1].access_schedule.schedule_items[0].ending_before: must be after starting_at',
  ])
})

test('newCommit: defaults, ids and exact invoice amounts', () => {
  const commit = newCommit(
    {
      ...prepaid,
      invoiceSchedule: {
        items: [
          { timestamp: at('2026-01-01T00:00Z'), amount: dec('1000') },
          { timestamp: at('2026-04-01T00:00Z'), unitPrice: dec('0.8'), quantity: dec('750.5') },
        ],
      },
    },
    {
      id: 'c1',
      contractId: 'k1',
      segmentIds: ['s1', 's2'],
      invoiceItemIds: ['i1', 'i2'],
      createdAt: at('2025-12-01T00:00Z'),
    },
  )
  assert.equal(commit.accessSchedule.creditTypeId, USD_CENTS_CREDIT_TYPE_ID)
  assert.deepEqual(
    commit.accessSchedule.segments.map((each) => each.id),
    ['s1', 's2'],
  )
  assert.equal(commit.rateType, 'LIST_RATE')
  assert.equal(commit.rolloverFraction, null)
  const [first, second] = commit.invoiceSchedule!.items
  assert.deepEqual(
    [first!.amount.toString(), first!.unitPrice.toString(), first!.quantity.toString()],
    ['1000', '1000', '1'],
  )
  assert.equal(second!.amount.toString(), '600.4')
  assert.equal(commit.invoiceSchedule!.doNotInvoice, false)
})

test('newCommit: a recurring invoice schedule is stored as its items, one id each', () => {
  const input: CommitInput = {
    ...prepaid,
    invoiceSchedule: {
      recurringSchedule: { ...monthly, amount: dec('100'), amountDistribution: 'DIVIDED_ROUNDED' },
    },
  }
  const items = invoiceScheduleItems(input.invoiceSchedule)
  assert.equal(items.length, 3)
  const ids = {
    id: 'c1',
    contractId: null,
    segmentIds: ['s1', 's2'],
    invoiceItemIds: ['i1', 'i2', 'i3'],
    createdAt: at('2025-12-01T00:00Z'),
  }
  const commit = newCommit(input, ids)
  assert.deepEqual(
    commit.invoiceSchedule!.items.map((item) => [
      item.id,
      item.timestamp.toISOString(),
      item.amount.toString(),
      item.unitPrice.toString(),
      item.quantity.toString(),
    ]),
    [
      ['i1', '2026-01-01T00:00:00.000Z', '33', '33', '1'],
      ['i2', '2026-02-01T00:00:00.000Z', '33', '33', '1'],
      ['i3', '2026-03-01T00:00:00.000Z', '34', '34', '1'],
    ],
  )
  assert.throws(() => newCommit(input, { ...ids, invoiceItemIds: ['i1'] }))
})

test('newCommit: a missing id is a bug', () => {
  assert.throws(() =>
    newCommit(prepaid, {
      id: 'c',
      contractId: null,
      segmentIds: ['s1'],
      createdAt: at('2026-01-01'),
    }),
  )
})

test('newCredit: a credit of the same shape', () => {
  const made = newCredit(credit, {
    id: 'cr',
    contractId: null,
    segmentIds: ['s'],
    createdAt: at('2026-01-01T00:00Z'),
  })
  assert.equal(made.kind, 'CREDIT')
  assert.equal(made.accessSchedule.segments[0]!.amount.toString(), '500')
})

test('invoiceItemAmount multiplies exactly', () => {
  const amount = invoiceItemAmount({
    unitPrice: dec('0.1'),
    quantity: dec('0.3'),
  })
  assert.equal(amount?.toString(), '0.03')
})

const context = (id: string) => ({
  id,
  contractId: 'k',
  segmentIds: ['s1', 's2'],
  invoiceItemIds: ['i1'],
  createdAt: at('2026-01-01T00:00Z'),
})

test('costBasis: paid ÷ granted; credits and complimentary commits are free (WE-19)', () => {
  const paid = newCommit(
    {
      ...prepaid,
      invoiceSchedule: { items: [{ timestamp: at('2026-01-01T00:00Z'), amount: dec('1600') }] },
    },
    context('paid'),
  )
  assert.equal(costBasis(paid).toString(), '0.8')
  const free = newCommit(complimentary, { ...context('free'), invoiceItemIds: [] })
  assert.equal(costBasis(free).toString(), '0')
  assert.equal(
    costBasis(newCredit(credit, { ...context('cr'), segmentIds: ['s'] })).toString(),
    '0',
  )
})

test('drawdownClass: rollover postpaid, rollover, prepaid and credits, postpaid (§4.9)', () => {
  const pre = newCommit(prepaid, context('pre'))
  const post = newCommit(postpaid, { ...context('post'), segmentIds: ['s'] })
  const cred = newCredit(credit, { ...context('cr'), segmentIds: ['s'] })
  const from = { contractId: 'old', id: 'x' }
  assert.deepEqual(
    [
      drawdownClass({ ...post, rolledOverFrom: from }),
      drawdownClass({ ...pre, rolledOverFrom: from }),
      drawdownClass({ ...cred, rolledOverFrom: from }),
      drawdownClass(pre),
      drawdownClass(cred),
      drawdownClass(post),
    ],
    [0, 1, 1, 2, 2, 3],
  )
})

// ---------------------------------------------------------------------------------------------
// access_type and specifier exclusions.

test('newCommit and newCredit keep the access type; none given reads as SPEND', () => {
  const context = {
    id: 'c',
    contractId: null,
    segmentIds: ['s1', 's2'],
    invoiceItemIds: ['i1'],
    createdAt: at('2026-01-01'),
  }
  const quantity = newCommit(
    { ...prepaid, accessSchedule: { ...prepaid.accessSchedule!, accessType: 'QUANTITY' } },
    context,
  )
  assert.equal(quantity.accessSchedule.accessType, 'QUANTITY')
  assert.equal(accessTypeOf(quantity), 'QUANTITY')
  const plain = newCommit(prepaid, context)
  assert.equal(plain.accessSchedule.accessType, undefined)
  assert.equal(accessTypeOf(plain), 'SPEND')
  const madeCredit = newCredit(
    { ...credit, accessSchedule: { ...credit.accessSchedule!, accessType: 'QUANTITY' } },
    { ...context, segmentIds: ['s'], invoiceItemIds: [] },
  )
  assert.equal(accessTypeOf(madeCredit), 'QUANTITY')
})

const excludeCheckCases: Array<[string, readonly CommitSpecifier[], string[]]> = [
  ['an exclusion by tags', [{ productId: 'p', exclude: [{ productTags: ['beta'] }] }], []],
  [
    'an exclusion with nothing else (all products but these)',
    [{ exclude: [{ productTags: ['x'] }] }],
    [],
  ],
  [
    'an entry with no criteria',
    [{ productId: 'p' }, { productId: 'q', exclude: [{ productTags: ['a'] }, {}] }],
    ['body.specifiers[1].exclude[1]: must give product_tags (the only exclusion criterion)'],
  ],
  [
    'an entry with an empty tag list',
    [{ exclude: [{ productTags: [] }] }],
    ['body.specifiers[0].exclude[0].product_tags: must list at least one tag'],
  ],
]

for (const [name, specifiers, expected] of excludeCheckCases) {
  test(`checkCommit/checkCredit exclude: ${name}`, () => {
    assert.deepEqual(described(checkCommit({ ...prepaid, specifiers })), expected)
    assert.deepEqual(described(checkCredit({ ...credit, specifiers })), expected)
  })
}

/** Product p tagged [ai, audio], region=us, presented for user ann. */
const usageLine = (changes: Partial<BalanceLine> = {}): BalanceLine => ({
  productId: 'p',
  productTags: ['ai', 'audio'],
  pricingGroupValues: { region: 'us', model: 'large' },
  presentationGroupValues: { user: 'ann' },
  ...changes,
})

type Applicability = Parameters<typeof balanceApplies>[0]
const applicability = (changes: Partial<Applicability> = {}): Applicability => ({
  specifiers: null,
  applicableProductIds: null,
  applicableProductTags: null,
  ...changes,
})

// [case, balance, line, applies]
const applyCases: Array<[string, Applicability, BalanceLine, boolean]> = [
  ['no restriction applies to every product', applicability(), usageLine(), true],
  [
    'empty lists are no restriction',
    applicability({ applicableProductIds: [], specifiers: [] }),
    usageLine(),
    true,
  ],
  ['a listed product', applicability({ applicableProductIds: ['q', 'p'] }), usageLine(), true],
  ['an unlisted product', applicability({ applicableProductIds: ['q'] }), usageLine(), false],
  [
    'any one applicable tag',
    applicability({ applicableProductTags: ['video', 'ai'] }),
    usageLine(),
    true,
  ],
  [
    'ids and tags: either lets it in',
    applicability({ applicableProductIds: ['q'], applicableProductTags: ['ai'] }),
    usageLine(),
    true,
  ],
  ['no common tag', applicability({ applicableProductTags: ['video'] }), usageLine(), false],
  [
    'a specifier’s tags need all',
    applicability({ specifiers: [{ productTags: ['ai', 'video'] }] }),
    usageLine(),
    false,
  ],
  [
    'specifiers are alternatives',
    applicability({ specifiers: [{ productId: 'q' }, { productTags: ['ai'] }] }),
    usageLine(),
    true,
  ],
  [
    'pricing group values may be a subset',
    applicability({ specifiers: [{ pricingGroupValues: { region: 'us' } }] }),
    usageLine(),
    true,
  ],
  [
    'a different pricing group value',
    applicability({ specifiers: [{ pricingGroupValues: { region: 'eu' } }] }),
    usageLine(),
    false,
  ],
  [
    'a line without group values matches no group-value specifier',
    applicability({ specifiers: [{ pricingGroupValues: { region: 'us' } }] }),
    usageLine({ pricingGroupValues: null }),
    false,
  ],
  [
    'presentation group values',
    applicability({ specifiers: [{ presentationGroupValues: { user: 'bob' } }] }),
    usageLine(),
    false,
  ],
  [
    'an exclusion takes a matching product out',
    applicability({ specifiers: [{ productId: 'p', exclude: [{ productTags: ['audio'] }] }] }),
    usageLine(),
    false,
  ],
  [
    'an exclusion needs every tag of its entry',
    applicability({
      specifiers: [{ productId: 'p', exclude: [{ productTags: ['audio', 'beta'] }] }],
    }),
    usageLine(),
    true,
  ],
  [
    'any one exclusion entry is enough',
    applicability({
      specifiers: [{ exclude: [{ productTags: ['beta'] }, { productTags: ['ai'] }] }],
    }),
    usageLine(),
    false,
  ],
  [
    'an exclusion alone: every product but those',
    applicability({ specifiers: [{ exclude: [{ productTags: ['beta'] }] }] }),
    usageLine(),
    true,
  ],
  [
    'an exclusion in one specifier does not stop another',
    applicability({
      specifiers: [
        { productId: 'p', exclude: [{ productTags: ['ai'] }] },
        { pricingGroupValues: { region: 'us' } },
      ],
    }),
    usageLine(),
    true,
  ],
  [
    'exclusion regardless of group values',
    applicability({
      specifiers: [{ pricingGroupValues: { region: 'us' }, exclude: [{ productTags: ['ai'] }] }],
    }),
    usageLine(),
    false,
  ],
]

for (const [name, balance, subject, expected] of applyCases) {
  test(`balanceApplies: ${name}`, () => {
    assert.equal(balanceApplies(balance, subject), expected)
  })
}

const tagPool = ['a', 'b', 'c', 'd']
const arbitrarySpecifier: fc.Arbitrary<CommitSpecifier> = fc.record(
  {
    productId: fc.constantFrom('p', 'q'),
    productTags: fc.subarray(tagPool, { minLength: 1, maxLength: 2 }),
    pricingGroupValues: fc.constantFrom({ region: 'us' }, { region: 'eu' }),
    exclude: fc.array(fc.record({ productTags: fc.subarray(tagPool, { minLength: 1 }) }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
)
const arbitraryLine: fc.Arbitrary<BalanceLine> = fc.record({
  productId: fc.constantFrom('p', 'q'),
  productTags: fc.subarray(tagPool),
  pricingGroupValues: fc.constantFrom(null, { region: 'us' }, { region: 'eu', model: 'x' }),
})

test('balanceApplies property: a line every specifier excludes never matches', () => {
  fc.assert(
    fc.property(
      fc.array(arbitrarySpecifier, { minLength: 1, maxLength: 3 }),
      arbitraryLine,
      (specifiers, subject) => {
        const excludedEverywhere = specifiers.every((specifier) =>
          (specifier.exclude ?? []).some((entry) =>
            entry.productTags!.every((tag) => subject.productTags.includes(tag)),
          ),
        )
        if (excludedEverywhere) {
          assert.equal(balanceApplies(applicability({ specifiers }), subject), false)
        }
      },
    ),
  )
})

test('balanceApplies property: removing every exclude never shrinks the lines matched', () => {
  fc.assert(
    fc.property(
      fc.array(arbitrarySpecifier, { minLength: 1, maxLength: 3 }),
      arbitraryLine,
      (specifiers, subject) => {
        const without = specifiers.map(({ exclude: _dropped, ...rest }) => rest)
        if (balanceApplies(applicability({ specifiers }), subject)) {
          assert.equal(balanceApplies(applicability({ specifiers: without }), subject), true)
        }
      },
    ),
  )
})
