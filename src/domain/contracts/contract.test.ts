import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { initialSettings, type Product, type ProductType } from '../pricing/product.js'
import {
  applyEdit,
  checkContractCreate,
  contractAsOf,
  currentContract,
  initialContract,
  newContract,
  noPassThrough,
  type ContractCreateContext,
  type ContractCreateInput,
  type ContractEdit,
  type ContractHistory,
} from './contract.js'
import type { InvoiceItem } from './commits.js'
import type { RecurringScheduleInput } from './recurring-schedule.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)
const START = at('2025-01-01T00:00Z')
const END = at('2026-01-01T00:00Z')

const product = (id: string, type: ProductType): Product => ({
  id,
  type,
  initial: initialSettings({ type, name: id, tags: [] }),
  updates: [],
  customFields: {},
  createdAt: at('2024-01-01T00:00Z'),
  createdBy: 'test',
  archivedAt: null,
})

const products = new Map(
  [
    product('fixed', 'FIXED'),
    product('usage', 'USAGE'),
    product('seats', 'SUBSCRIPTION'),
    product('services', 'PRO_SERVICE'),
  ].map((found) => [found.id, found]),
)

const context: ContractCreateContext = {
  customerExists: true,
  rateCardFound: true,
  packageFound: false,
  products,
  transitionFrom: null,
}

const base: ContractCreateInput = {
  customerId: 'customer',
  startingAt: START,
  endingBefore: END,
  commits: [],
  credits: [],
  recurringCommits: [],
  recurringCredits: [],
  overrides: [],
  scheduledCharges: [],
  discounts: [],
  professionalServices: [],
  subscriptions: [],
  passThrough: noPassThrough,
  presentFields: ['customer_id', 'starting_at', 'ending_before'],
}

const segment = { amount: dec('100'), startingAt: START, endingBefore: END }
const commit = (extra = {}) => ({
  type: 'PREPAID' as const,
  productId: 'fixed',
  accessSchedule: { items: [segment] },
  ...extra,
})

/** The contract's year in quarters, shared evenly; `quarterly` bills 1000 over them. */
const withoutAmount: RecurringScheduleInput = {
  startingAt: START,
  endingBefore: END,
  frequency: 'QUARTERLY',
  amountDistribution: 'DIVIDED',
}
const quarterly: RecurringScheduleInput = { ...withoutAmount, amount: dec('1000') }

test('checkContractCreate: one problem per bad field, named by its wire path', () => {
  const cases: Array<
    [string, Partial<ContractCreateInput>, Partial<ContractCreateContext>, string[]]
  > = [
    ['a valid request', {}, {}, []],
    ['unknown customer', {}, { customerExists: false }, ['body.customer_id']],
    ['end before start', { endingBefore: START, startingAt: END }, {}, ['body.ending_before']],
    ['unknown rate card', { rateCardId: 'card' }, { rateCardFound: false }, ['body.rate_card_id']],
    [
      'rate card id and alias',
      { rateCardId: 'card', rateCardAlias: 'alias' },
      {},
      ['body.rate_card_alias'],
    ],
    [
      'package with a forbidden field',
      { packageId: 'p', presentFields: ['customer_id', 'starting_at', 'package_id', 'commits'] },
      {},
      ['body.commits', 'body.package_id'],
    ],
    [
      'a commit on a USAGE product and one on an unknown product',
      { commits: [commit(), commit({ productId: 'usage' }), commit({ productId: 'nope' })] },
      {},
      ['body.commits[1].product_id', 'body.commits[2].product_id'],
    ],
    [
      'a commit whose applicable product is unknown',
      { commits: [commit({ applicableProductIds: ['usage', 'nope'] })] },
      {},
      ['body.commits[0].applicable_product_ids[1]'],
    ],
    [
      'a postpaid commit without an invoice schedule',
      { commits: [commit({ type: 'POSTPAID' })] },
      {},
      ['body.commits[0].invoice_schedule'],
    ],
    [
      'a credit on a subscription product',
      { credits: [{ productId: 'seats', accessSchedule: { items: [segment] } }] },
      {},
      ['body.credits[0].product_id'],
    ],
    [
      'a duplicated temporary id',
      { commits: [commit({ temporaryId: 'a' }), commit({ temporaryId: 'a' })] },
      {},
      ['body.commits[1].temporary_id'],
    ],
    [
      'a recurring credit before the contract, naming no subscription',
      {
        recurringCredits: [
          {
            kind: 'CREDIT',
            productId: 'fixed',
            priority: dec('1'),
            startingAt: at('2024-12-01T00:00Z'),
            accessAmount: { unitPrice: dec('1'), creditTypeId: 'usd' },
            commitDuration: { value: 1 },
            subscriptionConfig: {
              subscriptionId: 'x',
              applySeatIncreaseConfig: { isProrated: false },
            },
          },
        ],
      },
      {},
      [
        'body.recurring_credits[0].starting_at',
        'body.recurring_credits[0].subscription_config.subscription_id',
      ],
    ],
    [
      'a professional service on a FIXED product with a negative price',
      {
        professionalServices: [
          { productId: 'fixed', unitPrice: dec('-1'), quantity: dec('1'), maxAmount: dec('1') },
        ],
      },
      {},
      ['body.professional_services[0].product_id', 'body.professional_services[0].unit_price'],
    ],
    [
      'a transition from another customer’s contract',
      { transition: { type: 'RENEWAL', fromContractId: 'old' } },
      { transitionFrom: { customerId: 'someone else', archivedAt: null } },
      ['body.transition.from_contract_id'],
    ],
    [
      'a usage filter starting before the contract',
      {
        usageFilter: {
          groupKey: 'region',
          groupValues: ['eu'],
          startingAt: at('2024-01-01T00:00Z'),
        },
      },
      {},
      ['body.usage_filter.starting_at'],
    ],
    [
      'a scheduled charge with neither amount nor price',
      {
        scheduledCharges: [{ productId: 'fixed', schedule: { items: [{ timestamp: START }] } }],
      },
      {},
      ['body.scheduled_charges[0].schedule.schedule_items[0]'],
    ],
    [
      'scheduled charge and discount items out of time order, or two at one instant',
      {
        scheduledCharges: [
          {
            productId: 'fixed',
            schedule: {
              items: [
                { timestamp: at('2025-03-01T00:00Z'), amount: dec('1') },
                { timestamp: at('2025-02-01T00:00Z'), amount: dec('1') },
              ],
            },
          },
        ],
        discounts: [
          {
            productId: 'fixed',
            schedule: {
              items: [
                { timestamp: START, amount: dec('1') },
                { timestamp: START, amount: dec('2') },
              ],
            },
          },
        ],
      },
      {},
      [
        'body.scheduled_charges[0].schedule.schedule_items[1].timestamp',
        'body.discounts[0].schedule.schedule_items[1].timestamp',
      ],
    ],
    [
      'recurring schedules on a scheduled charge and a discount',
      {
        scheduledCharges: [{ productId: 'fixed', schedule: { recurringSchedule: quarterly } }],
        discounts: [{ productId: 'fixed', schedule: { recurringSchedule: quarterly } }],
      },
      {},
      [],
    ],
    [
      'a charge schedule with both schedule_items and a recurring_schedule, or neither',
      {
        scheduledCharges: [
          {
            productId: 'fixed',
            schedule: {
              items: [{ timestamp: START, amount: dec('1') }],
              recurringSchedule: quarterly,
            },
          },
        ],
        discounts: [{ productId: 'fixed', schedule: {} }],
      },
      {},
      ['body.scheduled_charges[0].schedule', 'body.discounts[0].schedule'],
    ],
    [
      'a bad recurring schedule on a scheduled charge: every problem',
      {
        scheduledCharges: [
          {
            productId: 'fixed',
            schedule: {
              recurringSchedule: { ...quarterly, endingBefore: START, quantity: dec('-1') },
              doNotInvoice: true,
            },
          },
        ],
      },
      {},
      [
        'body.scheduled_charges[0].schedule.recurring_schedule.ending_before',
        'body.scheduled_charges[0].schedule.recurring_schedule.amount',
        'body.scheduled_charges[0].schedule.do_not_invoice',
      ],
    ],
    [
      'a recurring charge with a negative quantity',
      {
        scheduledCharges: [
          {
            productId: 'fixed',
            schedule: {
              recurringSchedule: {
                ...withoutAmount,
                unitPrice: dec('-5'),
                quantity: dec('-1'),
              },
            },
          },
        ],
      },
      {},
      ['body.scheduled_charges[0].schedule.recurring_schedule.quantity'],
    ],
    [
      'a seat-based subscription without seat_config',
      {
        subscriptions: [
          {
            productId: 'seats',
            billingFrequency: 'MONTHLY',
            collectionSchedule: 'ARREARS',
            proration: { invoiceBehavior: 'BILL_IMMEDIATELY' },
            quantityManagementMode: 'SEAT_BASED',
          },
        ],
      },
      {},
      ['body.subscriptions[0].seat_config', 'body.subscriptions[0].proration.invoice_behavior'],
    ],
  ]
  for (const [name, input, given, fields] of cases) {
    const problems = checkContractCreate({ ...base, ...input }, { ...context, ...given })
    assert.deepEqual(
      problems.map((problem) => problem.field),
      fields,
      `${name}: ${JSON.stringify(problems)}`,
    )
  }
})

const counter = () => {
  let next = 0
  return () => `id-${next++}`
}

/** The terms of a request that must pass the checks, ids `id-0`, `id-1`, … in build order. */
const checkedContract = (input: ContractCreateInput) => {
  assert.deepEqual(checkContractCreate(input, context), [])
  return newContract(input, {
    id: 'contract',
    newId: counter(),
    rateCardId: null,
    createdAt: START,
    createdBy: 'test',
  })
}

test('newContract: server ids everywhere, temporary ids mapped, defaults applied', () => {
  const input: ContractCreateInput = {
    ...base,
    commits: [commit({ temporaryId: 'mine' })],
    overrides: [
      {
        startingAt: START,
        endingBefore: null,
        type: 'MULTIPLIER',
        multiplier: dec('0.5'),
        overwriteRate: null,
        tiers: null,
        entitled: null,
        priority: null,
        productId: null,
        applicableProductTags: null,
        overrideSpecifiers: [{ productId: 'usage', commitIds: ['mine'] }],
        isCommitSpecific: true,
        target: null,
      },
    ],
  }
  const terms = checkedContract(input)
  const [created] = terms.commits
  assert.ok(created)
  assert.equal(created.contractId, 'contract')
  assert.equal(created.accessSchedule.segments[0]?.id, 'id-1')
  assert.deepEqual(terms.overrides[0]?.overrideSpecifiers, [
    { productId: 'usage', commitIds: [created.id] },
  ])
  assert.equal(terms.usageStatementSchedule.frequency, 'MONTHLY')
  assert.equal(terms.usageStatementSchedule.day, 'FIRST_OF_MONTH')
  assert.deepEqual(terms.usageFilter, [])
})

// ---------------------------------------------------------------------------------------------
// History replay.

const created = newContract(base, {
  id: 'contract',
  newId: counter(),
  rateCardId: null,
  createdAt: START,
  createdBy: 'test',
})

const instant = fc
  .integer({ min: 0, max: 365 * 24 })
  .map((hours) => new Date(START.getTime() + hours * 3_600_000))

const laterEdit = fc.oneof(
  fc.record({ kind: fc.constant('updateEndDate' as const), endingBefore: fc.option(instant) }),
  fc.record({
    kind: fc.constant('setUsageFilter' as const),
    filter: fc.record({
      groupKey: fc.constantFrom('region', 'team'),
      groupValues: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
      startingAt: instant,
    }),
  }),
  fc.record({ kind: fc.constant('archive' as const) }),
)

const history = fc
  .array(fc.tuple(laterEdit, fc.integer({ min: 0, max: 1000 })), { maxLength: 8 })
  .map((edits): ContractHistory => {
    let recordedAt = START.getTime()
    const later = edits.map(([edit, gap], index): ContractEdit => {
      recordedAt += gap * 60_000
      return { ...edit, id: `edit-${index}`, recordedAt: new Date(recordedAt), recordedBy: 'test' }
    })
    const create: ContractEdit = {
      kind: 'create',
      id: 'create',
      recordedAt: START,
      recordedBy: 'test',
      terms: created,
    }
    return { contractId: 'contract', customerId: 'customer', edits: [create, ...later] }
  })

test('newContract: recurring schedules are expanded into items, each with its own id', () => {
  const input: ContractCreateInput = {
    ...base,
    commits: [
      commit({
        invoiceSchedule: {
          recurringSchedule: {
            ...quarterly,
            amountDistribution: 'DIVIDED_ROUNDED',
            amount: dec('100'),
          },
        },
      }),
    ],
    scheduledCharges: [
      {
        productId: 'fixed',
        schedule: {
          recurringSchedule: {
            ...withoutAmount,
            frequency: 'SEMI_ANNUAL',
            unitPrice: dec('10'),
            quantity: dec('3'),
            amountDistribution: 'DIVIDED',
          },
        },
      },
    ],
    discounts: [
      {
        productId: 'fixed',
        schedule: { recurringSchedule: { ...quarterly, amountDistribution: 'EACH' } },
      },
    ],
  }
  const terms = checkedContract(input)
  const shown = (items: readonly InvoiceItem[]) =>
    items.map((item) =>
      [item.timestamp.toISOString().slice(0, 10), item.amount, item.unitPrice, item.quantity]
        .map(String)
        .join(' '),
    )
  const commitItems = terms.commits[0]!.invoiceSchedule!.items
  assert.deepEqual(shown(commitItems), [
    '2025-01-01 25 25 1',
    '2025-04-01 25 25 1',
    '2025-07-01 25 25 1',
    '2025-10-01 25 25 1',
  ])
  assert.deepEqual(shown(terms.scheduledCharges[0]!.schedule.items), [
    '2025-01-01 15 10 1.5',
    '2025-07-01 15 10 1.5',
  ])
  assert.deepEqual(shown(terms.discounts[0]!.schedule.items), [
    '2025-01-01 1000 1000 1',
    '2025-04-01 1000 1000 1',
    '2025-07-01 1000 1000 1',
    '2025-10-01 1000 1000 1',
  ])
  const ids = [
    ...commitItems,
    ...terms.scheduledCharges[0]!.schedule.items,
    ...terms.discounts[0]!.schedule.items,
  ].map((item) => item.id)
  assert.equal(new Set(ids).size, 10)
})

test('property: replaying the history as of its last edit reproduces the current view', () => {
  fc.assert(
    fc.property(history, (replayed) => {
      const last = replayed.edits.at(-1)!.recordedAt
      assert.deepEqual(contractAsOf(replayed, last), currentContract(replayed))
      assert.deepEqual(initialContract(replayed), created)
    }),
  )
})

test('property: as of any instant, the contract is its prefix of edits replayed', () => {
  fc.assert(
    fc.property(history, fc.integer({ min: -10, max: 10_000 }), (replayed, minutes) => {
      const asOf = new Date(START.getTime() + minutes * 60_000)
      const prefix = replayed.edits.filter((edit) => edit.recordedAt.getTime() <= asOf.getTime())
      const expected = prefix.length === 0 ? null : prefix.reduce(applyEdit, null)
      assert.deepEqual(contractAsOf(replayed, asOf), expected)
    }),
  )
})

test('applyEdit refuses a second create and edits before the create', () => {
  const create: ContractEdit = {
    kind: 'create',
    id: 'c',
    recordedAt: START,
    recordedBy: 'test',
    terms: created,
  }
  assert.throws(() => applyEdit(created, create))
  assert.throws(() =>
    applyEdit(null, { kind: 'archive', id: 'a', recordedAt: START, recordedBy: 'test' }),
  )
  const archived = applyEdit(created, {
    kind: 'archive',
    id: 'a',
    recordedAt: END,
    recordedBy: 't',
  })
  assert.deepEqual(archived.archivedAt, END)
})
