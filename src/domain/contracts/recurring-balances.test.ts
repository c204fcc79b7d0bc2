import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Dec } from '../money/decimal.js'
import {
  newContract,
  noPassThrough,
  type ContractCreateInput,
  type ContractRecurringInput,
  type ContractTerms,
} from './contract.js'
import { recurringBalances, type InstanceIdOf } from './recurring-balances.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)
const USD = 'usd'
const idOf: InstanceIdOf = (recurringId, index, part) => `${recurringId}#${index}:${part}`

// WE-26-style: $100 a month from Jan 16 (a 31-day January), HALF_UP to whole dollars.
const monthly: ContractRecurringInput = {
  kind: 'COMMIT',
  productId: 'fixed',
  priority: dec('1'),
  startingAt: at('2026-01-16T00:00Z'),
  accessAmount: { unitPrice: dec('10000'), quantity: dec('1'), creditTypeId: USD },
  invoiceAmount: { unitPrice: dec('10000'), quantity: dec('1'), creditTypeId: USD },
  commitDuration: { value: 1 },
  proration: 'FIRST_AND_LAST',
  prorationRounding: { access: { decimalPlaces: -2, roundingMethod: 'HALF_UP' } },
  rolloverFraction: dec('0.5'),
}

function contract(changes: Partial<ContractCreateInput> = {}): ContractTerms {
  let next = 0
  return newContract(
    {
      customerId: 'customer',
      startingAt: at('2026-01-16T00:00Z'),
      endingBefore: at('2026-05-01T00:00Z'),
      commits: [],
      credits: [],
      recurringCommits: [monthly],
      recurringCredits: [],
      overrides: [],
      scheduledCharges: [],
      discounts: [],
      professionalServices: [],
      subscriptions: [],
      usageStatementSchedule: { frequency: 'MONTHLY', day: 'FIRST_OF_MONTH' },
      passThrough: noPassThrough,
      presentFields: [],
      ...changes,
    },
    {
      id: 'contract',
      newId: () => `id-${next++}`,
      rateCardId: null,
      createdAt: at('2026-01-01T00:00Z'),
      createdBy: 'test',
    },
  )
}

test('recurringBalances: the instances whose access has started by the instant', () => {
  const terms = contract()
  const cases: Array<[string, string, number]> = [
    ['before the contract starts', '2026-01-15T23:00Z', 0],
    ['exactly at the start', '2026-01-16T00:00Z', 1],
    ['the last hour of January', '2026-01-31T23:00Z', 1],
    ['exactly at a period start', '2026-02-01T00:00Z', 2],
    ['mid-March', '2026-03-15T00:00Z', 3],
    ['after the contract ends', '2027-01-01T00:00Z', 4],
  ]
  for (const [name, instant, count] of cases) {
    assert.equal(recurringBalances(terms, at(instant), idOf).commits.length, count, name)
  }
})

test('recurringBalances: a prorated first instance, whole ones after, each with its invoice', () => {
  const terms = contract()
  const recurringId = terms.recurringCommits[0]!.id
  const [first, second, , last] = recurringBalances(terms, at('2027-01-01T00:00Z'), idOf).commits
  // 10,000 × 16/31 = 5,161.29… → 5,200 (HALF_UP at −2); the invoice amount is not rounded.
  assert.equal(first!.accessSchedule.segments[0]!.amount.toString(), '5200')
  assert.deepEqual(first!.generatedFrom, { recurringId, index: 0 })
  assert.equal(first!.id, `${recurringId}#0:balance`)
  assert.equal(first!.accessSchedule.segments[0]!.id, `${recurringId}#0:segment`)
  assert.deepEqual(
    [
      first!.accessSchedule.segments[0]!.startingAt,
      first!.accessSchedule.segments[0]!.endingBefore,
    ],
    [at('2026-01-16T00:00Z'), at('2026-02-01T00:00Z')],
  )
  const invoice = first!.invoiceSchedule!.items[0]!
  assert.equal(invoice.amount.toFixed(2), '5161.29')
  assert.ok(invoice.unitPrice.equals(invoice.amount))
  assert.equal(invoice.quantity.toString(), '1')
  assert.equal(invoice.timestamp.toISOString(), '2026-01-16T00:00:00.000Z')

  assert.equal(second!.accessSchedule.segments[0]!.amount.toString(), '10000')
  assert.equal(second!.invoiceSchedule!.items[0]!.unitPrice.toString(), '10000')
  assert.equal(second!.createdAt.toISOString(), '2026-02-01T00:00:00.000Z')
  assert.equal(
    last!.accessSchedule.segments[0]!.endingBefore.toISOString(),
    '2026-05-01T00:00:00.000Z',
  )
  for (const commit of [first!, second!, last!]) {
    assert.equal(commit.type, 'PREPAID')
    assert.equal(commit.contractId, 'contract')
    assert.equal(commit.rolloverFraction?.toString(), '0.5')
    assert.equal(commit.rolledOverFrom, null)
  }
})

test('recurringBalances: the same instant and ids give the same balances', () => {
  const terms = contract()
  const now = at('2026-03-15T00:00Z')
  assert.deepEqual(recurringBalances(terms, now, idOf), recurringBalances(terms, now, idOf))
  const ids = recurringBalances(terms, now, idOf).commits.map((commit) => commit.id)
  assert.equal(new Set(ids).size, ids.length)
})

test('recurringBalances: credits, durations cut at the contract end, subscriptions left out', () => {
  const credit: ContractRecurringInput = {
    kind: 'CREDIT',
    productId: 'fixed',
    priority: dec('1'),
    startingAt: monthly.startingAt,
    accessAmount: monthly.accessAmount,
    commitDuration: { value: 2 },
    proration: 'NONE',
  }
  const linked: ContractRecurringInput = {
    ...monthly,
    subscriptionConfig: { subscriptionId: 'sub', applySeatIncreaseConfig: { isProrated: true } },
  }
  const terms = contract({ recurringCommits: [linked], recurringCredits: [credit] })
  const generated = recurringBalances(terms, at('2027-01-01T00:00Z'), idOf)
  assert.equal(generated.commits.length, 0)
  const ends = generated.credits.map((each) => each.accessSchedule.segments[0]!.endingBefore)
  assert.deepEqual(
    ends.map((end) => end.toISOString().slice(0, 10)),
    ['2026-03-01', '2026-04-01', '2026-05-01', '2026-05-01'],
  )
  // NONE: the short first period is granted in full.
  assert.equal(generated.credits[0]!.accessSchedule.segments[0]!.amount.toString(), '10000')
  assert.equal(generated.credits[0]!.kind, 'CREDIT')
})
