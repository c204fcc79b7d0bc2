import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, sum } from '../money/decimal.js'
import {
  newContract,
  noPassThrough,
  type ContractCreateInput,
  type ContractRecurringInput,
  type ContractSubscription,
  type ContractSubscriptionInput,
  type ContractTerms,
} from './contract.js'
import { accessibleSegments, balanceAsOf, ledgerAsOf } from './ledger.js'
import { recurringBalances, type GeneratedCredit, type InstanceIdOf } from './recurring-balances.js'
import {
  applyQuantityUpdates,
  quantityAt,
  quantityScheduleOf,
  type QuantityChange,
  type QuantityUpdateInput,
  type SeatChange,
} from './subscription-schedule.js'

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

test('recurringBalances: credits, durations cut at the contract end', () => {
  const credit: ContractRecurringInput = {
    kind: 'CREDIT',
    productId: 'fixed',
    priority: dec('1'),
    startingAt: monthly.startingAt,
    accessAmount: monthly.accessAmount,
    commitDuration: { value: 2 },
    proration: 'NONE',
  }
  const terms = contract({ recurringCommits: [], recurringCredits: [credit] })
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

// ---------------------------------------------------------------------------------------------
// Subscription-linked recurrings (decision 0015). WE-36: a team plan with 4 seats and a POOLED
// recurring credit of 100 AI credits per seat per month.

const AI = 'ai-credits'
const FEB = (day: number) => at(`2026-02-${String(day).padStart(2, '0')}T00:00Z`)

const seatPlan: ContractSubscriptionInput = {
  temporaryId: 'team',
  productId: 'team-plan',
  billingFrequency: 'MONTHLY',
  collectionSchedule: 'ADVANCE',
  proration: { isProrated: true },
  quantityManagementMode: 'SEAT_BASED',
  seatConfig: {
    seatGroupKey: 'user_id',
    initialSeatIds: ['u1', 'u2', 'u3'],
    initialUnassignedSeats: 1,
  },
}

const pooled = (
  changes: Partial<ContractRecurringInput> = {},
  isProrated = true,
): ContractRecurringInput => ({
  kind: 'CREDIT',
  productId: 'ai',
  priority: dec('1'),
  startingAt: at('2026-01-01T00:00Z'),
  accessAmount: { unitPrice: dec('100'), creditTypeId: AI },
  commitDuration: { value: 1 },
  proration: 'FIRST_AND_LAST',
  subscriptionConfig: {
    subscriptionId: 'team',
    allocation: 'POOLED',
    applySeatIncreaseConfig: { isProrated },
  },
  ...changes,
})

/** A contract Jan 1 – May 1 2026 with the subscription and the linked credits given. */
function seatContract(
  credits: ContractRecurringInput[],
  subscription: ContractSubscriptionInput = seatPlan,
  commits: ContractRecurringInput[] = [],
): ContractTerms {
  return contract({
    startingAt: at('2026-01-01T00:00Z'),
    subscriptions: [subscription],
    recurringCommits: commits,
    recurringCredits: credits,
  })
}

/** The terms with the subscription's schedule changed (as update_subscriptions records it). */
function withChanges(
  terms: ContractTerms,
  changes: { seatChanges?: SeatChange[]; quantityChanges?: QuantityChange[] },
): ContractTerms {
  return {
    ...terms,
    subscriptions: terms.subscriptions.map((subscription): ContractSubscription => ({
      ...subscription,
      ...changes,
    })),
  }
}

const unassigned = (day: number, quantity: number): SeatChange => ({
  kind: quantity > 0 ? 'addUnassignedSeats' : 'removeUnassignedSeats',
  startingAt: FEB(day),
  quantity: Math.abs(quantity),
})

const END_OF_TERM = at('2027-01-01T00:00Z')
const amounts = (credits: readonly GeneratedCredit[]) =>
  credits.map((credit) => credit.accessSchedule.segments[0]!.amount.toString())
const adjustments = (credit: GeneratedCredit | undefined) =>
  (credit?.seatAdjustments ?? []).map((adjustment) => [
    adjustment.timestamp.toISOString().slice(0, 10),
    adjustment.amount.toString(),
  ])

test('linked recurring: one instance per subscription period, seat increases within it', () => {
  // February 2026 has 28 days: an increase on Feb 15 leaves 14 of them (half).
  const cases: Array<{
    name: string
    changes: SeatChange[]
    isProrated?: boolean
    amounts: string[]
    february: string[][]
  }> = [
    {
      name: 'WE-36: 4 seats ⇒ 400 a month',
      changes: [],
      amounts: ['400', '400', '400', '400'],
      february: [],
    },
    {
      name: 'a 5th seat mid-February, prorated: +50 then, 500 from March',
      changes: [unassigned(15, 1)],
      amounts: ['400', '400', '500', '500'],
      february: [['2026-02-15', '50']],
    },
    {
      name: 'not prorated: the whole 100',
      changes: [unassigned(15, 1)],
      isProrated: false,
      amounts: ['400', '400', '500', '500'],
      february: [['2026-02-15', '100']],
    },
    {
      name: 'a seat id filling the unassigned seat adds nothing',
      changes: [{ kind: 'addSeatIds', startingAt: FEB(15), seatIds: ['u4'] }],
      amounts: ['400', '400', '400', '400'],
      february: [],
    },
    {
      name: 'a decrease takes nothing back; the next period uses it',
      changes: [unassigned(10, -1)],
      amounts: ['400', '400', '300', '300'],
      february: [],
    },
    {
      name: 'down then up within a period: only seats above the most granted count',
      changes: [unassigned(8, -1), unassigned(15, 2)],
      amounts: ['400', '400', '500', '500'],
      february: [['2026-02-15', '50']],
    },
    {
      name: 'two increases: each for the rest of the period from its own date',
      changes: [unassigned(8, 1), unassigned(22, 1)],
      // 100 × 21/28 = 75; 100 × 7/28 = 25.
      amounts: ['400', '400', '600', '600'],
      february: [
        ['2026-02-08', '75'],
        ['2026-02-22', '25'],
      ],
    },
    {
      name: 'an increase on the period start is the next instance’s count, not an adjustment',
      changes: [{ ...unassigned(1, 1) }],
      amounts: ['400', '500', '500', '500'],
      february: [],
    },
  ]
  for (const { name, changes, isProrated = true, amounts: expected, february } of cases) {
    const terms = withChanges(seatContract([pooled({}, isProrated)]), { seatChanges: changes })
    const { credits } = recurringBalances(terms, END_OF_TERM, idOf)
    assert.deepEqual(amounts(credits), expected, name)
    assert.deepEqual(adjustments(credits[1]), february, name)
    for (const credit of [credits[0], credits[2], credits[3]]) {
      assert.deepEqual(adjustments(credit), [], name)
    }
  }
})

test('linked recurring: partial periods, multipliers, frequencies, terms and invoices', () => {
  const quantityPlan: ContractSubscriptionInput = {
    temporaryId: 'team',
    productId: 'team-plan',
    billingFrequency: 'MONTHLY',
    collectionSchedule: 'ADVANCE',
    proration: {},
    initialQuantity: dec('3'),
  }
  const cases: Array<{
    name: string
    subscription: ContractSubscriptionInput
    credit: Partial<ContractRecurringInput>
    periods: string[]
    amounts: string[]
  }> = [
    {
      name: 'QUANTITY_ONLY, a given quantity is a per-seat multiplier (100 × 2 × 3)',
      subscription: quantityPlan,
      credit: { accessAmount: { unitPrice: dec('100'), quantity: dec('2'), creditTypeId: AI } },
      periods: ['01-01', '02-01', '03-01', '04-01'],
      amounts: ['600', '600', '600', '600'],
    },
    {
      name: 'a subscription starting Jan 16: a prorated first instance (300 × 16/31)',
      subscription: { ...quantityPlan, startingAt: at('2026-01-16T00:00Z') },
      credit: {},
      periods: ['01-16', '02-01', '03-01', '04-01'],
      amounts: [new Dec(300).times(16).div(31).toString(), '300', '300', '300'],
    },
    {
      name: 'proration NONE: the short first period in full',
      subscription: { ...quantityPlan, startingAt: at('2026-01-16T00:00Z') },
      credit: { proration: 'NONE' },
      periods: ['01-16', '02-01', '03-01', '04-01'],
      amounts: ['300', '300', '300', '300'],
    },
    {
      name: 'a QUARTERLY subscription: quarterly instances, whatever the statement schedule',
      subscription: { ...quantityPlan, billingFrequency: 'QUARTERLY' },
      credit: { recurrenceFrequency: 'MONTHLY' },
      periods: ['01-01', '04-01'],
      // The contract ends May 1: 30 days of the 91-day second quarter.
      amounts: ['300', new Dec(300).times(30).div(91).toString()],
    },
    {
      name: 'the subscription’s billing anchor (the 10th)',
      subscription: {
        ...quantityPlan,
        billingCycleConfig: { anchorDate: at('2025-12-10T00:00Z') },
      },
      credit: { proration: 'NONE' },
      periods: ['01-01', '01-10', '02-10', '03-10', '04-10'],
      amounts: ['300', '300', '300', '300', '300'],
    },
    {
      name: 'the recurring ends before the subscription (Mar 1)',
      subscription: quantityPlan,
      credit: { endingBefore: at('2026-03-01T00:00Z') },
      periods: ['01-01', '02-01'],
      amounts: ['300', '300'],
    },
    {
      name: 'the subscription ends Feb 15, the last instance prorated (300 × 14/28)',
      subscription: { ...quantityPlan, endingBefore: FEB(15) },
      credit: {},
      periods: ['01-01', '02-01'],
      amounts: ['300', '150'],
    },
  ]
  for (const { name, subscription, credit, periods, amounts: expected } of cases) {
    const terms = seatContract([pooled(credit)], subscription)
    const { credits } = recurringBalances(terms, END_OF_TERM, idOf)
    assert.deepEqual(
      credits.map((each) => each.accessSchedule.segments[0]!.startingAt.toISOString().slice(5, 10)),
      periods,
      name,
    )
    assert.deepEqual(amounts(credits), expected, name)
  }

  // A linked commit's invoice: the invoice amount per seat × seats; the item shows it so.
  const commit = pooled({
    kind: 'COMMIT',
    accessAmount: { unitPrice: dec('100'), creditTypeId: AI },
    invoiceAmount: { unitPrice: dec('8'), quantity: dec('1'), creditTypeId: 'usd' },
  })
  const terms = withChanges(seatContract([], seatPlan, [commit]), {
    seatChanges: [unassigned(15, 1)],
  })
  const [jan, feb] = recurringBalances(terms, END_OF_TERM, idOf).commits
  const item = jan!.invoiceSchedule!.items[0]!
  assert.deepEqual([item.amount, item.unitPrice, item.quantity].map(String), ['32', '8', '4'])
  assert.equal(jan!.type, 'PREPAID')
  assert.deepEqual(adjustments(feb as unknown as GeneratedCredit), [['2026-02-15', '50']])
  const ledger = ledgerAsOf(feb!, [], { asOf: FEB(20) })
  assert.deepEqual(
    ledger.map((entry) => [entry.type, entry.amount.toString(), entry.segmentId]),
    [
      ['PREPAID_COMMIT_SEGMENT_START', '400', feb!.accessSchedule.segments[0]!.id],
      ['PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT', '50', feb!.accessSchedule.segments[0]!.id],
    ],
  )
})

test('linked recurring: INDIVIDUAL grants like POOLED; ids stay stable as seats change', () => {
  const individual = pooled({
    subscriptionConfig: {
      subscriptionId: 'team',
      allocation: 'INDIVIDUAL',
      applySeatIncreaseConfig: { isProrated: true },
    },
  })
  const terms = seatContract([pooled(), individual])
  const changed = withChanges(terms, { seatChanges: [unassigned(15, 1)] })
  const before = recurringBalances(terms, END_OF_TERM, idOf).credits
  const after = recurringBalances(changed, END_OF_TERM, idOf).credits
  const [pooledId, individualId] = terms.recurringCredits.map((recurring) => recurring.id)
  const of = (list: readonly GeneratedCredit[], id: string) =>
    list.filter((credit) => credit.generatedFrom.recurringId === id)
  assert.deepEqual(amounts(of(after, pooledId!)), amounts(of(after, individualId!)))
  assert.deepEqual(
    before.map((credit) => [credit.id, credit.accessSchedule.segments[0]!.id]),
    after.map((credit) => [credit.id, credit.accessSchedule.segments[0]!.id]),
  )
  // Instances show once started, as unlinked ones do.
  assert.equal(recurringBalances(changed, FEB(15), idOf).credits.length, 4)
  // A linked recurring whose subscription is gone (a shortened end removed it) grants nothing.
  assert.equal(
    recurringBalances({ ...terms, subscriptions: [] }, END_OF_TERM, idOf).credits.length,
    0,
  )
})

// ---------------------------------------------------------------------------------------------
// Properties.

const DAY_MS = 86_400_000
const arbitraryUpdates: fc.Arbitrary<QuantityUpdateInput[]> = fc.array(
  fc
    .tuple(
      fc.integer({ min: 0, max: 119 }),
      fc.boolean(),
      fc.integer({ min: -4, max: 4 }),
      fc.integer({ min: 0, max: 9 }),
    )
    .map(([day, isDelta, change, quantity]) => {
      const startingAt = new Date(at('2026-01-01T00:00Z').getTime() + day * DAY_MS)
      return isDelta
        ? { startingAt, quantityDelta: new Dec(change) }
        : { startingAt, quantity: new Dec(quantity) }
    }),
  { maxLength: 10 },
)

test('property: instance amount = unit_price × quantity at its start; balance = sum of ledger', () => {
  const plan: ContractSubscriptionInput = {
    temporaryId: 'team',
    productId: 'team-plan',
    billingFrequency: 'MONTHLY',
    collectionSchedule: 'ADVANCE',
    proration: {},
    initialQuantity: dec('4'),
  }
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9 }),
      arbitraryUpdates,
      fc.integer({ min: 1, max: 500 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 130 }),
      (initial, updates, unitPrice, isProrated, asOfDay) => {
        const base = seatContract(
          [
            pooled(
              { accessAmount: { unitPrice: new Dec(unitPrice), creditTypeId: AI } },
              isProrated,
            ),
          ],
          { ...plan, initialQuantity: new Dec(initial) },
        )
        const subscription = base.subscriptions[0]!
        const { schedule } = applyQuantityUpdates(quantityScheduleOf(subscription), updates)
        const terms = withChanges(base, { quantityChanges: [...schedule.changes] })
        const { credits } = recurringBalances(terms, END_OF_TERM, idOf)
        assert.equal(credits.length, 4)
        for (const credit of credits) {
          const segment = credit.accessSchedule.segments[0]!
          const seats = quantityAt(schedule, segment.startingAt)!
          // Every period here is a whole month: no proration of the instance itself.
          assert.equal(segment.amount.toString(), seats.times(unitPrice).toString())
          for (const adjustment of credit.seatAdjustments ?? []) {
            assert.ok(adjustment.amount.gt(0))
            assert.ok(adjustment.timestamp.getTime() > segment.startingAt.getTime())
            assert.ok(adjustment.timestamp.getTime() < segment.endingBefore.getTime())
          }
          // The most granted in a period: the highest count it reached, in full when not prorated.
          if (!isProrated) {
            const granted = sum([
              segment.amount,
              ...(credit.seatAdjustments ?? []).map((adjustment) => adjustment.amount),
            ])
            const peak = schedule.changes
              .map((change) => change.startingAt)
              .filter(
                (instant) =>
                  instant.getTime() >= segment.startingAt.getTime() &&
                  instant.getTime() < segment.endingBefore.getTime(),
              )
              .map((instant) => quantityAt(schedule, instant)!)
              .reduce((most, count) => (count.gt(most) ? count : most), seats)
            assert.equal(granted.toString(), peak.times(unitPrice).toString())
          }
          const options = {
            asOf: new Date(at('2026-01-01T00:00Z').getTime() + asOfDay * DAY_MS),
          }
          const ledger = ledgerAsOf(credit, [], options)
          const open = accessibleSegments(credit, options).length > 0
          const total = sum(ledger.map((entry) => entry.amount))
          assert.equal(balanceAsOf(credit, [], options).toString(), open ? total.toString() : '0')
          if (!open && ledger.length > 0) assert.ok(total.isZero())
        }
      },
    ),
    { numRuns: 200 },
  )
})
