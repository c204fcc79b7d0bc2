import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Dec } from '../money/decimal.js'
import { newCommit, newCredit, type CommitInput } from './commits.js'
import {
  checkCustomerManualEntry,
  checkCustomerScopeEdit,
  withCustomerBalanceEdit,
  withManualAdjustment,
  type CustomerBalance,
  type CustomerBalanceAdjustment,
  type CustomerCommit,
  type CustomerCredit,
  type CustomerScopeUpdate,
} from './customer-balances.js'
import type { BalanceUpdate } from './contract-edits.js'
import { balanceAsOf, ledgerAsOf } from './ledger.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)
const START = at('2026-01-01T00:00Z')
const END = at('2027-01-01T00:00Z')
const CONTRACTS = new Set(['c1', 'c2'])

const scope = {
  customerId: 'customer',
  applicableContractIds: null,
  invoiceContractId: null,
  uniquenessKey: null,
  salesforceOpportunityId: null,
  manualAdjustments: [],
}
const extras = { netsuiteSalesOrderId: null, hierarchyConfiguration: null }

function commit(
  input: Partial<CommitInput>,
  fields: Partial<CustomerCommit> = {},
  invoiceItems = 0,
): CustomerCommit {
  const made = newCommit(
    {
      type: 'PREPAID',
      productId: 'fixed',
      accessSchedule: { items: [{ amount: dec('100'), startingAt: START, endingBefore: END }] },
      ...input,
    },
    {
      id: 'commit',
      contractId: null,
      segmentIds: ['segment'],
      invoiceItemIds: Array.from({ length: invoiceItems }, (_, index) => `item-${index}`),
      createdAt: START,
    },
  )
  return { ...made, ...extras, spendTrackerAttributes: null, ...scope, ...fields }
}

const credit: CustomerCredit = {
  ...newCredit(
    {
      productId: 'fixed',
      accessSchedule: { items: [{ amount: dec('10'), startingAt: START, endingBefore: END }] },
    },
    { id: 'credit', contractId: null, segmentIds: ['segment'], createdAt: START },
  ),
  ...extras,
  ...scope,
}

const complimentary = commit({})
const invoiced = commit(
  { invoiceSchedule: { items: [{ timestamp: START, amount: dec('90') }] } },
  { invoiceContractId: 'c1', applicableContractIds: ['c1'] },
  1,
)
const postpaid = commit(
  { type: 'POSTPAID', invoiceSchedule: { items: [{ timestamp: END, amount: dec('100') }] } },
  { invoiceContractId: 'c1' },
  1,
)
const addInvoiceItem: BalanceUpdate = {
  id: 'commit',
  invoiceSchedule: {
    add: [
      { id: 'new', timestamp: START, amount: dec('5'), unitPrice: dec('5'), quantity: dec('1') },
    ],
    update: [],
    remove: [],
  },
}

test('checkCustomerScopeEdit: the create rules on the edited balance, and POSTPAID scope fixed', () => {
  const cases: Array<[string, CustomerBalance, BalanceUpdate, CustomerScopeUpdate, string[]]> = [
    ['no change', invoiced, { id: 'commit' }, {}, []],
    [
      'scope to both contracts',
      invoiced,
      { id: 'commit' },
      { applicableContractIds: ['c1', 'c2'] },
      [],
    ],
    [
      'scope to every contract (null)',
      invoiced,
      { id: 'commit' },
      { applicableContractIds: null },
      [],
    ],
    [
      'invoicing moved to a contract it applies to',
      invoiced,
      { id: 'commit' },
      { invoiceContractId: 'c2', applicableContractIds: ['c2'] },
      [],
    ],
    [
      'invoicing on a contract it does not apply to',
      invoiced,
      { id: 'commit' },
      { applicableContractIds: ['c2'] },
      ['body.invoice_contract_id must be one of applicable_contract_ids'],
    ],
    [
      'an invoice contract of another customer',
      invoiced,
      { id: 'commit' },
      { invoiceContractId: 'elsewhere' },
      ['body.invoice_contract_id names no contract of this customer (elsewhere)'],
    ],
    [
      'an unknown applicable contract',
      credit,
      { id: 'credit' },
      { applicableContractIds: ['c1', 'nope'] },
      ['body.applicable_contract_ids[1] names no contract of this customer (nope)'],
    ],
    [
      'an invoice item added to a complimentary commit needs an invoice contract',
      complimentary,
      addInvoiceItem,
      {},
      ['body.invoice_contract_id is required for invoiced PREPAID commits'],
    ],
    [
      '... which the same edit may give',
      complimentary,
      addInvoiceItem,
      { invoiceContractId: 'c2' },
      [],
    ],
    [
      'POSTPAID: applicable_contract_ids cannot be edited',
      postpaid,
      { id: 'commit' },
      { applicableContractIds: ['c1'] },
      ['body.applicable_contract_ids cannot be edited for POSTPAID commits'],
    ],
    [
      'POSTPAID: the invoice contract can',
      postpaid,
      { id: 'commit' },
      { invoiceContractId: 'c2' },
      [],
    ],
  ]
  for (const [name, before, update, change, expected] of cases) {
    const after = withCustomerBalanceEdit(before, update, change)
    const problems = checkCustomerScopeEdit(before, after, change, CONTRACTS)
    assert.deepEqual(
      problems.map((problem) => `${problem.field} ${problem.message}`),
      expected,
      name,
    )
  }
})

test('withCustomerBalanceEdit: the contract update, then the scope; absent fields stay', () => {
  const edited = withCustomerBalanceEdit(
    invoiced,
    {
      id: 'commit',
      name: 'Renamed',
      accessSchedule: { add: [], update: [{ id: 'segment', amount: dec('150') }], remove: [] },
    },
    { applicableContractIds: null },
  )
  assert.equal(edited.name, 'Renamed')
  assert.equal(edited.accessSchedule.segments[0]!.amount.toString(), '150')
  assert.equal(edited.applicableContractIds, null)
  assert.equal(edited.invoiceContractId, 'c1', 'not given: unchanged')
  assert.equal(edited.customerId, 'customer')
  // A credit has no invoice contract, whatever the scope says.
  assert.equal(
    withCustomerBalanceEdit(credit, { id: 'credit' }, { invoiceContractId: 'c1' })
      .invoiceContractId,
    null,
  )
})

test('manual entries kept with the balance feed its ledger; below what is left is allowed', () => {
  const entries: CustomerBalanceAdjustment[] = [
    {
      segmentId: 'segment',
      amount: dec('-30'),
      reason: 'usage',
      timestamp: at('2026-02-01T00:00Z'),
      perGroupAmounts: null,
    },
    {
      segmentId: 'segment',
      amount: dec('-500'),
      reason: 'overdraw',
      timestamp: null,
      perGroupAmounts: null,
    },
  ]
  let balance: CustomerBalance = complimentary
  for (const entry of entries) {
    assert.deepEqual(checkCustomerManualEntry(balance, entry), [])
    balance = withManualAdjustment(balance, entry)
  }
  assert.equal(complimentary.manualAdjustments.length, 0, 'the original is untouched')
  const asOf = at('2026-06-01T00:00Z')
  assert.deepEqual(
    ledgerAsOf(balance, balance.manualAdjustments, { asOf }).map((entry) => [
      entry.type,
      entry.amount.toString(),
    ]),
    [
      ['PREPAID_COMMIT_SEGMENT_START', '100'],
      ['PREPAID_COMMIT_MANUAL', '-500'],
      ['PREPAID_COMMIT_MANUAL', '-30'],
    ],
  )
  assert.equal(balanceAsOf(balance, balance.manualAdjustments, { asOf }).toString(), '0')
  const refused: Array<[string, Partial<CustomerBalanceAdjustment>, string]> = [
    ['an unknown segment', { segmentId: 'other' }, 'body.segment_id'],
    ['after the segment', { timestamp: END }, 'body.timestamp'],
    [
      'per-group amounts not summing',
      { perGroupAmounts: { a: dec('1') } },
      'body.per_group_amounts',
    ],
  ]
  for (const [name, change, field] of refused) {
    const problems = checkCustomerManualEntry(complimentary, { ...entries[0]!, ...change })
    assert.deepEqual(
      problems.map((problem) => problem.field),
      [field],
      name,
    )
  }
  const archived = { ...complimentary, archivedAt: START }
  assert.deepEqual(
    checkCustomerManualEntry(archived, entries[0]!).map((problem) => problem.field),
    ['body.id'],
  )
})
