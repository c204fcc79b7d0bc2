import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Dec } from '../money/decimal.js'
import {
  applyEdit,
  currentContract,
  newContract,
  noPassThrough,
  type ContractCreateInput,
  type ContractEdit,
  type ContractHistory,
  type ContractRecurringInput,
  type ContractTerms,
} from './contract.js'
import type { BalanceUpdate } from './contract-edits.js'
import { applyInstancePatches, type InstancePatch } from './instance-edits.js'
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
