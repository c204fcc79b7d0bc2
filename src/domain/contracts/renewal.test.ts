import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Dec } from '../money/decimal.js'
import {
  currentContract,
  newContract,
  noPassThrough,
  type ContractCommitInput,
  type ContractCreateInput,
  type ContractEdit,
  type ContractHistory,
  type ContractTerms,
} from './contract.js'
import { ledgerAsOf, type ManualAdjustment } from './ledger.js'
import { renewalOf, rolloversInto } from './renewal.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)
const OLD_START = at('2025-01-01T00:00Z')
const T = at('2026-01-01T00:00Z')
const NEW_END = at('2027-01-01T00:00Z')

// WE-20: a $100,000 prepaid commit for Product A over the old term.
const commit = (fraction: string | null): ContractCommitInput => ({
  type: 'PREPAID',
  productId: 'fixed',
  applicableProductIds: ['a'],
  priority: dec('100'),
  accessSchedule: { items: [{ amount: dec('100000'), startingAt: OLD_START, endingBefore: T }] },
  ...(fraction === null ? {} : { rolloverFraction: dec(fraction) }),
})

function terms(id: string, changes: Partial<ContractCreateInput>): ContractTerms {
  let next = 0
  return newContract(
    {
      customerId: 'customer',
      startingAt: OLD_START,
      endingBefore: T,
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
      presentFields: [],
      ...changes,
    },
    {
      id,
      newId: () => `${id}-${next++}`,
      rateCardId: null,
      createdAt: OLD_START,
      createdBy: 'test',
    },
  )
}

/** The old commit with `used` drawn down by a manual entry (usage stands in for invoices). */
function oldWithUse(fraction: string | null, used: string) {
  const old = terms('old', { commits: [commit(fraction)] })
  const balance = old.commits[0]!
  const adjustment: ManualAdjustment = {
    segmentId: balance.accessSchedule.segments[0]!.id,
    amount: dec(used).negated(),
    reason: 'usage',
    timestamp: at('2025-06-01T00:00Z'),
  }
  return { old, balance, adjustments: new Map([[balance.id, [adjustment]]]) }
}

test('rolloversInto: min(remaining, fraction × segment amount), per WE-20', () => {
  const cases: Array<[string, string | null, string, string | null]> = [
    ['$10,000 unused at 0.5 rolls in full', '0.5', '90000', '10000'],
    ['$60,000 unused at 0.5 rolls $50,000', '0.5', '40000', '50000'],
    ['$60,000 unused at 1 rolls all of it', '1', '40000', '60000'],
    ['fraction 0 rolls nothing', '0', '40000', null],
    ['no fraction rolls nothing', null, '40000', null],
    ['nothing unused rolls nothing', '1', '100000', null],
  ]
  for (const [name, fraction, used, rolled] of cases) {
    const { old, adjustments } = oldWithUse(fraction, used)
    let next = 0
    const renewal = { id: 'new', startingAt: T, endingBefore: NEW_END }
    const result = rolloversInto(renewal, old.commits, adjustments, () => `n-${next++}`)
    assert.deepEqual(
      result.commits.map((each) => each.accessSchedule.segments[0]!.amount.toString()),
      rolled === null ? [] : [rolled],
      name,
    )
  }
})

test('rolloversInto: the new commit keeps the applicability and lasts the new term', () => {
  const { old, balance, adjustments } = oldWithUse('0.5', '90000')
  const [rolled] = rolloversInto(
    { id: 'new', startingAt: T, endingBefore: NEW_END },
    old.commits,
    adjustments,
    () => 'n',
  ).commits
  assert.deepEqual(rolled!.rolledOverFrom, { contractId: 'old', id: balance.id })
  assert.equal(rolled!.contractId, 'new')
  assert.deepEqual(rolled!.applicableProductIds, ['a'])
  assert.equal(rolled!.invoiceSchedule, null)
  assert.deepEqual(
    [
      rolled!.accessSchedule.segments[0]!.startingAt,
      rolled!.accessSchedule.segments[0]!.endingBefore,
    ],
    [T, NEW_END],
  )
  // An open-ended renewal: the rolling segment's own length (a year) from the transition.
  const [open] = rolloversInto(
    { id: 'new', startingAt: T, endingBefore: null },
    old.commits,
    adjustments,
    () => 'n',
  ).commits
  assert.equal(
    open!.accessSchedule.segments[0]!.endingBefore.toISOString(),
    '2027-01-01T00:00:00.000Z',
  )
})

test('rolloversInto: a segment expired before the transition does not roll', () => {
  const early = commit('1')
  const expired = terms('old', {
    commits: [
      {
        ...early,
        accessSchedule: {
          items: [
            { amount: dec('5'), startingAt: OLD_START, endingBefore: at('2025-06-01T00:00Z') },
          ],
        },
      },
    ],
  })
  const result = rolloversInto(
    { id: 'new', startingAt: T, endingBefore: NEW_END },
    expired.commits,
    new Map(),
    () => 'n',
  )
  assert.deepEqual(result, { commits: [], credits: [] })
})

test('renewalOf: the history’s renewal edit closes the old ledger with the same entry', () => {
  const { old, balance, adjustments } = oldWithUse('0.5', '40000')
  const head = { recordedAt: at('2025-12-01T00:00Z'), recordedBy: 'test' }
  const edits: ContractEdit[] = [{ ...head, id: 'c', kind: 'create', terms: old }]
  const history: ContractHistory = { contractId: 'old', customerId: 'customer', edits }
  assert.equal(renewalOf(history), null)
  const renewed: ContractHistory = {
    ...history,
    edits: [...edits, { ...head, id: 'r', kind: 'renewal', newContractId: 'new', transitionAt: T }],
  }
  assert.deepEqual(currentContract(renewed), old)
  const transition = renewalOf(renewed)
  assert.deepEqual(transition, { at: T, newContractId: 'new' })
  const ledger = ledgerAsOf(balance, adjustments.get(balance.id)!, {
    asOf: at('2026-06-01T00:00Z'),
    rollover: transition!,
  })
  assert.deepEqual(
    ledger.map((entry) => [entry.type, entry.amount.toString()]),
    [
      ['PREPAID_COMMIT_SEGMENT_START', '100000'],
      ['PREPAID_COMMIT_MANUAL', '-40000'],
      ['PREPAID_COMMIT_ROLLOVER', '-50000'],
      ['PREPAID_COMMIT_EXPIRATION', '-10000'],
    ],
  )
})
