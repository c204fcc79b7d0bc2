import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec, sum } from '../money/decimal.js'
import { USD_CENTS_CREDIT_TYPE_ID } from '../pricing/credit-type.js'
import type { AccessSegment, Commit, CommitOrCredit, CommitType, Credit } from './commits.js'
import {
  accessibleSegments,
  balanceAsOf,
  checkManualEntry,
  compareLedgerEntries,
  isClosingEntry,
  ledgerAsOf,
  rollover,
  type Cancellation,
  type LedgerEntry,
  type LedgerOptions,
  type ManualAdjustment,
  type RolloverTarget,
  type Transition,
} from './ledger.js'

const at = (text: string) => new Date(text)
const day = (date: string) => at(`${date}T00:00:00Z`)
const dec = (text: string) => new Dec(text)

interface Sketch {
  kind?: 'CREDIT' | CommitType
  segments: Array<[id: string, amount: string, from: string, to: string]>
  rolloverFraction?: string
  archivedAt?: string
  contractId?: string | null
}

function balance(sketch: Sketch): CommitOrCredit {
  const common = {
    id: 'c1',
    contractId: sketch.contractId === undefined ? 'old-contract' : sketch.contractId,
    productId: 'fixed',
    name: 'Commit',
    description: null,
    accessSchedule: {
      creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
      segments: sketch.segments.map(([id, amount, from, to]): AccessSegment => ({
        id,
        amount: dec(amount),
        startingAt: day(from),
        endingBefore: day(to),
      })),
    },
    priority: dec('100'),
    applicableProductIds: ['a'],
    applicableProductTags: null,
    specifiers: null,
    rolloverFraction: sketch.rolloverFraction === undefined ? null : dec(sketch.rolloverFraction),
    rateType: 'COMMIT_RATE' as const,
    rolledOverFrom: null,
    archivedAt: sketch.archivedAt ? day(sketch.archivedAt) : null,
    customFields: { team: 'x' },
    createdAt: day('2025-12-01'),
  }
  const kind = sketch.kind ?? 'PREPAID'
  if (kind === 'CREDIT') return { ...common, kind: 'CREDIT' } satisfies Credit
  const amount = common.accessSchedule.segments[0]!.amount
  return {
    ...common,
    kind: 'COMMIT',
    type: kind,
    invoiceSchedule: {
      creditTypeId: USD_CENTS_CREDIT_TYPE_ID,
      items: [
        {
          id: 'i1',
          timestamp: common.accessSchedule.segments[0]!.endingBefore,
          amount,
          unitPrice: amount,
          quantity: dec('1'),
        },
      ],
      doNotInvoice: false,
    },
  } satisfies Commit
}

const manual = (
  segmentId: string,
  amount: string,
  timestamp: string | null = null,
  reason = 'adjust',
): ManualAdjustment => ({
  segmentId,
  amount: dec(amount),
  reason,
  timestamp: timestamp === null ? null : day(timestamp),
})

/** An entry as `TYPE date amount [segment]`, easy to read in a table. */
const line = (entry: LedgerEntry) =>
  `${entry.type} ${entry.timestamp.toISOString().slice(0, 10)} ${entry.amount.toString()} ${entry.segmentId}`

const lines = (ledger: readonly LedgerEntry[]) => ledger.map(line)

const year = balance({ segments: [['s', '10000', '2024-01-01', '2025-01-01']] })
const quarters = balance({
  segments: [
    ['q1', '30000', '2026-01-01', '2026-04-01'],
    ['q2', '30000', '2026-04-01', '2026-07-01'],
  ],
})

// [case, balance, manual adjustments, options, expected ledger lines, expected balance]
const ledgerCases: Array<
  [string, CommitOrCredit, ManualAdjustment[], LedgerOptions, string[], string]
> = [
  [
    'prepaid: nothing before the segment starts',
    year,
    [],
    { asOf: at('2023-12-31T23:00:00Z') },
    [],
    '0',
  ],
  [
    'prepaid: the start entry at the start (inclusive)',
    year,
    [],
    { asOf: day('2024-01-01') },
    ['PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s'],
    '10000',
  ],
  [
    'prepaid: the last instant before the end is still accessible',
    year,
    [],
    { asOf: at('2024-12-31T23:59:59.999Z') },
    ['PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s'],
    '10000',
  ],
  [
    'prepaid: at the end (exclusive) what is left expires (WE-9)',
    year,
    [manual('s', '-8600', '2024-06-01')],
    { asOf: day('2025-01-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s',
      'PREPAID_COMMIT_MANUAL 2024-06-01 -8600 s',
      'PREPAID_COMMIT_EXPIRATION 2025-01-01 -1400 s',
    ],
    '0',
  ],
  [
    'postpaid: the initial balance, then an expiration of what is left',
    balance({ kind: 'POSTPAID', segments: [['p', '10000', '2024-01-01', '2025-01-01']] }),
    [manual('p', '-9600', '2024-12-01')],
    { asOf: day('2025-02-01') },
    [
      'POSTPAID_COMMIT_INITIAL_BALANCE 2024-01-01 10000 p',
      'POSTPAID_COMMIT_MANUAL 2024-12-01 -9600 p',
      'POSTPAID_COMMIT_EXPIRATION 2025-01-01 -400 p',
    ],
    '0',
  ],
  [
    'credit: start, manual, expiration (WE-11 with the deduction as a manual entry)',
    balance({ kind: 'CREDIT', segments: [['cs', '100', '2024-09-01', '2024-10-01']] }),
    [manual('cs', '-63', '2024-09-30')],
    { asOf: day('2024-10-02') },
    [
      'CREDIT_SEGMENT_START 2024-09-01 100 cs',
      'CREDIT_MANUAL 2024-09-30 -63 cs',
      'CREDIT_EXPIRATION 2024-10-01 -37 cs',
    ],
    '0',
  ],
  [
    'quarterly segments: the first expired, the second accessible (WE-31)',
    quarters,
    [manual('q1', '-20250', '2026-03-31')],
    { asOf: day('2026-04-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-03-31 -20250 q1',
      'PREPAID_COMMIT_SEGMENT_START 2026-04-01 30000 q2',
      'PREPAID_COMMIT_EXPIRATION 2026-04-01 -9750 q1',
    ],
    '30000',
  ],
  [
    'a segment fully used expires with no entry',
    year,
    [manual('s', '-10000')],
    { asOf: day('2025-01-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s',
      'PREPAID_COMMIT_MANUAL 2024-01-01 -10000 s',
    ],
    '0',
  ],
  [
    'manual: the timestamp defaults to the segment start',
    year,
    [manual('s', '250', null, 'goodwill')],
    { asOf: day('2024-03-01') },
    ['PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s', 'PREPAID_COMMIT_MANUAL 2024-01-01 250 s'],
    '10250',
  ],
  [
    'manual: a future-dated entry on an active segment already counts',
    year,
    [manual('s', '-4000', '2024-11-01')],
    { asOf: day('2024-02-01') },
    ['PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s', 'PREPAID_COMMIT_MANUAL 2024-11-01 -4000 s'],
    '6000',
  ],
  [
    'manual: entries on a segment not yet started do not show',
    quarters,
    [manual('q2', '-100', '2026-05-01')],
    { asOf: day('2026-02-01') },
    ['PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1'],
    '30000',
  ],
  [
    'manual: drawing down beyond what is left floors the balance at 0',
    year,
    [manual('s', '-7000', '2024-02-01'), manual('s', '-5000', '2024-03-01')],
    { asOf: day('2024-04-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s',
      'PREPAID_COMMIT_MANUAL 2024-02-01 -7000 s',
      'PREPAID_COMMIT_MANUAL 2024-03-01 -5000 s',
    ],
    '0',
  ],
  [
    'manual: an overdrawn segment expires with no entry (never adds balance)',
    year,
    [manual('s', '-12000', '2024-02-01')],
    { asOf: day('2025-06-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2024-01-01 10000 s',
      'PREPAID_COMMIT_MANUAL 2024-02-01 -12000 s',
    ],
    '0',
  ],
  [
    'manual: an overdrawn segment does not hide another segment’s balance',
    quarters,
    [manual('q1', '-40000')],
    { asOf: day('2026-03-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-01-01 -40000 q1',
    ],
    '0',
  ],
  [
    'fractions of a cent are kept exactly',
    balance({ kind: 'CREDIT', segments: [['cs', '100', '2024-09-01', '2024-10-01']] }),
    [manual('cs', '-99.2', '2024-09-10')],
    { asOf: day('2024-10-01') },
    [
      'CREDIT_SEGMENT_START 2024-09-01 100 cs',
      'CREDIT_MANUAL 2024-09-10 -99.2 cs',
      'CREDIT_EXPIRATION 2024-10-01 -0.8 cs',
    ],
    '0',
  ],
]

for (const [name, commit, adjustments, options, expected, expectedBalance] of ledgerCases) {
  test(`ledger: ${name}`, () => {
    assert.deepEqual(lines(ledgerAsOf(commit, adjustments, options)), expected)
    assert.equal(balanceAsOf(commit, adjustments, options).toString(), expectedBalance)
  })
}

test('ledger: a manual adjustment on an unknown segment is a bug', () => {
  assert.throws(() => ledgerAsOf(year, [manual('nope', '1')], { asOf: day('2024-02-01') }))
})

test('ledger: manual entries carry their reason', () => {
  const [, entry] = ledgerAsOf(year, [manual('s', '1', null, 'outage')], {
    asOf: day('2024-02-01'),
  })
  assert.equal(entry?.type === 'PREPAID_COMMIT_MANUAL' && entry.reason, 'outage')
})

// ---------------------------------------------------------------------------------------------
// Cancellation and archive.

const voided: Cancellation = { at: day('2026-02-15'), invoiceId: 'inv-1', contractId: 'k' }

const cancelCases: Array<[string, CommitOrCredit, LedgerOptions, string[], string]> = [
  [
    'before the cancellation nothing changes',
    quarters,
    { asOf: day('2026-02-01'), cancellation: voided },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-01-01 -1000 q1',
    ],
    '29000',
  ],
  [
    'the active segment is canceled; a later one never starts',
    quarters,
    { asOf: day('2026-06-01'), cancellation: voided },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-01-01 -1000 q1',
      'PREPAID_COMMIT_CANCELED 2026-02-15 -29000 q1',
    ],
    '0',
  ],
  [
    'credits are canceled the same way',
    balance({ kind: 'CREDIT', segments: [['cs', '500', '2026-01-01', '2026-03-01']] }),
    { asOf: day('2026-02-15'), cancellation: voided },
    ['CREDIT_SEGMENT_START 2026-01-01 500 cs', 'CREDIT_CANCELED 2026-02-15 -500 cs'],
    '0',
  ],
  [
    'postpaid commits have no canceled type: they expire',
    balance({ kind: 'POSTPAID', segments: [['p', '700', '2026-01-01', '2027-01-01']] }),
    { asOf: day('2026-03-01'), cancellation: voided },
    [
      'POSTPAID_COMMIT_INITIAL_BALANCE 2026-01-01 700 p',
      'POSTPAID_COMMIT_EXPIRATION 2026-02-15 -700 p',
    ],
    '0',
  ],
  [
    'an archived commit: the active segment expires at the archive (§4.17)',
    balance({ ...quartersSketch(), archivedAt: '2026-03-01' }),
    { asOf: day('2026-08-01') },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-01-01 -1000 q1',
      'PREPAID_COMMIT_EXPIRATION 2026-03-01 -29000 q1',
    ],
    '0',
  ],
  [
    'a cancellation after the segment expired changes nothing',
    quarters,
    { asOf: day('2026-08-01'), cancellation: { ...voided, at: day('2026-07-15') } },
    [
      'PREPAID_COMMIT_SEGMENT_START 2026-01-01 30000 q1',
      'PREPAID_COMMIT_MANUAL 2026-01-01 -1000 q1',
      'PREPAID_COMMIT_SEGMENT_START 2026-04-01 30000 q2',
      'PREPAID_COMMIT_EXPIRATION 2026-04-01 -29000 q1',
      'PREPAID_COMMIT_EXPIRATION 2026-07-01 -30000 q2',
    ],
    '0',
  ],
]

function quartersSketch(): Sketch {
  return {
    segments: [
      ['q1', '30000', '2026-01-01', '2026-04-01'],
      ['q2', '30000', '2026-04-01', '2026-07-01'],
    ],
  }
}

for (const [name, commit, options, expected, expectedBalance] of cancelCases) {
  test(`cancel: ${name}`, () => {
    const adjustments =
      commit.kind === 'COMMIT' && commit.type === 'PREPAID' ? [manual('q1', '-1000')] : []
    assert.deepEqual(lines(ledgerAsOf(commit, adjustments, options)), expected)
    assert.equal(balanceAsOf(commit, adjustments, options).toString(), expectedBalance)
  })
}

test('cancel: the canceled entry names the voided invoice', () => {
  const ledger = ledgerAsOf(quarters, [], { asOf: day('2026-03-01'), cancellation: voided })
  const canceled = ledger.find((entry) => entry.type === 'PREPAID_COMMIT_CANCELED')
  assert.deepEqual(
    canceled && 'invoiceId' in canceled && [canceled.invoiceId, canceled.contractId],
    ['inv-1', 'k'],
  )
})

// ---------------------------------------------------------------------------------------------
// Rollover (§4.11, WE-20).

const renewal = day('2026-01-01')
const target: RolloverTarget = {
  contractId: 'new-contract',
  id: 'rolled',
  segmentId: 'rolled-s',
  invoiceItemId: 'rolled-i',
  accessEndingBefore: day('2027-01-01'),
}
const transition: Transition = { at: renewal, newContractId: 'new-contract' }

const annual = (fraction: string | undefined, kind: Sketch['kind'] = 'PREPAID') =>
  balance({
    kind,
    segments: [['s', '100000', '2025-01-01', '2026-01-01']],
    ...(fraction === undefined ? {} : { rolloverFraction: fraction }),
  })

// [case, fraction, unused at the end, expected rolled amount or null, expected expiration]
const rolloverCases: Array<[string, string | undefined, string, string | null, string | null]> = [
  ['fraction 0.5, unused below the cap: all of it rolls (WE-20)', '0.5', '10000', '10000', null],
  [
    'fraction 0.5, unused above the cap: the cap rolls, the rest expires',
    '0.5',
    '60000',
    '50000',
    '-10000',
  ],
  ['fraction 1: everything unused rolls', '1', '60000', '60000', null],
  ['fraction 1, fractional cents roll exactly', '1', '0.8', '0.8', null],
  ['fraction 0: nothing rolls, it all expires', '0', '60000', null, '-60000'],
  ['no fraction: nothing rolls', undefined, '60000', null, '-60000'],
  ['nothing unused: nothing rolls', '1', '0', null, null],
  ['fraction 0.333 of 100000 caps at 33300', '0.333', '99999.99', '33300', '-66699.99'],
]

for (const [name, fraction, unused, rolled, expired] of rolloverCases) {
  test(`rollover: ${name}`, () => {
    const old = annual(fraction)
    const used = manual('s', dec(unused).minus(100000).toString(), '2025-06-01')
    const ledger = ledgerAsOf(old, [used], { asOf: renewal })
    const result = rollover(old, ledger, renewal, target)
    assert.equal(result?.rolledOver.accessSchedule.segments[0]?.amount.toString() ?? null, rolled)
    assert.equal(result?.entry.amount.negated().toString() ?? null, rolled)

    // The ledger with the transition applied writes the same entry, then expires the rest.
    const after = ledgerAsOf(old, [used], { asOf: renewal, rollover: transition })
    const closing = after.filter(isClosingEntry)
    assert.deepEqual(
      closing.map((entry) => entry.type),
      [
        ...(rolled === null ? [] : ['PREPAID_COMMIT_ROLLOVER']),
        ...(expired === null ? [] : ['PREPAID_COMMIT_EXPIRATION']),
      ],
    )
    if (result) assert.deepEqual(closing[0], result.entry)
    const expiration = closing.find((entry) => entry.type === 'PREPAID_COMMIT_EXPIRATION')
    assert.equal(expiration?.amount.toString() ?? null, expired)
    assert.equal(balanceAsOf(old, [used], { asOf: renewal, rollover: transition }).toString(), '0')
  })
}

test('rollover: the new balance keeps applicability and names where it came from', () => {
  const old = annual('0.5')
  const result = rollover(old, ledgerAsOf(old, [], { asOf: renewal }), renewal, target)!
  const rolled = result.rolledOver
  assert.equal(rolled.kind === 'COMMIT' && rolled.type, 'PREPAID')
  assert.deepEqual(rolled.rolledOverFrom, { contractId: 'old-contract', id: 'c1' })
  assert.deepEqual(
    [rolled.id, rolled.contractId, rolled.productId, rolled.applicableProductIds, rolled.rateType],
    ['rolled', 'new-contract', 'fixed', ['a'], 'COMMIT_RATE'],
  )
  assert.equal(rolled.priority?.toString(), '100')
  assert.deepEqual(rolled.customFields, { team: 'x' })
  assert.deepEqual(rolled.accessSchedule.segments, [
    {
      id: 'rolled-s',
      amount: dec('50000'),
      startingAt: renewal,
      endingBefore: day('2027-01-01'),
    },
  ])
  assert.equal(rolled.kind === 'COMMIT' && rolled.invoiceSchedule, null)
  assert.deepEqual(rolled.createdAt, renewal)
  assert.equal(result.entry.newContractId, 'new-contract')
  assert.equal(result.entry.segmentId, 's')
})

test('rollover: a credit rolls into a credit', () => {
  const old = annual('1', 'CREDIT')
  const result = rollover(old, ledgerAsOf(old, [], { asOf: renewal }), renewal, target)!
  assert.equal(result.rolledOver.kind, 'CREDIT')
  assert.equal(result.entry.type, 'CREDIT_ROLLOVER')
})

test('rollover: a postpaid commit rolls with its true-up moved to the new access end', () => {
  const old = annual('1', 'POSTPAID')
  const ledger = ledgerAsOf(old, [manual('s', '-70000', '2025-12-01')], { asOf: renewal })
  const result = rollover(old, ledger, renewal, target)!
  assert.equal(result.entry.type, 'POSTPAID_COMMIT_ROLLOVER')
  const rolled = result.rolledOver
  assert.ok(rolled.kind === 'COMMIT' && rolled.type === 'POSTPAID')
  assert.deepEqual(
    rolled.invoiceSchedule?.items.map((item) => [item.id, item.timestamp, item.amount.toString()]),
    [['rolled-i', day('2027-01-01'), '30000']],
  )
})

test('rollover: a segment that expired before the transition does not roll', () => {
  const old = balance({
    rolloverFraction: '1',
    segments: [['s', '100', '2025-01-01', '2025-07-01']],
  })
  const ledger = ledgerAsOf(old, [], { asOf: renewal })
  assert.equal(rollover(old, ledger, renewal, target), null)
  assert.deepEqual(lines(ledgerAsOf(old, [], { asOf: renewal, rollover: transition })), [
    'PREPAID_COMMIT_SEGMENT_START 2025-01-01 100 s',
    'PREPAID_COMMIT_EXPIRATION 2025-07-01 -100 s',
  ])
})

test('rollover: mid-segment, the segment in use rolls and closes at the transition', () => {
  const old = balance({
    rolloverFraction: '0.5',
    segments: [['s', '100', '2025-07-01', '2026-07-01']],
  })
  const result = rollover(old, ledgerAsOf(old, [], { asOf: renewal }), renewal, target)
  assert.equal(result?.entry.amount.toString(), '-50')
  assert.deepEqual(lines(ledgerAsOf(old, [], { asOf: day('2026-08-01'), rollover: transition })), [
    'PREPAID_COMMIT_SEGMENT_START 2025-07-01 100 s',
    'PREPAID_COMMIT_ROLLOVER 2026-01-01 -50 s',
    'PREPAID_COMMIT_EXPIRATION 2026-01-01 -50 s',
  ])
})

test('rollover: a segment starting at the transition never served the old term', () => {
  const old = balance({
    rolloverFraction: '1',
    segments: [['s', '100', '2026-01-01', '2026-07-01']],
  })
  assert.equal(rollover(old, ledgerAsOf(old, [], { asOf: renewal }), renewal, target), null)
})

test('rollover: canceled, archived or already rolled balances do not roll', () => {
  const old = annual('1')
  const canceled = ledgerAsOf(old, [], {
    asOf: renewal,
    cancellation: { at: day('2025-06-01'), invoiceId: 'inv', contractId: null },
  })
  assert.equal(rollover(old, canceled, renewal, target), null)
  const archived = { ...old, archivedAt: renewal }
  assert.equal(
    rollover(archived, ledgerAsOf(archived, [], { asOf: renewal }), renewal, target),
    null,
  )
  const rolled = ledgerAsOf(old, [], { asOf: renewal, rollover: transition })
  assert.equal(rollover(old, rolled, renewal, target), null)
})

test('rollover: misuse is a bug', () => {
  const customerLevel = balance({ ...quartersSketch(), contractId: null, rolloverFraction: '1' })
  assert.throws(() => rollover(customerLevel, [], day('2026-02-01'), target))
  const old = annual('1')
  assert.throws(() => rollover(old, [], renewal, target), /ledger must include/)
  assert.throws(() => rollover(old, [], renewal, { ...target, accessEndingBefore: renewal }))
})

// ---------------------------------------------------------------------------------------------
// checkManualEntry.

const manualCases: Array<[string, CommitOrCredit, ManualAdjustment, string[]]> = [
  ['a past-dated entry inside the segment', quarters, manual('q1', '-5', '2026-02-01'), []],
  ['a future-dated entry inside the segment', quarters, manual('q2', '-5', '2026-06-30'), []],
  ['no timestamp: the segment start', quarters, manual('q2', '5'), []],
  ['a negative entry beyond what is left is allowed', quarters, manual('q1', '-1000000'), []],
  [
    'an unknown segment',
    quarters,
    manual('q9', '5'),
    ['body.segment_id: is not a segment of the access schedule of c1'],
  ],
  [
    'a timestamp before the segment',
    quarters,
    manual('q2', '5', '2026-03-31'),
    [
      "body.timestamp: must be within the segment's access [2026-04-01T00:00:00.000Z, 2026-07-01T00:00:00.000Z)",
    ],
  ],
  [
    'a timestamp at the segment end (exclusive)',
    quarters,
    manual('q1', '5', '2026-04-01'),
    [
      "body.timestamp: must be within the segment's access [2026-01-01T00:00:00.000Z, 2026-04-01T00:00:00.000Z)",
    ],
  ],
  [
    'an archived balance',
    balance({ ...quartersSketch(), archivedAt: '2026-02-01' }),
    manual('q1', '5'),
    ['body.id: names an archived commit or credit'],
  ],
]

for (const [name, commit, entry, expected] of manualCases) {
  test(`checkManualEntry: ${name}`, () => {
    const problems = checkManualEntry(commit, entry)
    assert.deepEqual(
      problems.map((problem) => `${problem.field}: ${problem.message}`),
      expected,
    )
  })
}

test('checkManualEntry: per-group amounts must sum to the amount, exactly', () => {
  const entry = { ...manual('q1', '0.3'), perGroupAmounts: { a: dec('0.1'), b: dec('0.2') } }
  assert.deepEqual(checkManualEntry(quarters, entry), [])
  const off = { ...entry, perGroupAmounts: { a: dec('0.1'), b: dec('0.1') } }
  assert.deepEqual(
    checkManualEntry(quarters, off, 'body.x').map((problem) => problem.field),
    ['body.x.per_group_amounts'],
  )
})

// ---------------------------------------------------------------------------------------------
// Properties.

const HOUR = 3_600_000
const origin = Date.UTC(2026, 0, 1)
const hour = (n: number) => new Date(origin + n * HOUR)

/** Amounts with up to 4 decimal places (fractions of a cent), exact. */
const amount = (min: number, max: number) =>
  fc
    .noBias(fc.integer({ min: min * 10_000, max: max * 10_000 }))
    .map((n) => new Dec(n).dividedBy(10_000))

/** The value one time in `every`, otherwise undefined. */
const sometimes = <T>(value: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: every - 1 },
    { arbitrary: value, weight: 1 },
  )

interface Scenario {
  commit: CommitOrCredit
  adjustments: ManualAdjustment[]
  cancellation: Cancellation | undefined
  transition: Transition | undefined
}

const arbitraryScenario: fc.Arbitrary<Scenario> = fc
  .record({
    kind: fc.constantFrom<'PREPAID' | 'POSTPAID' | 'CREDIT'>('PREPAID', 'POSTPAID', 'CREDIT'),
    shape: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 5 }),
        length: fc.integer({ min: 1, max: 10 }),
        amount: amount(0, 1000),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    adjustments: fc.array(
      fc.record({
        segment: fc.nat(),
        amount: amount(-400, 300),
        offset: fc.option(fc.nat(), { nil: null }),
      }),
      { maxLength: 6 },
    ),
    fraction: fc.option(fc.constantFrom('0', '0.25', '0.5', '0.3333', '1'), {
      nil: undefined,
      freq: 5,
    }),
    // Early closes are kept rare enough that open segments and balances stay common.
    archivedAt: sometimes(fc.integer({ min: 0, max: 60 }), 4),
    canceledAt: sometimes(fc.integer({ min: 0, max: 60 }), 4),
    transitionAt: sometimes(fc.integer({ min: 1, max: 40 }), 2),
  })
  .map((raw): Scenario => {
    let cursor = 0
    const shape = raw.kind === 'POSTPAID' ? raw.shape.slice(0, 1) : raw.shape
    const segments = shape.map((each, index): AccessSegment => {
      const startingAt = hour(cursor + each.gap)
      cursor += each.gap + each.length
      return { id: `s${index}`, amount: each.amount, startingAt, endingBefore: hour(cursor) }
    })
    const base = balance({ kind: raw.kind, segments: [['x', '1', '2026-01-01', '2026-01-02']] })
    const commit: CommitOrCredit = {
      ...base,
      accessSchedule: { ...base.accessSchedule, segments },
      rolloverFraction: raw.fraction === undefined ? null : dec(raw.fraction),
      archivedAt: raw.archivedAt === undefined ? null : hour(raw.archivedAt),
    }
    const adjustments = raw.adjustments.map((each): ManualAdjustment => {
      const segment = segments[each.segment % segments.length]!
      const span = (segment.endingBefore.getTime() - segment.startingAt.getTime()) / HOUR
      return {
        segmentId: segment.id,
        amount: each.amount,
        reason: 'p',
        timestamp:
          each.offset === null
            ? null
            : new Date(segment.startingAt.getTime() + (each.offset % span) * HOUR),
      }
    })
    return {
      commit,
      adjustments,
      cancellation:
        raw.canceledAt === undefined
          ? undefined
          : { at: hour(raw.canceledAt), invoiceId: 'inv', contractId: null },
      transition:
        raw.transitionAt === undefined
          ? undefined
          : { at: hour(raw.transitionAt), newContractId: 'new' },
    }
  })

const optionsAt = (scenario: Scenario, asOf: Date): LedgerOptions => ({
  asOf,
  ...(scenario.cancellation ? { cancellation: scenario.cancellation } : {}),
  ...(scenario.transition ? { rollover: scenario.transition } : {}),
})

/** The balance straight from the rules, without a ledger: the second way to compute it. */
function oracleBalance(scenario: Scenario, asOf: Date): Dec {
  const { commit, adjustments, cancellation, transition } = scenario
  const t = asOf.getTime()
  return sum(
    commit.accessSchedule.segments.map((segment) => {
      const start = segment.startingAt.getTime()
      const end = segment.endingBefore.getTime()
      const closes = [end]
      if (cancellation) closes.push(cancellation.at.getTime())
      if (commit.archivedAt) closes.push(commit.archivedAt.getTime())
      const rollAt = transition?.at.getTime()
      if (rollAt !== undefined && start < rollAt && rollAt <= end) closes.push(rollAt)
      const closeAt = Math.min(...closes)
      if (!(start <= t && t < closeAt)) return new Dec(0)
      const own = adjustments.filter((each) => each.segmentId === segment.id)
      return Dec.max(0, segment.amount.plus(sum(own.map((each) => each.amount))))
    }),
  )
}

const asOfHour = fc.noBias(fc.integer({ min: -2, max: 45 }))

test('property: a balance is the floored sum of its accessible segments’ entries, two ways', () => {
  fc.assert(
    fc.property(arbitraryScenario, asOfHour, (scenario, n) => {
      const options = optionsAt(scenario, hour(n))
      const ledger = ledgerAsOf(scenario.commit, scenario.adjustments, options)
      const accessible = accessibleSegments(scenario.commit, options).map((segment) => segment.id)
      const fromLedger = sum(
        accessible.map((id) =>
          Dec.max(0, sum(ledger.filter((e) => e.segmentId === id).map((e) => e.amount))),
        ),
      )
      const balance = balanceAsOf(scenario.commit, scenario.adjustments, options)
      assert.equal(balance.toString(), fromLedger.toString())
      assert.equal(balance.toString(), oracleBalance(scenario, hour(n)).toString())
    }),
    { numRuns: 1000 },
  )
})

test('property: entries are in order; a close never takes more than is left', () => {
  fc.assert(
    fc.property(arbitraryScenario, asOfHour, (scenario, n) => {
      const ledger = ledgerAsOf(scenario.commit, scenario.adjustments, optionsAt(scenario, hour(n)))
      for (let i = 1; i < ledger.length; i++) {
        assert.ok(compareLedgerEntries(ledger[i - 1]!, ledger[i]!) <= 0)
        assert.ok(ledger[i - 1]!.timestamp.getTime() <= ledger[i]!.timestamp.getTime())
      }
      for (const segment of scenario.commit.accessSchedule.segments) {
        const own = ledger.filter((entry) => entry.segmentId === segment.id)
        const left = sum(own.filter((e) => !isClosingEntry(e)).map((e) => e.amount))
        const closing = own.filter(isClosingEntry)
        for (const entry of closing) assert.ok(entry.amount.isNegative(), line(entry))
        const taken = sum(closing.map((entry) => entry.amount)).negated()
        assert.ok(taken.lessThanOrEqualTo(Dec.max(0, left)), `${taken} > ${left}`)
        // A closed segment ends exactly at 0, or below it when overdrawn; never above.
        if (closing.length > 0) assert.ok(left.minus(taken).equals(Dec.min(0, left)))
        const rolled = closing.find((entry) => entry.type.endsWith('_ROLLOVER'))
        if (rolled) {
          const cap = scenario.commit.rolloverFraction!.times(segment.amount)
          assert.ok(rolled.amount.negated().equals(Dec.min(left, cap)))
        }
      }
    }),
    { numRuns: 1000 },
  )
})

test('property: a ledger only grows as time passes (entries are never rewritten)', () => {
  fc.assert(
    fc.property(arbitraryScenario, asOfHour, asOfHour, (scenario, a, b) => {
      const [early, late] = a <= b ? [a, b] : [b, a]
      const before = lines(
        ledgerAsOf(scenario.commit, scenario.adjustments, optionsAt(scenario, hour(early))),
      )
      const after = lines(
        ledgerAsOf(scenario.commit, scenario.adjustments, optionsAt(scenario, hour(late))),
      )
      const remaining = [...after]
      for (const entry of before) {
        const index = remaining.indexOf(entry)
        assert.ok(index >= 0, `${entry} disappeared`)
        remaining.splice(index, 1)
      }
    }),
    { numRuns: 300 },
  )
})

test('property: arithmetic is exact — a fully closed ledger sums to exactly min(0, left)', () => {
  fc.assert(
    fc.property(arbitraryScenario, (scenario) => {
      const ledger = ledgerAsOf(
        scenario.commit,
        scenario.adjustments,
        optionsAt(scenario, hour(80)),
      )
      for (const segment of scenario.commit.accessSchedule.segments) {
        const own = ledger.filter((entry) => entry.segmentId === segment.id)
        if (own.length === 0) continue
        const expected = Dec.min(
          0,
          segment.amount.plus(
            sum(
              scenario.adjustments
                .filter((each) => each.segmentId === segment.id)
                .map((each) => each.amount),
            ),
          ),
        )
        // With JS numbers 0.1 + 0.2 − 0.3 is 5.55e-17; with Dec it is 0.
        assert.equal(sum(own.map((entry) => entry.amount)).toString(), expected.toString())
        for (const entry of own) assert.ok(entry.amount.decimalPlaces() <= 8, line(entry))
      }
    }),
    { numRuns: 1000 },
  )
})

// ---------------------------------------------------------------------------------------------
// Seat-based adjustments (decision 0015).

test('seat adjustments: written once they happen, before the close, closed with the segment', () => {
  const seats = (kind: 'CREDIT' | 'PREPAID') => ({
    ...balance({ kind, segments: [['feb', '400', '2026-02-01', '2026-03-01']] }),
    seatAdjustments: [
      { segmentId: 'feb', timestamp: day('2026-02-15'), amount: dec('50') },
      { segmentId: 'feb', timestamp: day('2026-02-20'), amount: dec('25') },
    ],
  })
  const cases: Array<[string, 'CREDIT' | 'PREPAID', string, string[], string]> = [
    [
      'before the first increase',
      'CREDIT',
      '2026-02-10',
      ['CREDIT_SEGMENT_START 2026-02-01 400 feb'],
      '400',
    ],
    [
      'at the first increase',
      'CREDIT',
      '2026-02-15',
      ['CREDIT_SEGMENT_START 2026-02-01 400 feb', 'CREDIT_SEAT_BASED_ADJUSTMENT 2026-02-15 50 feb'],
      '450',
    ],
    [
      'after both, a prepaid commit',
      'PREPAID',
      '2026-02-25',
      [
        'PREPAID_COMMIT_SEGMENT_START 2026-02-01 400 feb',
        'PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT 2026-02-15 50 feb',
        'PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT 2026-02-20 25 feb',
      ],
      '475',
    ],
    [
      'expired: everything granted expires',
      'CREDIT',
      '2026-03-01',
      [
        'CREDIT_SEGMENT_START 2026-02-01 400 feb',
        'CREDIT_SEAT_BASED_ADJUSTMENT 2026-02-15 50 feb',
        'CREDIT_SEAT_BASED_ADJUSTMENT 2026-02-20 25 feb',
        'CREDIT_EXPIRATION 2026-03-01 -475 feb',
      ],
      '0',
    ],
  ]
  for (const [name, kind, asOf, expected, balanceText] of cases) {
    const options = { asOf: day(asOf) }
    const ledger = ledgerAsOf(seats(kind), [], options)
    assert.deepEqual(lines(ledger), expected, name)
    assert.equal(balanceAsOf(seats(kind), [], options).toString(), balanceText, name)
  }

  // Archived on the day of the second increase: that one never happens for this segment.
  const archived = { ...seats('CREDIT'), archivedAt: day('2026-02-20') }
  assert.deepEqual(lines(ledgerAsOf(archived, [], { asOf: day('2026-02-25') })), [
    'CREDIT_SEGMENT_START 2026-02-01 400 feb',
    'CREDIT_SEAT_BASED_ADJUSTMENT 2026-02-15 50 feb',
    'CREDIT_EXPIRATION 2026-02-20 -450 feb',
  ])

  // A seat adjustment and a manual entry at one instant: MANUAL first, then the adjustment.
  const both = ledgerAsOf(seats('CREDIT'), [manual('feb', '-5', '2026-02-15')], {
    asOf: day('2026-02-16'),
  })
  assert.deepEqual(
    both.map((entry) => entry.type),
    ['CREDIT_SEGMENT_START', 'CREDIT_MANUAL', 'CREDIT_SEAT_BASED_ADJUSTMENT'],
  )

  // Postpaid commits have no seat adjustment type: a bug if one ever carries one.
  const postpaid = {
    ...balance({ kind: 'POSTPAID', segments: [['feb', '400', '2026-02-01', '2026-03-01']] }),
    seatAdjustments: seats('CREDIT').seatAdjustments,
  }
  assert.throws(() => ledgerAsOf(postpaid, [], { asOf: day('2026-02-16') }))
})

test('seat adjustments roll over with what is left', () => {
  const credit = {
    ...balance({
      kind: 'CREDIT',
      segments: [['feb', '400', '2026-02-01', '2026-03-01']],
      rolloverFraction: '1',
    }),
    seatAdjustments: [{ segmentId: 'feb', timestamp: day('2026-02-15'), amount: dec('50') }],
  }
  const transition = { at: day('2026-03-01'), newContractId: 'new' }
  const cases: Array<[string, string, string[]]> = [
    // Fraction 1: what the seats released rolls too (it was granted, 0009 rule 8).
    ['1', '0', ['CREDIT_ROLLOVER 2026-03-01 -450 feb']],
    // Half of the 450 granted; the rest expires.
    ['0.5', '0', ['CREDIT_ROLLOVER 2026-03-01 -225 feb', 'CREDIT_EXPIRATION 2026-03-01 -225 feb']],
    // 300 used manually: 150 left, less than half of 450, so all of it rolls.
    ['0.5', '-300', ['CREDIT_ROLLOVER 2026-03-01 -150 feb']],
  ]
  for (const [fraction, used, expected] of cases) {
    const given = { ...credit, rolloverFraction: dec(fraction) }
    const adjustments = used === '0' ? [] : [manual('feb', used, '2026-02-20')]
    const ledger = ledgerAsOf(given, adjustments, { asOf: day('2026-03-01'), rollover: transition })
    const closing = lines(ledger.filter(isClosingEntry))
    assert.deepEqual(closing, expected, `${fraction} ${used}`)
    // rollover() moves the same amount as the ledger's entry.
    const asOfTransition = ledgerAsOf(given, adjustments, { asOf: day('2026-03-01') })
    const moved = rollover(given, asOfTransition, transition.at, {
      contractId: 'new',
      id: 'n',
      segmentId: 'ns',
      invoiceItemId: 'ni',
      accessEndingBefore: day('2026-04-01'),
    })
    assert.equal(moved?.entry.amount.toString(), ledger.find(isClosingEntry)!.amount.toString())
  }
})
