/**
 * The commits and credits a contract's recurring commits and credits have generated (semantics
 * §4.10, decision 0012). They are derived, never stored: from the recurring's settings and the
 * contract's term, as of an instant. An instance exists once its access has started (the
 * OpenAPI document dates a recurring credit's `created_at` at its service period's start), so
 * a view at `at` lists the instances whose access starts at or before `at`.
 *
 * Ids are derived from the recurring's id and the instance's index by the caller's `idOf`
 * (the app hashes them), so every read of the same instance names it the same way and
 * nothing needs storing.
 *
 * A subscription-linked recurring (decision 0015) follows its subscription's billing periods
 * and grants per unit of the subscription's quantity at each instance's start; its instances
 * carry the seat increases within their periods as `seatAdjustments`, which the ledger writes
 * as `*_SEAT_BASED_ADJUSTMENT` entries.
 */
import { Dec } from '../money/decimal.js'
import { statementCadence } from './billing-periods.js'
import type { InvoiceSchedule } from './commits.js'
import {
  contractTerm,
  type ContractCommit,
  type ContractCredit,
  type ContractRecurring,
  type ContractSubscription,
  type ContractTerms,
} from './contract.js'
import type { SeatAdjustment } from './ledger.js'
import {
  linkedRecurringInstances,
  recurringInstances,
  type LinkedInstance,
  type LinkedSubscription,
  type RecurringContext,
  type RecurringInstance,
} from './recurring.js'
import { totalQuantitySegments } from './subscription-schedule.js'

/** Which id of an instance is asked for: the balance's, its one segment's, its invoice item's. */
export type InstanceIdPart = 'balance' | 'segment' | 'invoice-item'

/** A stable id for one part of the `index`th instance of the recurring `recurringId`. */
export type InstanceIdOf = (recurringId: string, index: number, part: InstanceIdPart) => string

/** Where a generated balance came from. */
export interface RecurringOrigin {
  readonly recurringId: string
  /** 0 for the recurring's first instance. */
  readonly index: number
}

/** Subscription-linked instances also carry the seat increases within their period. */
interface GeneratedExtras {
  readonly generatedFrom: RecurringOrigin
  readonly seatAdjustments?: readonly SeatAdjustment[]
}

export type GeneratedCommit = ContractCommit & GeneratedExtras
export type GeneratedCredit = ContractCredit & GeneratedExtras

/** An instance; a subscription-linked one also has its units and seat increases. */
type Instance = RecurringInstance & Partial<Pick<LinkedInstance, 'units' | 'seatIncreases'>>

export interface GeneratedBalances {
  readonly commits: readonly GeneratedCommit[]
  readonly credits: readonly GeneratedCredit[]
}

/** Every instance of the contract's recurrings whose access has started by `at`, in order. */
export function recurringBalances(
  terms: ContractTerms,
  at: Date,
  idOf: InstanceIdOf,
): GeneratedBalances {
  const commits = terms.recurringCommits.flatMap((recurring) =>
    startedInstances(terms, recurring, at).map((instance) =>
      generatedCommit(terms, recurring, instance, idOf),
    ),
  )
  const credits = terms.recurringCredits.flatMap((recurring) =>
    startedInstances(terms, recurring, at).map((instance) =>
      generatedCredit(terms, recurring, instance, idOf),
    ),
  )
  return { commits, credits }
}

function startedInstances(
  terms: ContractTerms,
  recurring: ContractRecurring,
  at: Date,
): Instance[] {
  if (at.getTime() < terms.startingAt.getTime()) return []
  // `until` is exclusive; one millisecond more keeps an instance starting exactly at `at`.
  const context: RecurringContext = {
    contract: contractTerm(terms),
    statementSchedule: terms.usageStatementSchedule,
    until: new Date(at.getTime() + 1),
  }
  const config = recurring.subscriptionConfig
  let instances: Instance[]
  if (config === null) instances = recurringInstances(recurring, context)
  else {
    const subscription = terms.subscriptions.find((each) => each.id === config.subscriptionId)
    // A subscription removed by a shortened end (lifecycle) leaves nothing to follow.
    if (!subscription) return []
    instances = linkedRecurringInstances(
      recurring,
      context,
      linkedSubscription(terms, subscription, config.applySeatIncreaseConfig.isProrated),
    )
  }
  return instances.filter((instance) => instance.access.startingAt.getTime() <= at.getTime())
}

/**
 * The subscription as a linked recurring follows it: its billing frequency from its billing
 * anchor (the contract's usage statement anchor when it has none, as the API shows it), its
 * term, and its total quantity (seats for SEAT_BASED) over time. POOLED and INDIVIDUAL grant
 * the same total (decision 0015).
 */
export function linkedSubscription(
  terms: ContractTerms,
  subscription: ContractSubscription,
  prorateIncreases: boolean,
): LinkedSubscription {
  const anchor =
    subscription.billingCycleConfig.anchorDate ??
    statementCadence(terms.usageStatementSchedule, contractTerm(terms)).anchor
  return {
    cadence: { anchor, frequency: subscription.billingFrequency },
    term: { startingAt: subscription.startingAt, endingBefore: subscription.endingBefore },
    quantities: totalQuantitySegments(subscription),
    prorateIncreases,
  }
}

function commonFields(
  terms: ContractTerms,
  recurring: ContractRecurring,
  instance: Instance,
  idOf: InstanceIdOf,
) {
  const segmentId = idOf(recurring.id, instance.index, 'segment')
  return {
    id: idOf(recurring.id, instance.index, 'balance'),
    contractId: terms.id,
    productId: recurring.productId,
    name: recurring.name,
    description: recurring.description,
    accessSchedule: {
      creditTypeId: instance.access.creditTypeId,
      segments: [
        {
          id: segmentId,
          amount: instance.access.amount,
          startingAt: instance.access.startingAt,
          endingBefore: instance.access.endingBefore,
        },
      ],
    },
    priority: recurring.priority,
    applicableProductIds: recurring.applicableProductIds,
    applicableProductTags: recurring.applicableProductTags,
    specifiers: recurring.specifiers,
    rolloverFraction: recurring.rolloverFraction,
    rateType: recurring.rateType,
    rolledOverFrom: null,
    archivedAt: null,
    customFields: {},
    // The OpenAPI document: "latter of service period date and parent start date".
    createdAt: instance.access.startingAt,
    netsuiteSalesOrderId: recurring.netsuiteSalesOrderId,
    hierarchyConfiguration: recurring.hierarchyConfiguration,
    generatedFrom: { recurringId: recurring.id, index: instance.index },
    ...(instance.seatIncreases === undefined
      ? {}
      : {
          seatAdjustments: instance.seatIncreases.map((increase): SeatAdjustment => ({
            segmentId,
            timestamp: increase.at,
            amount: increase.amount,
          })),
        }),
  }
}

function generatedCommit(
  terms: ContractTerms,
  recurring: ContractRecurring,
  instance: Instance,
  idOf: InstanceIdOf,
): GeneratedCommit {
  return {
    ...commonFields(terms, recurring, instance, idOf),
    kind: 'COMMIT',
    // Recurring commits have no type on the wire: they are paid for up front, as prepaid ones.
    type: 'PREPAID',
    invoiceSchedule: invoiceScheduleOf(recurring, instance, idOf),
    spendTrackerAttributes: null,
  }
}

function generatedCredit(
  terms: ContractTerms,
  recurring: ContractRecurring,
  instance: Instance,
  idOf: InstanceIdOf,
): GeneratedCredit {
  return { ...commonFields(terms, recurring, instance, idOf), kind: 'CREDIT' }
}

/**
 * One item at the instance's start. A whole period keeps the recurring's unit price and
 * quantity (times the subscription's quantity, when linked); a prorated one is shown as its
 * amount × 1, since `amount = unit_price × quantity` must hold exactly and a prorated unit price
 * need not be a finite decimal.
 */
function invoiceScheduleOf(
  recurring: ContractRecurring,
  instance: Instance,
  idOf: InstanceIdOf,
): InvoiceSchedule | null {
  const invoice = instance.invoice
  if (invoice === null || recurring.invoiceAmount === null) return null
  const whole = instance.proration === null
  const units = instance.units ?? new Dec(1)
  return {
    creditTypeId: invoice.creditTypeId,
    items: [
      {
        id: idOf(recurring.id, instance.index, 'invoice-item'),
        timestamp: invoice.timestamp,
        amount: invoice.amount,
        unitPrice: whole ? recurring.invoiceAmount.unitPrice : invoice.amount,
        quantity: whole ? recurring.invoiceAmount.quantity.times(units) : new Dec(1),
      },
    ],
    doNotInvoice: false,
  }
}
