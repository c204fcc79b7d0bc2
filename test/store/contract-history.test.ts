/**
 * The stored form of a contract's history is an exact inverse of the domain's: decoding what
 * was encoded gives back every term, decimal and instant (so replaying the stored history
 * reproduces the current view).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  newContract,
  noPassThrough,
  type ContractCreateInput,
  type ContractEdit,
} from '../../src/domain/contracts/contract.js'
import {
  noChanges,
  nothingAdded,
  type AddedTerms,
  type BalanceUpdate,
  type ContractChanges,
} from '../../src/domain/contracts/contract-edits.js'
import { Dec } from '../../src/domain/money/decimal.js'
import { decodeEdit, encodeEdit } from '../../src/store/contracts.js'

const START = new Date('2025-01-01T00:00Z')
const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => new Dec(digits.toString()).dividedBy(new Dec(10).pow(scale)))
const hour = fc
  .integer({ min: 0, max: 24 * 365 })
  .map((hours) => new Date(START.getTime() + hours * 3_600_000))

const input = fc
  .record({ amount: decimal, price: decimal, end: hour })
  .map(({ amount, price, end }): ContractCreateInput => ({
    customerId: 'customer',
    startingAt: START,
    endingBefore: new Date(end.getTime() + 3_600_000),
    name: 'n',
    totalContractValue: price,
    commits: [
      {
        type: 'POSTPAID',
        productId: 'fixed',
        temporaryId: 't',
        accessSchedule: { items: [{ amount, startingAt: START, endingBefore: end }] },
        invoiceSchedule: { items: [{ timestamp: end, unitPrice: price, quantity: amount }] },
        specifiers: [{ productId: 'usage', pricingGroupValues: { region: 'eu' } }],
        hierarchyConfiguration: { child_access: { type: 'ALL' } },
      },
    ],
    credits: [
      {
        productId: 'fixed',
        accessSchedule: { items: [{ amount, startingAt: START, endingBefore: end }] },
        rolloverFraction: new Dec('0.25'),
      },
    ],
    recurringCommits: [
      {
        kind: 'COMMIT',
        productId: 'fixed',
        priority: price,
        startingAt: START,
        accessAmount: { unitPrice: price, quantity: amount, creditTypeId: 'usd' },
        invoiceAmount: { unitPrice: price, quantity: amount, creditTypeId: 'usd' },
        commitDuration: { value: 2 },
        prorationRounding: { invoice: { decimalPlaces: -2, roundingMethod: 'CEILING' } },
      },
    ],
    recurringCredits: [],
    overrides: [
      {
        startingAt: START,
        endingBefore: end,
        type: 'OVERWRITE',
        multiplier: null,
        overwriteRate: {
          rateType: 'TIERED',
          price: null,
          tiers: [
            { size: amount, price },
            { size: null, price: amount },
          ],
          minimum: null,
          creditTypeId: null,
          isProrated: null,
          quantity: null,
          customRate: null,
        },
        tiers: null,
        entitled: true,
        priority: 1.5,
        productId: null,
        applicableProductTags: null,
        overrideSpecifiers: [{ productId: 'usage', commitIds: ['t'] }],
        isCommitSpecific: true,
        target: 'LIST_RATE',
      },
    ],
    scheduledCharges: [
      { productId: 'fixed', schedule: { items: [{ timestamp: START, amount: price }] } },
    ],
    discounts: [],
    professionalServices: [
      { productId: 'services', unitPrice: price, quantity: amount, maxAmount: price },
    ],
    subscriptions: [
      {
        productId: 'seats',
        billingFrequency: 'QUARTERLY',
        collectionSchedule: 'ADVANCE',
        proration: { rounding: { decimalPlaces: 2, roundingMethod: 'FLOOR' } },
        quantityManagementMode: 'SEAT_BASED',
        seatConfig: { seatGroupKey: 'user', initialSeatIds: ['a', 'b'] },
        billingCycleConfig: { anchorDate: START },
      },
    ],
    usageFilter: { groupKey: 'region', groupValues: ['eu'] },
    usageStatementSchedule: { frequency: 'ANNUAL', day: 'CUSTOM_DATE', billingAnchorDate: end },
    transition: { type: 'RENEWAL', fromContractId: 'old', futureInvoiceBehavior: {} },
    passThrough: { ...noPassThrough, spendTrackers: [{ alias: 'x' }] },
    customFields: { a: 'b' },
    presentFields: [],
  }))

test('property: decodeEdit(encodeEdit(edit)) is the edit, for every kind', () => {
  fc.assert(
    fc.property(input, hour, (request, when) => {
      let next = 0
      const terms = newContract(request, {
        id: 'contract',
        newId: () => `id-${next++}`,
        rateCardId: 'card',
        createdAt: START,
        createdBy: 'test',
      })
      const head = { id: 'e', recordedAt: when, recordedBy: 'test' }
      const edits: ContractEdit[] = [
        { ...head, kind: 'create', terms },
        { ...head, kind: 'updateEndDate', endingBefore: null },
        { ...head, kind: 'updateEndDate', endingBefore: when },
        { ...head, kind: 'setUsageFilter', filter: terms.usageFilter[0]! },
        { ...head, kind: 'archive' },
        { ...head, kind: 'renewal', newContractId: 'new', transitionAt: when },
      ]
      for (const edit of edits) {
        const stored = JSON.parse(JSON.stringify(encodeEdit(edit))) as Record<string, unknown>
        assert.deepEqual(decodeEdit({ ...head, kind: edit.kind }, stored), edit)
      }
    }),
    { numRuns: 50 },
  )
})

test('property: the term edits (amend, edit, commit/credit edits) round-trip', () => {
  fc.assert(
    fc.property(input, hour, decimal, fc.boolean(), (request, when, amount, some) => {
      let next = 0
      const terms = newContract(request, {
        id: 'contract',
        newId: () => `id-${next++}`,
        rateCardId: 'card',
        createdAt: START,
        createdBy: 'test',
      })
      const added: AddedTerms = {
        commits: terms.commits,
        credits: terms.credits,
        recurringCommits: terms.recurringCommits,
        recurringCredits: terms.recurringCredits,
        overrides: terms.overrides,
        scheduledCharges: terms.scheduledCharges,
        discounts: terms.discounts,
        professionalServices: terms.professionalServices,
        subscriptions: terms.subscriptions,
        resellerRoyalties: [{ reseller_type: 'AWS', fraction: 0.5 }],
        spendTrackers: [],
      }
      const update: BalanceUpdate = some
        ? {
            id: 'c',
            name: 'n',
            priority: amount,
            applicableProductIds: [],
            specifiers: [{ productId: 'p', pricingGroupValues: { a: 'b' } }],
            accessSchedule: {
              add: [{ id: 's', amount, startingAt: START, endingBefore: when }],
              update: [
                { id: 'u', amount },
                { id: 'v', endingBefore: when },
              ],
              remove: ['r'],
            },
            invoiceSchedule: {
              add: [{ id: 'i', timestamp: when, amount, unitPrice: amount, quantity: new Dec(1) }],
              update: [{ id: 'j', unitPrice: amount }],
              remove: [],
            },
          }
        : { id: 'c' }
      const changes: ContractChanges = {
        ...noChanges,
        uniquenessKey: some ? 'k' : null,
        added: some ? added : nothingAdded,
        commitUpdates: [update],
        creditUpdates: some ? [{ id: 'd', rateType: 'COMMIT_RATE' }] : [],
        scheduledChargeUpdates: [
          {
            id: 'sc',
            invoiceSchedule: { add: [], update: [{ id: 'x', timestamp: when }], remove: [] },
          },
        ],
        recurringCommitUpdates: [
          { id: 'rc', accessAmount: { quantity: amount }, endingBefore: when },
        ],
        archivedCommitIds: ['a'],
        removedOverrideIds: some ? ['o'] : [],
        name: some ? 'renamed' : null,
        endingBefore: some ? when : null,
        netPaymentTermsDays: some ? 30 : null,
        spendThresholdUpdate: some ? { is_enabled: false } : null,
      }
      const head = { id: 'e', recordedAt: when, recordedBy: 'test' }
      const edits: ContractEdit[] = [
        {
          ...head,
          kind: 'amend',
          amendment: {
            startingAt: when,
            added,
            netsuiteSalesOrderId: some ? 'SO' : null,
            salesforceOpportunityId: null,
            totalContractValue: some ? amount : null,
            customFields: { a: 'b' },
          },
        },
        { ...head, kind: 'edit', changes },
        { ...head, kind: 'editCommit', update },
        { ...head, kind: 'editCredit', update: { id: 'd', description: 'x' } },
        { ...head, kind: 'archiveCommit', balanceId: 'c' },
        { ...head, kind: 'archiveCredit', balanceId: 'd' },
        { ...head, kind: 'retireCommits', commitIds: ['c', 'd'] },
      ]
      for (const edit of edits) {
        const stored = JSON.parse(JSON.stringify(encodeEdit(edit))) as Record<string, unknown>
        assert.deepEqual(decodeEdit({ ...head, kind: edit.kind }, stored), edit)
      }
    }),
    { numRuns: 50 },
  )
})
