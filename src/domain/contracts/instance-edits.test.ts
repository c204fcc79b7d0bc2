import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import {
  applyEdit,
  contractAsOf,
  currentContract,
  newContract,
  noPassThrough,
  type ContractCreateInput,
  type ContractEdit,
  type ContractHistory,
  type ContractRecurringInput,
  type ContractTerms,
} from './contract.js'
import {
  checkEdit,
  newChanges,
  noEditInput,
  type BalanceUpdate,
  type EditInput,
} from './contract-edits.js'
import { applyInstancePatches, contractInstancesAt, type InstancePatch } from './instance-edits.js'
import { ledgerAsOf } from './ledger.js'
import { recurringBalances, type GeneratedCommit, type InstanceIdOf } from './recurring-balances.js'

const at = (text: string) => new Date(text)
const dec = (text: string) => new Dec(text)
const idOf: InstanceIdOf = (recurringId, index, part) => `${recurringId}#${index}:${part}`

const monthly: ContractRecurringInput = {
  kind: 'COMMIT',
  productId: 'fixed',
  priority: dec('1'),
  startingAt: at('2026-01-01T00:00Z'),
  accessAmount: { unitPrice: dec('100'), quantity: dec('1'), creditTypeId: 'usd' },
  commitDuration: { value: 1 },
}

function contract(changes: Partial<ContractCreateInput> = {}): ContractTerms {
  let next = 0
  return newContract(
    {
      customerId: 'customer',
      startingAt: at('2026-01-01T00:00Z'),
      endingBefore: at('2026-05-01T00:00Z'),
      commits: [
        {
          type: 'PREPAID',
          productId: 'fixed',
          accessSchedule: {
            items: [
              {
                amount: dec('10'),
                startingAt: at('2026-01-01T00:00Z'),
                endingBefore: at('2026-05-01T00:00Z'),
              },
            ],
          },
        },
      ],
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

const ALL_STARTED = at('2026-04-15T00:00Z')
const instancesOf = (terms: ContractTerms) =>
  recurringBalances(terms, ALL_STARTED, idOf).commits as readonly GeneratedCommit[]

const terms = contract()
const [first, second] = instancesOf(terms)
const segmentOf = (instance: GeneratedCommit) => instance.accessSchedule.segments[0]!

const amountUpdate = (instance: GeneratedCommit, amount: string): BalanceUpdate => ({
  id: instance.id,
  accessSchedule: {
    add: [],
    update: [{ id: segmentOf(instance).id, amount: dec(amount) }],
    remove: [],
  },
})
const editAmount = (instance: GeneratedCommit, amount: string): InstancePatch => ({
  kind: 'COMMIT',
  balanceId: instance.id,
  action: 'edit',
  update: amountUpdate(instance, amount),
})
const archive = (instance: GeneratedCommit, when: string): InstancePatch => ({
  kind: 'COMMIT',
  balanceId: instance.id,
  action: 'archive',
  at: at(when),
})

test('applyInstancePatches: each patch changes only the instance it names, in order', () => {
  const view = (instance: GeneratedCommit) => [
    instance.id,
    segmentOf(instance).amount.toString(),
    instance.name,
    instance.priority?.toString() ?? null,
    instance.archivedAt?.toISOString() ?? null,
  ]
  const untouched = instancesOf(terms).map(view)
  const cases: Array<[string, readonly InstancePatch[], (string | null)[][]]> = [
    ['no patches', [], untouched],
    [
      'an access amount edit',
      [editAmount(first!, '250')],
      [[first!.id, '250', null, '1', null], ...untouched.slice(1)],
    ],
    [
      'two edits of one segment: the later wins',
      [editAmount(second!, '1'), editAmount(second!, '2')],
      [untouched[0]!, [second!.id, '2', null, '1', null], ...untouched.slice(2)],
    ],
    [
      'name and priority',
      [
        {
          kind: 'COMMIT',
          balanceId: first!.id,
          action: 'edit',
          update: { id: first!.id, name: 'Renamed', priority: dec('7') },
        },
      ],
      [[first!.id, '100', 'Renamed', '7', null], ...untouched.slice(1)],
    ],
    [
      'an archive; a second one keeps the first instant',
      [archive(first!, '2026-02-10T00:00Z'), archive(first!, '2026-03-10T00:00Z')],
      [[first!.id, '100', null, '1', '2026-02-10T00:00:00.000Z'], ...untouched.slice(1)],
    ],
    [
      'a patch of the other kind with the same id is ignored',
      [{ ...archive(first!, '2026-02-10T00:00Z'), kind: 'CREDIT' }],
      untouched,
    ],
    [
      'a patch naming no derived instance is ignored',
      [archive({ ...first!, id: 'gone' }, '2026-02-10T00:00Z')],
      untouched,
    ],
  ]
  for (const [name, patches, expected] of cases) {
    assert.deepEqual(applyInstancePatches(instancesOf(terms), patches).map(view), expected, name)
  }
})

function edit(fields: Record<string, unknown>, n: number): ContractEdit {
  return {
    id: `edit-${n}`,
    recordedAt: at(`2026-02-0${n}T00:00Z`),
    recordedBy: 'test',
    ...fields,
  } as ContractEdit
}

test('the reducer: an id of the terms edits the stored commit, an instance id becomes a patch', () => {
  const own = terms.commits[0]!
  const history: ContractHistory = {
    contractId: 'contract',
    customerId: 'customer',
    edits: [
      { id: 'create', kind: 'create', terms, recordedAt: terms.createdAt, recordedBy: 'test' },
      edit({ kind: 'editCommit', update: { id: own.id, name: 'Own' } }, 1),
      edit({ kind: 'editCommit', update: amountUpdate(first!, '5') }, 2),
      edit({ kind: 'archiveCommit', balanceId: second!.id }, 3),
      edit({ kind: 'archiveCommit', balanceId: own.id }, 4),
      edit(
        {
          kind: 'addManualBalanceEntry',
          balanceId: first!.id,
          adjustment: {
            segmentId: segmentOf(first!).id,
            amount: dec('-1'),
            reason: 'r',
            timestamp: null,
          },
          perGroupAmounts: null,
        },
        5,
      ),
    ],
  }
  const current = currentContract(history)
  assert.equal(current.commits[0]!.name, 'Own')
  assert.deepEqual(current.commits[0]!.archivedAt, at('2026-02-04T00:00Z'))
  assert.deepEqual(
    current.instancePatches?.map((patch) => [patch.action, patch.balanceId]),
    [
      ['edit', first!.id],
      ['archive', second!.id],
    ],
  )
  const derived = applyInstancePatches(instancesOf(current), current.instancePatches)
  assert.equal(segmentOf(derived[0]!).amount.toString(), '5')
  assert.deepEqual(derived[1]!.archivedAt, at('2026-02-03T00:00Z'))
  assert.equal(derived[2]!.archivedAt, null)
  // Terms as created carry no patches, so their stored form is unchanged.
  assert.equal(terms.instancePatches, undefined)
})

test('the reducer refuses an edit, archive or manual entry naming nothing it could hold', () => {
  const plain = contract({ recurringCommits: [] })
  const edits: ContractEdit[] = [
    edit({ kind: 'editCommit', update: { id: 'nothing', name: 'x' } }, 1),
    edit({ kind: 'archiveCommit', balanceId: 'nothing' }, 1),
    // The terms have a recurring commit but no recurring credit: no credit instance exists.
    edit({ kind: 'archiveCredit', balanceId: 'nothing' }, 1),
    edit(
      {
        kind: 'addManualBalanceEntry',
        balanceId: 'nothing',
        adjustment: { segmentId: 's', amount: dec('1'), reason: 'r', timestamp: null },
        perGroupAmounts: null,
      },
      1,
    ),
  ]
  for (const each of edits) {
    const on = each.kind === 'archiveCredit' ? terms : plain
    assert.throws(() => applyEdit(on, each), /no balance|no commit|no credit/, each.kind)
  }
})

test('property: patches are local to their instance, and the first archive stands', () => {
  const instances = instancesOf(terms)
  const patch = fc.oneof(
    fc
      .tuple(fc.nat(instances.length - 1), fc.integer({ min: 0, max: 1000 }))
      .map(([index, amount]) => editAmount(instances[index]!, String(amount))),
    fc
      .tuple(fc.nat(instances.length - 1), fc.integer({ min: 1, max: 28 }))
      .map(([index, day]) =>
        archive(instances[index]!, `2026-03-${String(day).padStart(2, '0')}T00:00Z`),
      ),
  )
  fc.assert(
    fc.property(fc.array(patch, { maxLength: 12 }), (patches) => {
      const all = applyInstancePatches(instances, patches)
      assert.deepEqual(
        all.map((instance) => instance.id),
        instances.map((instance) => instance.id),
      )
      instances.forEach((instance, index) => {
        const own = patches.filter((each) => each.balanceId === instance.id)
        // Applying only its own patches gives the same instance.
        assert.deepEqual(all[index], applyInstancePatches([instance], own)[0])
        const archives = own.filter((each) => each.action === 'archive')
        assert.deepEqual(all[index]!.archivedAt, archives[0]?.at ?? null)
        const edits = own.filter((each) => each.action === 'edit')
        const last = edits.at(-1)?.update.accessSchedule?.update[0]?.amount
        assert.equal(
          segmentOf(all[index]!).amount.toString(),
          (last ?? segmentOf(instance).amount).toString(),
        )
      })
    }),
  )
})

// ---------------------------------------------------------------------------------------------
// The v2 edit's update_commits / update_credits / archive_commits / archive_credits naming an
// instance, and archiving the whole contract (decision 0014, rule 8).

/** Mid-February: the January and February instances have started, March and April not. */
const NOW = at('2026-02-15T00:00Z')
const both = contract({ recurringCredits: [{ ...monthly, kind: 'CREDIT' }] })
const startedNow = contractInstancesAt(both, NOW, idOf)
const [janCommit, febCommit] = startedNow.commits
const [janCredit, febCredit] = startedNow.credits
const [, , marCommit] = contractInstancesAt(both, ALL_STARTED, idOf).commits
const ownCommit = both.commits[0]!

const emptyEdit: EditInput = { customerId: 'customer', contractId: 'contract', ...noEditInput }
let editIds = 0
const recorded = (fields: Record<string, unknown>, recordedAt = NOW): ContractEdit =>
  ({ id: `e-${editIds++}`, recordedAt, recordedBy: 'test', ...fields }) as ContractEdit
const v2Edit = (on: ContractTerms, input: Partial<EditInput>, recordedAt = NOW) =>
  recorded(
    {
      kind: 'edit',
      changes: newChanges(
        on,
        { ...emptyEdit, ...input },
        { newId: () => `new-${editIds++}`, createdAt: recordedAt, createdBy: 'test' },
      ),
    },
    recordedAt,
  )
/** checkEdit with what the app gives it: the own balances and the instances started by `when`. */
const checked = (on: ContractTerms, input: Partial<EditInput>, when = NOW) => {
  const instances = contractInstancesAt(on, when, idOf)
  const balances = {
    commits: [...on.commits, ...instances.commits],
    credits: [...on.credits, ...instances.credits],
  }
  return checkEdit(on, { ...emptyEdit, ...input }, { products: new Map(), balances }, when)
}
const segmentUpdate = (
  balance: { id: string; accessSchedule: GeneratedCommit['accessSchedule'] },
  amount: string,
): BalanceUpdate => ({
  id: balance.id,
  accessSchedule: {
    add: [],
    update: [{ id: balance.accessSchedule.segments[0]!.id, amount: dec(amount) }],
    remove: [],
  },
})
const amounts = (list: readonly { accessSchedule: GeneratedCommit['accessSchedule'] }[]) =>
  list.map((each) => each.accessSchedule.segments[0]!.amount.toString())
const archivedAts = (list: readonly { archivedAt: Date | null }[]) =>
  list.map((each) => each.archivedAt?.toISOString() ?? null)

test('v2 edit: an instance named by update_* or archive_* becomes its patch; a stored balance changes', () => {
  const nowIso = NOW.toISOString()
  const cases: [string, Partial<EditInput>, (after: ContractTerms) => void][] = [
    [
      'an instance segment amount and name',
      { commitUpdates: [{ ...segmentUpdate(febCommit!, '250'), name: 'Big February' }] },
      (after) => {
        const shown = contractInstancesAt(after, ALL_STARTED, idOf).commits
        assert.deepEqual(amounts(shown), ['100', '250', '100', '100'])
        assert.deepEqual(
          shown.map((each) => each.name),
          [null, 'Big February', null, null],
        )
        assert.deepEqual(after.commits, both.commits, 'the stored commit is untouched')
      },
    ],
    [
      'a credit instance archived',
      { archivedCreditIds: [janCredit!.id] },
      (after) => {
        const shown = contractInstancesAt(after, ALL_STARTED, idOf)
        assert.deepEqual(archivedAts(shown.credits), [nowIso, null, null, null])
        assert.deepEqual(archivedAts(shown.commits), [null, null, null, null])
      },
    ],
    [
      'a stored commit and an instance in one request',
      {
        commitUpdates: [{ id: ownCommit.id, name: 'Own' }, { ...segmentUpdate(janCommit!, '5') }],
      },
      (after) => {
        assert.equal(after.commits[0]!.name, 'Own')
        assert.deepEqual(
          after.instancePatches?.map((patch) => patch.balanceId),
          [janCommit!.id],
          'only the instance is kept as a patch',
        )
        assert.deepEqual(amounts(contractInstancesAt(after, NOW, idOf).commits), ['5', '100'])
      },
    ],
    [
      'patches in the order the single edits would record them: updates, then archives',
      {
        archivedCommitIds: [febCommit!.id],
        archivedCreditIds: [febCredit!.id],
        commitUpdates: [{ id: janCommit!.id, priority: dec('3') }],
        creditUpdates: [{ ...segmentUpdate(janCredit!, '1') }],
      },
      (after) =>
        assert.deepEqual(
          after.instancePatches?.map((patch) => [patch.action, patch.kind, patch.balanceId]),
          [
            ['edit', 'COMMIT', janCommit!.id],
            ['edit', 'CREDIT', janCredit!.id],
            ['archive', 'COMMIT', febCommit!.id],
            ['archive', 'CREDIT', febCredit!.id],
          ],
        ),
    ],
  ]
  for (const [name, input, expect] of cases) {
    assert.deepEqual(checked(both, input), [], name)
    expect(applyEdit(both, v2Edit(both, input)))
  }
})

test('v2 edit checks on instances: the single-balance rules, and 400s naming the field', () => {
  const archivedFeb = applyEdit(both, recorded({ kind: 'archiveCommit', balanceId: febCommit!.id }))
  const segmentOfFeb = febCommit!.accessSchedule.segments[0]!.id
  const cases: [string, ContractTerms, Partial<EditInput>, string, RegExp][] = [
    [
      'an instance not started yet',
      both,
      { commitUpdates: [{ id: marCommit!.id, name: 'x' }] },
      'body.update_commits[0].commit_id',
      /names no commit of this contract .*a recurring instance exists once its access has started/,
    ],
    [
      'an id that is nothing',
      both,
      { creditUpdates: [{ id: 'nothing', name: 'x' }] },
      'body.update_credits[0].credit_id',
      /names no credit of this contract \(nothing;/,
    ],
    [
      'archiving an instance not started yet',
      both,
      { archivedCommitIds: [marCommit!.id] },
      'body.archive_commits[0].id',
      /names no commit of this contract/,
    ],
    [
      'a commit instance named as a credit',
      both,
      { archivedCreditIds: [janCommit!.id] },
      'body.archive_credits[0].id',
      /names no credit of this contract/,
    ],
    [
      'a segment id of no segment of the instance',
      both,
      {
        commitUpdates: [
          {
            id: janCommit!.id,
            accessSchedule: {
              add: [],
              update: [{ id: segmentOfFeb, amount: dec('1') }],
              remove: [],
            },
          },
        ],
      },
      'body.update_commits[0].access_schedule.update_schedule_items[0].id',
      /names no schedule item/,
    ],
    [
      'removing the instance’s only segment',
      both,
      {
        commitUpdates: [
          {
            id: febCommit!.id,
            accessSchedule: { add: [], update: [], remove: [segmentOfFeb] },
          },
        ],
      },
      'body.update_commits[0].access_schedule.remove_schedule_items',
      /cannot remove every schedule item/,
    ],
    [
      'a negative segment amount',
      both,
      { commitUpdates: [segmentUpdate(febCommit!, '-1')] },
      'body.update_commits[0].access_schedule.update_schedule_items[0].amount',
      /must not be negative/,
    ],
    [
      'an invoice schedule on a credit instance',
      both,
      {
        creditUpdates: [
          { id: janCredit!.id, invoiceSchedule: { add: [], update: [], remove: [] } },
        ],
      },
      'body.update_credits[0].invoice_schedule',
      /is only for commits/,
    ],
    [
      'an instance twice',
      both,
      {
        commitUpdates: [
          { id: janCommit!.id, name: 'a' },
          { id: janCommit!.id, name: 'b' },
        ],
      },
      'body.update_commits[1].commit_id',
      /names the same commit twice/,
    ],
    [
      'an instance both updated and archived',
      both,
      { commitUpdates: [{ id: janCommit!.id, name: 'a' }], archivedCommitIds: [janCommit!.id] },
      'body.update_commits[0].commit_id',
      /is also archived in this request/,
    ],
    [
      'an archived instance updated',
      archivedFeb,
      { commitUpdates: [{ id: febCommit!.id, name: 'a' }] },
      'body.update_commits[0]',
      /names an archived commit/,
    ],
    [
      'an archived instance archived again',
      archivedFeb,
      { archivedCommitIds: [febCommit!.id] },
      'body.archive_commits[0].id',
      /names an archived commit/,
    ],
  ]
  for (const [name, on, input, field, message] of cases) {
    const problems = checked(on, input)
    const problem = problems.find((each) => each.field === field)
    assert.ok(problem, `${name}: ${JSON.stringify(problems)}`)
    assert.match(problem.message, message, name)
  }
  // Once March has started, its instance is named like the others.
  assert.deepEqual(
    checked(both, { commitUpdates: [{ id: marCommit!.id, name: 'x' }] }, ALL_STARTED),
    [],
  )
})

test('property: a v2 edit updating and archiving instances ≡ the single commit/credit edits', () => {
  type Action = { kind: 'none' } | { kind: 'update'; amount: number } | { kind: 'archive' }
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.constant<Action>({ kind: 'none' }),
    fc.integer({ min: 0, max: 1000 }).map((amount): Action => ({ kind: 'update', amount })),
    fc.constant<Action>({ kind: 'archive' }),
  )
  const balances = [
    { kind: 'COMMIT', balance: ownCommit },
    { kind: 'COMMIT', balance: janCommit! },
    { kind: 'COMMIT', balance: febCommit! },
    { kind: 'CREDIT', balance: janCredit! },
    { kind: 'CREDIT', balance: febCredit! },
  ] as const
  fc.assert(
    fc.property(
      fc.array(action, { minLength: 5, maxLength: 5 }),
      fc.boolean(),
      (actions, renamed) => {
        // A prior edit, so the edited terms already carry a patch.
        const start = renamed
          ? applyEdit(
              both,
              recorded({ kind: 'editCredit', update: { id: febCredit!.id, name: 'r' } }),
            )
          : both
        const pick = (kind: 'COMMIT' | 'CREDIT', wanted: Action['kind']) =>
          balances.flatMap(({ kind: each, balance }, index) =>
            each === kind && actions[index]!.kind === wanted
              ? [{ balance, action: actions[index]! }]
              : [],
          )
        const updatesOf = (kind: 'COMMIT' | 'CREDIT') =>
          pick(kind, 'update').map(({ balance, action }) =>
            segmentUpdate(balance, String((action as { amount: number }).amount)),
          )
        const input: Partial<EditInput> = {
          commitUpdates: updatesOf('COMMIT'),
          creditUpdates: updatesOf('CREDIT'),
          archivedCommitIds: pick('COMMIT', 'archive').map(({ balance }) => balance.id),
          archivedCreditIds: pick('CREDIT', 'archive').map(({ balance }) => balance.id),
        }
        assert.deepEqual(checked(start, input), [])
        const singles: ContractEdit[] = [
          ...input.commitUpdates!.map((update) => recorded({ kind: 'editCommit', update })),
          ...input.creditUpdates!.map((update) => recorded({ kind: 'editCredit', update })),
          ...input.archivedCommitIds!.map((balanceId) =>
            recorded({ kind: 'archiveCommit', balanceId }),
          ),
          ...input.archivedCreditIds!.map((balanceId) =>
            recorded({ kind: 'archiveCredit', balanceId }),
          ),
        ]
        const viaEdit = applyEdit(start, v2Edit(start, input))
        const viaSingles = singles.reduce(applyEdit, start)
        assert.deepEqual(viaEdit.commits, viaSingles.commits)
        assert.deepEqual(viaEdit.credits, viaSingles.credits)
        assert.deepEqual(viaEdit.instancePatches, viaSingles.instancePatches)
        assert.deepEqual(
          contractInstancesAt(viaEdit, ALL_STARTED, idOf),
          contractInstancesAt(viaSingles, ALL_STARTED, idOf),
        )
      },
    ),
    { numRuns: 100 },
  )
})

test('archiving the contract: the instances started by then are archived then; no later one starts', () => {
  const iso = (text: string) => at(text).toISOString()
  const janArchived = recorded(
    { kind: 'archiveCommit', balanceId: janCommit!.id },
    at('2026-01-20T00:00Z'),
  )
  const febEdited = recorded(
    { kind: 'editCommit', update: segmentUpdate(febCommit!, '40') },
    at('2026-02-10T00:00Z'),
  )
  const cases: [string, readonly ContractEdit[], string, (string | null)[], (string | null)[]][] = [
    [
      'mid-February: January and February',
      [],
      '2026-02-15T00:00Z',
      [iso('2026-02-15T00:00Z'), iso('2026-02-15T00:00Z')],
      [iso('2026-02-15T00:00Z'), iso('2026-02-15T00:00Z')],
    ],
    [
      'an instance archived before keeps its instant',
      [janArchived, febEdited],
      '2026-02-15T00:00Z',
      [iso('2026-01-20T00:00Z'), iso('2026-02-15T00:00Z')],
      [iso('2026-02-15T00:00Z'), iso('2026-02-15T00:00Z')],
    ],
    [
      'at March’s first instant: March has started (0012 rule 2)',
      [],
      '2026-03-01T00:00Z',
      Array(3).fill(iso('2026-03-01T00:00Z')),
      Array(3).fill(iso('2026-03-01T00:00Z')),
    ],
    ['before the contract starts: none ever', [], '2025-12-01T00:00Z', [], []],
  ]
  for (const [name, edits, when, commits, credits] of cases) {
    const before = edits.reduce(applyEdit, both)
    const archivedTerms = applyEdit(before, recorded({ kind: 'archive' }, at(when)))
    // Viewed long after: the instances are those started by the archive, archived.
    const shown = contractInstancesAt(archivedTerms, at('2027-01-01T00:00Z'), idOf)
    assert.deepEqual(archivedAts(shown.commits), commits, name)
    assert.deepEqual(archivedAts(shown.credits), credits, name)
    // Patches stay applied; without the archive, the same instances are shown (ids, content).
    const unarchived = contractInstancesAt(before, at(when), idOf)
    assert.deepEqual(
      shown.commits.map((each) => ({ ...each, archivedAt: null })),
      unarchived.commits.map((each) => ({ ...each, archivedAt: null })),
      name,
    )
  }

  const history: ContractHistory = {
    contractId: 'contract',
    customerId: 'customer',
    edits: [
      { id: 'create', kind: 'create', terms: both, recordedAt: both.createdAt, recordedBy: 'test' },
      febEdited,
      recorded({ kind: 'archive' }, NOW),
    ],
  }
  const current = currentContract(history)
  const [jan, feb] = contractInstancesAt(current, ALL_STARTED, idOf).commits
  // February's ledger closes at the archive with the expiration entry; January had ended.
  const ledger = (balance: GeneratedCommit) =>
    ledgerAsOf(balance, [], { asOf: ALL_STARTED }).map((entry) => [
      entry.type,
      entry.amount.toString(),
      entry.timestamp.toISOString(),
    ])
  assert.deepEqual(ledger(feb!), [
    ['PREPAID_COMMIT_SEGMENT_START', '40', iso('2026-02-01T00:00Z')],
    ['PREPAID_COMMIT_EXPIRATION', '-40', NOW.toISOString()],
  ])
  assert.deepEqual(ledger(jan!), [
    ['PREPAID_COMMIT_SEGMENT_START', '100', iso('2026-01-01T00:00Z')],
    ['PREPAID_COMMIT_EXPIRATION', '-100', iso('2026-02-01T00:00Z')],
  ])
  // As of before the archive the terms are unarchived: instances at the view's instant, as ever.
  const then = contractAsOf(history, at('2026-02-12T00:00Z'))!
  assert.deepEqual(archivedAts(contractInstancesAt(then, ALL_STARTED, idOf).commits), [
    null,
    null,
    null,
    null,
  ])
})
