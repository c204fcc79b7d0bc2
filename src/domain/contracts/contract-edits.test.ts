/**
 * The term edits: table-driven reducer and check cases, and the replay properties of
 * decision 0010 (replaying the edits in order is the current contract; the contract as of any
 * instant is the replay of the edits recorded by then).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import { initialSettings, type Product, type ProductType } from '../pricing/product.js'
import {
  applyEdit,
  contractAsOf,
  currentContract,
  newContract,
  noPassThrough,
  type ContractEdit,
  type ContractHistory,
  type ContractTerms,
} from './contract.js'
import {
  checkAmend,
  checkEdit,
  newAmendment,
  newChanges,
  noAddTermsInput,
  noEditInput,
  retirementBlocker,
  type EditInput,
} from './contract-edits.js'

const at = (text: string) => new Date(text)
const START = at('2025-01-01T00:00Z')
const MID = at('2025-07-01T00:00Z')
const END = at('2026-01-01T00:00Z')

const product = (id: string, type: ProductType): Product => ({
  id,
  type,
  initial: initialSettings({ type, name: id, tags: [] }),
  updates: [],
  customFields: {},
  createdAt: START,
  createdBy: 'test',
  archivedAt: null,
})
const products = new Map([
  ['fixed', product('fixed', 'FIXED')],
  ['usage', product('usage', 'USAGE')],
])

let counter = 0
const newId = () => `id-${counter++}`

function baseTerms(): ContractTerms {
  return newContract(
    {
      customerId: 'customer',
      startingAt: START,
      endingBefore: END,
      commits: [
        {
          type: 'PREPAID',
          productId: 'fixed',
          accessSchedule: {
            items: [
              { amount: new Dec(100), startingAt: START, endingBefore: MID },
              { amount: new Dec(50), startingAt: MID, endingBefore: END },
            ],
          },
          invoiceSchedule: { items: [{ timestamp: START, amount: new Dec(90) }] },
        },
      ],
      credits: [],
      recurringCommits: [],
      recurringCredits: [],
      overrides: [],
      scheduledCharges: [
        { productId: 'fixed', schedule: { items: [{ timestamp: START, amount: new Dec(5) }] } },
      ],
      discounts: [],
      professionalServices: [],
      subscriptions: [],
      passThrough: noPassThrough,
      presentFields: [],
    },
    { id: 'contract', newId, rateCardId: null, createdAt: START, createdBy: 'test' },
  )
}

const emptyEdit: EditInput = { customerId: 'customer', contractId: 'contract', ...noEditInput }

const context = { newId, createdAt: MID, createdBy: 'test' }
const edit = (terms: ContractTerms, input: Partial<EditInput>, recordedAt = MID): ContractEdit => ({
  id: newId(),
  recordedAt,
  recordedBy: 'test',
  kind: 'edit',
  changes: newChanges(terms, { ...emptyEdit, ...input }, context),
})

test('edit: each change applied by the reducer', () => {
  const terms = baseTerms()
  const commit = terms.commits[0]!
  const [first, second] = commit.accessSchedule.segments
  const item = commit.invoiceSchedule!.items[0]!
  const cases: [string, Partial<EditInput>, (after: ContractTerms) => void][] = [
    ['name', { name: 'New' }, (after) => assert.equal(after.name, 'New')],
    ['end date', { endingBefore: MID }, (after) => assert.deepEqual(after.endingBefore, MID)],
    [
      'segment amount',
      {
        commitUpdates: [
          {
            id: commit.id,
            accessSchedule: {
              add: [],
              update: [{ id: second!.id, amount: new Dec(7) }],
              remove: [],
            },
          },
        ],
      },
      (after) =>
        assert.deepEqual(
          after.commits[0]!.accessSchedule.segments.map((segment) => segment.amount.toString()),
          ['100', '7'],
        ),
    ],
    [
      'segment removed, one added (kept in start order)',
      {
        commitUpdates: [
          {
            id: commit.id,
            accessSchedule: {
              add: [
                { amount: new Dec(1), startingAt: at('2024-12-01T00:00Z'), endingBefore: START },
              ],
              update: [],
              remove: [first!.id],
            },
          },
        ],
      },
      (after) =>
        assert.deepEqual(
          after.commits[0]!.accessSchedule.segments.map((segment) => segment.amount.toString()),
          ['1', '50'],
        ),
    ],
    [
      'invoice item by unit price: amount is price × the item’s quantity',
      {
        commitUpdates: [
          {
            id: commit.id,
            invoiceSchedule: {
              add: [],
              update: [{ id: item.id, unitPrice: new Dec(3) }],
              remove: [],
            },
          },
        ],
      },
      (after) => assert.equal(after.commits[0]!.invoiceSchedule!.items[0]!.amount.toString(), '3'),
    ],
    [
      'archive commit',
      { archivedCommitIds: [commit.id] },
      (after) => assert.deepEqual(after.commits[0]!.archivedAt, MID),
    ],
    [
      'archive scheduled charge',
      { archivedScheduledChargeIds: [terms.scheduledCharges[0]!.id] },
      (after) => assert.deepEqual(after.scheduledCharges[0]!.archivedAt, MID),
    ],
  ]
  for (const [name, input, expect] of cases) {
    expect(applyEdit(terms, edit(terms, input)))
    assert.deepEqual(
      checkEdit(terms, { ...emptyEdit, ...input }, { products, balances: terms }, MID),
      [],
      name,
    )
  }
})

test('edit checks: unknown ids and bad values are named by their wire path', () => {
  const terms = baseTerms()
  const commit = terms.commits[0]!
  const cases: [Partial<EditInput>, string][] = [
    [{ commitUpdates: [{ id: 'nope' }] }, 'body.update_commits[0].commit_id'],
    [
      {
        commitUpdates: [
          {
            id: commit.id,
            accessSchedule: {
              add: [],
              update: [
                { id: commit.accessSchedule.segments[0]!.id, amount: new Dec(1) },
                { id: commit.accessSchedule.segments[1]!.id, amount: new Dec(-1) },
              ],
              remove: [],
            },
          },
        ],
      },
      'body.update_commits[0].access_schedule.update_schedule_items[1].amount',
    ],
    [
      {
        commitUpdates: [
          {
            id: commit.id,
            accessSchedule: {
              add: [],
              update: [],
              remove: commit.accessSchedule.segments.map((segment) => segment.id),
            },
          },
        ],
      },
      'body.update_commits[0].access_schedule.remove_schedule_items',
    ],
    [{ archivedCommitIds: [commit.id, commit.id] }, 'body.archive_commits[1].id'],
    [{ removedOverrideIds: ['o'] }, 'body.remove_overrides[0].id'],
    [{ endingBefore: START }, 'body.update_contract_end_date'],
    [
      {
        added: {
          ...noAddTermsInput,
          scheduledCharges: [
            { productId: 'usage', schedule: { items: [{ timestamp: START, amount: new Dec(1) }] } },
          ],
        },
      },
      'body.add_scheduled_charges[0].product_id',
    ],
  ]
  for (const [input, field] of cases) {
    const problems = checkEdit(
      terms,
      { ...emptyEdit, ...input },
      { products, balances: terms },
      MID,
    )
    assert.ok(
      problems.some((problem) => problem.field === field),
      `${field}: ${JSON.stringify(problems)}`,
    )
  }
  // Without a recurring commit the id can name no instance, and the message says nothing of one.
  assert.deepEqual(
    checkEdit(
      terms,
      { ...emptyEdit, commitUpdates: [{ id: 'nope' }], archivedCommitIds: ['gone'] },
      { products, balances: terms },
      MID,
    ).map((p) => p.message),
    ['names no commit of this contract (nope)', 'names no commit of this contract (gone)'],
  )
  const archived = { ...terms, archivedAt: MID }
  assert.deepEqual(
    checkEdit(archived, emptyEdit, { products, balances: terms }, MID).map((p) => p.field),
    ['body.contract_id'],
  )
  assert.deepEqual(
    checkAmend(
      terms,
      {
        customerId: 'c',
        contractId: 'x',
        startingAt: at('2024-01-01T00:00Z'),
        added: noAddTermsInput,
      },
      { products },
    ).map((p) => p.field),
    ['body.starting_at'],
  )
})

test('retirement: only ended, fully used commits', () => {
  const commit = baseTerms().commits[0]!
  assert.equal(retirementBlocker(undefined, null, END), 'COMMIT_NOT_FOUND')
  assert.equal(retirementBlocker(commit, new Dec(0), MID), 'COMMIT_STILL_ACTIVE')
  assert.equal(retirementBlocker(commit, new Dec(1), END), 'COMMIT_NOT_FULLY_DEPLETED')
  assert.equal(retirementBlocker(commit, new Dec(0), END), null)
})

/** A random valid edit of the current terms, recorded at `recordedAt`. */
function randomEdit(terms: ContractTerms, choice: number, recordedAt: Date): ContractEdit {
  const live = terms.commits.filter((commit) => commit.archivedAt === null)
  const target = live[choice % Math.max(1, live.length)]
  switch (choice % 5) {
    case 0:
      return edit(terms, { name: `name-${choice}` }, recordedAt)
    case 1:
      return {
        id: newId(),
        recordedAt,
        recordedBy: 'test',
        kind: 'amend',
        amendment: newAmendment(
          terms,
          {
            customerId: 'customer',
            contractId: 'contract',
            startingAt: START,
            added: {
              ...noAddTermsInput,
              credits: [
                {
                  productId: 'fixed',
                  accessSchedule: {
                    items: [{ amount: new Dec(choice), startingAt: START, endingBefore: END }],
                  },
                },
              ],
            },
          },
          context,
        ),
      }
    case 2:
      return target
        ? {
            id: newId(),
            recordedAt,
            recordedBy: 'test',
            kind: 'editCommit',
            update: { id: target.id, priority: new Dec(choice) },
          }
        : edit(terms, { endingBefore: END }, recordedAt)
    case 3:
      return target
        ? edit(terms, { archivedCommitIds: [target.id] }, recordedAt)
        : edit(terms, { netPaymentTermsDays: choice }, recordedAt)
    default:
      return edit(
        terms,
        {
          added: {
            ...noAddTermsInput,
            commits: [
              {
                type: 'PREPAID',
                productId: 'fixed',
                accessSchedule: {
                  items: [{ amount: new Dec(choice), startingAt: START, endingBefore: END }],
                },
              },
            ],
          },
        },
        recordedAt,
      )
  }
}

test('property: replay reproduces the current view, and as_of replays the edits recorded by then', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 100 })), { maxLength: 12 }),
      fc.integer({ min: 0, max: 1300 }),
      (steps, probe) => {
        const created = baseTerms()
        const edits: ContractEdit[] = [
          { id: 'create', recordedAt: START, recordedBy: 'test', kind: 'create', terms: created },
        ]
        let terms = created
        let clock = START.getTime()
        for (const [choice, gap] of steps) {
          clock += gap * 3_600_000
          const next = randomEdit(terms, choice, new Date(clock))
          edits.push(next)
          terms = applyEdit(terms, next)
        }
        const history: ContractHistory = { contractId: 'contract', customerId: 'customer', edits }
        assert.deepEqual(currentContract(history), terms)
        const instant = new Date(START.getTime() + probe * 3_600_000)
        const recorded = edits.filter((e) => e.recordedAt.getTime() <= instant.getTime())
        assert.deepEqual(
          contractAsOf(history, instant),
          recorded.reduce<ContractTerms | null>(applyEdit, null),
        )
      },
    ),
    { numRuns: 100 },
  )
})
