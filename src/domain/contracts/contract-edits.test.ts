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
import { balanceInputOf, checkCommit } from './commits.js'
import {
  applyEdit,
  contractAsOf,
  currentContract,
  newContract,
  noPassThrough,
  type ContractCommit,
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
  type SegmentUpdate,
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

/** The base terms with a postpaid commit, a credit and a rollover commit added. */
function judgedTerms(): ContractTerms {
  const terms = baseTerms()
  const added = newChanges(
    terms,
    {
      ...emptyEdit,
      added: {
        ...noAddTermsInput,
        commits: [
          {
            type: 'POSTPAID',
            productId: 'fixed',
            accessSchedule: {
              items: [{ amount: new Dec(100), startingAt: START, endingBefore: END }],
            },
            invoiceSchedule: { items: [{ timestamp: END, amount: new Dec(100) }] },
          },
        ],
        credits: [
          {
            productId: 'fixed',
            accessSchedule: {
              items: [{ amount: new Dec(10), startingAt: START, endingBefore: MID }],
            },
          },
        ],
      },
    },
    context,
  ).added
  const [prepaid] = terms.commits
  const rolled = {
    ...prepaid!,
    id: 'rolled',
    rolledOverFrom: { contractId: 'old', id: 'old-commit' },
  }
  return {
    ...terms,
    commits: [...terms.commits, ...added.commits, rolled],
    credits: [...added.credits],
  }
}

const noPatch = { add: [], update: [], remove: [] }

test('edit checks: the edited balance is judged by the create’s checks, named by the update’s path', () => {
  const terms = judgedTerms()
  const [prepaid, postpaid, rolled] = terms.commits
  const credit = terms.credits[0]!
  const [first, second] = prepaid!.accessSchedule.segments
  const charge = terms.scheduledCharges[0]!
  const LATER = at('2027-01-01T00:00Z')
  const segment = (amount: number, from: Date, to: Date) => ({
    amount: new Dec(amount),
    startingAt: from,
    endingBefore: to,
  })
  const cases: [string, Partial<EditInput>, string[]][] = [
    [
      'a second access segment on a POSTPAID commit',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            accessSchedule: { ...noPatch, add: [segment(1, END, LATER)] },
          },
        ],
      },
      [
        'body.update_commits[0].access_schedule: would leave the POSTPAID commit with 2 access segments (it must have exactly one)',
      ],
    ],
    [
      'a POSTPAID access amount away from its invoice amount',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            accessSchedule: {
              ...noPatch,
              update: [{ id: postpaid!.accessSchedule.segments[0]!.id, amount: new Dec(7) }],
            },
          },
        ],
      },
      [
        'body.update_commits[0].access_schedule.update_schedule_items[0].amount: would leave the POSTPAID commit with access amount 7 and invoice amount 100 (they must be equal)',
      ],
    ],
    [
      'a POSTPAID invoice price away from its access amount (named by the field set)',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            invoiceSchedule: {
              ...noPatch,
              update: [{ id: postpaid!.invoiceSchedule!.items[0]!.id, quantity: new Dec(2) }],
            },
          },
        ],
      },
      [
        'body.update_commits[0].invoice_schedule.update_schedule_items[0].quantity: would leave the POSTPAID commit with access amount 100 and invoice amount 200 (they must be equal)',
      ],
    ],
    [
      'both POSTPAID amounts changed together stay equal',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            accessSchedule: {
              ...noPatch,
              update: [{ id: postpaid!.accessSchedule.segments[0]!.id, amount: new Dec(7) }],
            },
            invoiceSchedule: {
              ...noPatch,
              update: [{ id: postpaid!.invoiceSchedule!.items[0]!.id, amount: new Dec(7) }],
            },
          },
        ],
      },
      [],
    ],
    [
      'a POSTPAID commit’s segment replaced by one of the same amount',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            accessSchedule: {
              add: [segment(100, START, LATER)],
              update: [],
              remove: [postpaid!.accessSchedule.segments[0]!.id],
            },
          },
        ],
      },
      [],
    ],
    [
      'the one invoice item of a POSTPAID commit removed',
      {
        commitUpdates: [
          {
            id: postpaid!.id,
            invoiceSchedule: { ...noPatch, remove: [postpaid!.invoiceSchedule!.items[0]!.id] },
          },
        ],
      },
      [
        'body.update_commits[0].invoice_schedule: would leave the POSTPAID commit with 0 invoice items (it must have exactly one)',
      ],
    ],
    [
      'an added segment overlapping both existing ones',
      {
        commitUpdates: [
          { id: prepaid!.id, accessSchedule: { ...noPatch, add: [segment(1, START, END)] } },
        ],
      },
      [
        'body.update_commits[0].access_schedule.add_schedule_items[0].starting_at: would overlap the segment [2025-01-01T00:00:00.000Z, 2025-07-01T00:00:00.000Z) (segments are in order and never overlap)',
        'body.update_commits[0].access_schedule.add_schedule_items[0].ending_before: would overlap the segment [2025-07-01T00:00:00.000Z, 2026-01-01T00:00:00.000Z) (segments are in order and never overlap)',
      ],
    ],
    [
      'a segment end moved past the next one’s start',
      {
        commitUpdates: [
          {
            id: prepaid!.id,
            accessSchedule: { ...noPatch, update: [{ id: first!.id, endingBefore: END }] },
          },
        ],
      },
      [
        'body.update_commits[0].access_schedule.update_schedule_items[0].ending_before: would overlap the segment [2025-07-01T00:00:00.000Z, 2026-01-01T00:00:00.000Z) (segments are in order and never overlap)',
      ],
    ],
    [
      'a segment start moved into the one before',
      {
        commitUpdates: [
          {
            id: prepaid!.id,
            accessSchedule: {
              ...noPatch,
              update: [{ id: second!.id, startingAt: at('2025-03-01T00:00Z') }],
            },
          },
        ],
      },
      [
        'body.update_commits[0].access_schedule.update_schedule_items[0].starting_at: would overlap the segment [2025-01-01T00:00:00.000Z, 2025-07-01T00:00:00.000Z) (segments are in order and never overlap)',
      ],
    ],
    [
      'segments moved apart and one added between them: in order',
      {
        commitUpdates: [
          {
            id: prepaid!.id,
            accessSchedule: {
              add: [segment(1, at('2025-04-01T00:00Z'), MID)],
              update: [{ id: first!.id, endingBefore: at('2025-04-01T00:00Z') }],
              remove: [],
            },
          },
        ],
      },
      [],
    ],
    [
      'an overlapping segment on a credit',
      {
        creditUpdates: [
          {
            id: credit.id,
            accessSchedule: { ...noPatch, add: [segment(1, at('2025-03-01T00:00Z'), END)] },
          },
        ],
      },
      [
        'body.update_credits[0].access_schedule.add_schedule_items[0].starting_at: would overlap the segment [2025-01-01T00:00:00.000Z, 2025-07-01T00:00:00.000Z) (segments are in order and never overlap)',
      ],
    ],
    [
      'an invoice item added at an existing item’s instant',
      {
        commitUpdates: [
          {
            id: prepaid!.id,
            invoiceSchedule: {
              ...noPatch,
              add: [{ timestamp: START, unitPrice: new Dec(1), quantity: new Dec(1) }],
            },
          },
        ],
      },
      [
        'body.update_commits[0].invoice_schedule.add_schedule_items[0].timestamp: would be at the same instant as another item (2025-01-01T00:00:00.000Z); two items at one instant would be one invoice',
      ],
    ],
    [
      'an invoice item added at another instant',
      {
        commitUpdates: [
          {
            id: prepaid!.id,
            invoiceSchedule: { ...noPatch, add: [{ timestamp: MID, amount: new Dec(1) }] },
          },
        ],
      },
      [],
    ],
    [
      'a scheduled charge item moved onto another’s instant',
      {
        scheduledChargeUpdates: [
          {
            id: charge.id,
            invoiceSchedule: {
              ...noPatch,
              add: [{ timestamp: MID, amount: new Dec(1) }],
              update: [{ id: charge.schedule.items[0]!.id, timestamp: MID }],
            },
          },
        ],
      },
      [
        'body.update_scheduled_charges[0].invoice_schedule.add_schedule_items[0].timestamp: would be at the same instant as another item (2025-07-01T00:00:00.000Z); two items at one instant would be one invoice',
      ],
    ],
    [
      'applicable products alone; specifiers with applicable tags in one update',
      {
        commitUpdates: [
          { id: prepaid!.id, applicableProductIds: ['fixed'] },
          { id: postpaid!.id, specifiers: [{ productId: 'fixed' }], applicableProductTags: ['t'] },
        ],
      },
      [
        'body.update_commits[1].specifiers: would leave the commit with both specifiers and applicable_product_ids or applicable_product_tags (they cannot be used together)',
      ],
    ],
    [
      'a rollover commit cannot be edited',
      { commitUpdates: [{ id: rolled!.id, name: 'renamed' }] },
      ['body.update_commits[0].commit_id: is a rollover commit, which cannot be edited'],
    ],
    ['a rollover commit can be archived', { archivedCommitIds: [rolled!.id] }, []],
  ]
  for (const [name, input, expected] of cases) {
    const problems = checkEdit(
      terms,
      { ...emptyEdit, ...input },
      { products, balances: terms },
      MID,
    )
    assert.deepEqual(
      problems.map((problem) => `${problem.field}: ${problem.message}`),
      expected,
      name,
    )
  }
  // Specifiers with applicable products in one balance: named by what the update set.
  const withSpecifiers = {
    ...terms,
    commits: [{ ...prepaid!, specifiers: [{ productId: 'fixed' }] }],
  }
  assert.deepEqual(
    checkEdit(
      withSpecifiers,
      { ...emptyEdit, commitUpdates: [{ id: prepaid!.id, applicableProductIds: ['fixed'] }] },
      { products, balances: withSpecifiers },
      MID,
    ).map((problem) => `${problem.field}: ${problem.message}`),
    [
      'body.update_commits[0].applicable_product_ids: would leave the commit with both specifiers and applicable_product_ids or applicable_product_tags (they cannot be used together)',
    ],
  )
})

test('edit checks: a problem the balance had before the edit does not block it', () => {
  const terms = judgedTerms()
  const [prepaid] = terms.commits
  const [first, second] = prepaid!.accessSchedule.segments
  // Stored before the rules existed (or derived): overlapping segments, a negative priority,
  // two invoice items at one instant.
  const legacy: ContractTerms = {
    ...terms,
    commits: [
      {
        ...prepaid!,
        priority: new Dec(-1),
        accessSchedule: {
          ...prepaid!.accessSchedule,
          segments: [first!, { ...second!, startingAt: at('2025-03-01T00:00Z') }],
        },
        invoiceSchedule: {
          ...prepaid!.invoiceSchedule!,
          items: [
            prepaid!.invoiceSchedule!.items[0]!,
            { ...prepaid!.invoiceSchedule!.items[0]!, id: 'twin' },
          ],
        },
      },
    ],
  }
  const check = (input: Partial<EditInput>) =>
    checkEdit(legacy, { ...emptyEdit, ...input }, { products, balances: legacy }, MID).map(
      (problem) => problem.field,
    )
  assert.deepEqual(check({ commitUpdates: [{ id: prepaid!.id, name: 'renamed' }] }), [])
  assert.deepEqual(
    check({
      commitUpdates: [
        {
          id: prepaid!.id,
          accessSchedule: { ...noPatch, update: [{ id: first!.id, amount: new Dec(1) }] },
        },
      ],
    }),
    [],
  )
  // A segment off the hour (a recurring instance of a contract starting at 12:30): its amount
  // may change; a start it is given is held to the rule.
  const offHour: ContractTerms = {
    ...terms,
    commits: [
      {
        ...prepaid!,
        accessSchedule: {
          ...prepaid!.accessSchedule,
          segments: [{ ...first!, startingAt: at('2025-01-01T12:30Z') }, second!],
        },
      },
    ],
  }
  const amountOf = (segment: Partial<SegmentUpdate>) =>
    checkEdit(
      offHour,
      {
        ...emptyEdit,
        commitUpdates: [
          {
            id: prepaid!.id,
            accessSchedule: { ...noPatch, update: [{ id: first!.id, ...segment }] },
          },
        ],
      },
      { products, balances: offHour },
      MID,
    ).map((problem) => problem.field)
  assert.deepEqual(amountOf({ amount: new Dec(3) }), [])
  assert.deepEqual(amountOf({ startingAt: at('2025-01-01T13:30Z') }), [
    'body.update_commits[0].access_schedule.update_schedule_items[0].starting_at',
  ])
  // …but one the update touches is its own: here the moved end.
  assert.deepEqual(
    check({
      commitUpdates: [
        {
          id: prepaid!.id,
          accessSchedule: {
            ...noPatch,
            update: [{ id: first!.id, endingBefore: at('2025-04-01T00:00Z') }],
          },
        },
      ],
    }),
    ['body.update_commits[0].access_schedule.update_schedule_items[0].ending_before'],
  )
})

test('property: an update checkEdit accepts leaves a commit checkCommit accepts', () => {
  const terms = judgedTerms()
  const hour = (n: number) => new Date(START.getTime() + n * 3_600_000)
  const span = fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 20 }))
    .map(([from, length]) => ({
      startingAt: hour(from * 500),
      endingBefore: hour((from + length) * 500),
    }))
  const amount = fc.integer({ min: 0, max: 200 }).map((value) => new Dec(value))
  const accessPatch = (commit: ContractCommit) =>
    fc.record({
      add: fc.array(
        fc.tuple(span, amount).map(([times, value]) => ({ ...times, amount: value })),
        {
          maxLength: 2,
        },
      ),
      update: fc.subarray([...commit.accessSchedule.segments]).chain((segments) =>
        fc.tuple(
          ...segments.map((segment) =>
            fc.record(
              {
                id: fc.constant(segment.id),
                amount,
                startingAt: span.map((s) => s.startingAt),
                endingBefore: span.map((s) => s.endingBefore),
              },
              { requiredKeys: ['id'] },
            ),
          ),
        ),
      ),
      remove: fc.subarray(commit.accessSchedule.segments.map((segment) => segment.id)),
    })
  const invoicePatch = (commit: ContractCommit) =>
    fc.record({
      add: fc.array(
        fc.record({ timestamp: fc.integer({ min: 0, max: 4 }).map((n) => hour(n * 2000)), amount }),
        { maxLength: 2 },
      ),
      update: fc.subarray([...commit.invoiceSchedule!.items]).chain((items) =>
        fc.tuple(
          ...items.map((item) =>
            fc.record(
              {
                id: fc.constant(item.id),
                timestamp: fc.integer({ min: 0, max: 4 }).map((n) => hour(n * 2000)),
                amount,
              },
              { requiredKeys: ['id'] },
            ),
          ),
        ),
      ),
      remove: fc.subarray(commit.invoiceSchedule!.items.map((item) => item.id)),
    })
  const updates = fc.constantFrom(...terms.commits.slice(0, 2)).chain((commit) =>
    fc.record(
      {
        id: fc.constant(commit.id),
        accessSchedule: accessPatch(commit),
        invoiceSchedule: invoicePatch(commit),
      },
      { requiredKeys: ['id'] },
    ),
  )
  fc.assert(
    fc.property(updates, (update) => {
      const input = { ...emptyEdit, commitUpdates: [update] }
      const problems = checkEdit(terms, input, { products, balances: terms }, MID)
      const after = applyEdit(terms, edit(terms, { commitUpdates: [update] }))
      const commit = after.commits.find((each) => each.id === update.id)!
      const judged = checkCommit(balanceInputOf(commit))
      if (problems.length === 0) assert.deepEqual(judged, [])
      // Whatever the create refuses, the edit refused too.
      if (judged.length > 0) assert.notDeepEqual(problems, [])
    }),
    { numRuns: 300 },
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
