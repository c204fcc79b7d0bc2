/**
 * `as_of_date` reconstruction, as a table: one history of dated edits, and what the contract
 * is as of instants before, at and between them (an edit counts from the instant it was
 * recorded, inclusive).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Dec } from '../money/decimal.js'
import {
  contractAsOf,
  currentContract,
  newContract,
  noPassThrough,
  type ContractEdit,
  type ContractHistory,
  type ContractTerms,
} from './contract.js'
import { newChanges, noEditInput, type EditInput } from './contract-edits.js'

const at = (text: string) => new Date(text)
const START = at('2025-01-01T00:00Z')
const END = at('2026-01-01T00:00Z')
const T1 = at('2025-02-01T00:00Z')
const T2 = at('2025-03-01T00:00Z')
const T3 = at('2025-04-01T00:00Z')
const T4 = at('2025-05-01T00:00Z')
const SHORTER = at('2025-10-01T00:00Z')

let counter = 0
const newId = () => `id-${counter++}`

const created: ContractTerms = newContract(
  {
    customerId: 'customer',
    startingAt: START,
    endingBefore: END,
    name: 'Original',
    commits: [
      {
        type: 'PREPAID',
        productId: 'fixed',
        accessSchedule: { items: [{ amount: new Dec(100), startingAt: START, endingBefore: END }] },
      },
    ],
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
  },
  { id: 'contract', newId, rateCardId: null, createdAt: START, createdBy: 'test' },
)
const commitId = created.commits[0]!.id

const noEdit: EditInput = { customerId: 'customer', contractId: 'contract', ...noEditInput }
const fields = (recordedAt: Date) => ({ id: newId(), recordedAt, recordedBy: 'test' })

const history: ContractHistory = {
  contractId: 'contract',
  customerId: 'customer',
  edits: [
    { ...fields(START), kind: 'create', terms: created },
    {
      ...fields(T1),
      kind: 'edit',
      changes: newChanges(
        created,
        { ...noEdit, name: 'Renamed', netPaymentTermsDays: 45 },
        {
          newId,
          createdAt: T1,
          createdBy: 'test',
        },
      ),
    },
    { ...fields(T2), kind: 'updateEndDate', endingBefore: SHORTER },
    { ...fields(T3), kind: 'archiveCommit', balanceId: commitId },
    { ...fields(T4), kind: 'archive' },
  ] satisfies ContractEdit[],
}

const rows: [string, Date, string | null, Date | null, boolean, boolean][] = [
  // [what, as of, name, ending_before, commit archived, contract archived]
  ['before the create: no contract', at('2024-12-31T23:00Z'), null, null, false, false],
  ['at the create', START, 'Original', END, false, false],
  ['just before the rename', at('2025-01-31T23:00Z'), 'Original', END, false, false],
  ['at the rename', T1, 'Renamed', END, false, false],
  ['between the rename and the end date', at('2025-02-15T00:00Z'), 'Renamed', END, false, false],
  ['at the shorter end date', T2, 'Renamed', SHORTER, false, false],
  ['at the commit archive', T3, 'Renamed', SHORTER, true, false],
  ['at the contract archive', T4, 'Renamed', SHORTER, true, true],
  ['long after', at('2030-01-01T00:00Z'), 'Renamed', SHORTER, true, true],
]

for (const [what, asOf, name, endingBefore, commitArchived, contractArchived] of rows) {
  test(`as of: ${what}`, () => {
    const terms = contractAsOf(history, asOf)
    if (name === null) {
      assert.equal(terms, null)
      return
    }
    assert.ok(terms)
    assert.equal(terms.name, name)
    assert.deepEqual(terms.endingBefore, endingBefore)
    assert.equal(terms.netPaymentTermsDays ?? null, asOf >= T1 ? 45 : null)
    assert.equal(terms.commits[0]!.archivedAt !== null, commitArchived)
    assert.equal(terms.archivedAt !== null, contractArchived)
  })
}

test('as of the last edit is the current contract', () => {
  assert.deepEqual(contractAsOf(history, T4), currentContract(history))
})
