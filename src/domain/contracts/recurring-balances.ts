/**
 * The commits and credits a contract's recurring commits and credits have generated (semantics
 * §4.10, decision 0012). They are derived, never stored: from the recurring's settings and the
 * contract's term, as of an instant. An instance exists once its access has started (the
 * OpenAPI document dates a recurring credit's `created_at` at its service period's start), so
 * a view at `at` lists the instances whose access starts at or before `at`.
 *
 * Ids are derived from the recurring's id and the instance's index by the caller's `idOf`
 * (the app hashes them), so every read of the same instance names it the same way and
 * nothing needs storing. Subscription-linked recurrings are left out: their amounts depend on
 * the seat schedule, which is not modelled here yet.
 */
import { Dec } from '../money/decimal.js'
import type { InvoiceSchedule } from './commits.js'
import {
  contractTerm,
  type ContractCommit,
  type ContractCredit,
  type ContractRecurring,
  type ContractTerms,
} from './contract.js'
import { recurringInstances, type RecurringInstance } from './recurring.js'

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

export type GeneratedCommit = ContractCommit & { readonly generatedFrom: RecurringOrigin }
export type GeneratedCredit = ContractCredit & { readonly generatedFrom: RecurringOrigin }

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
): RecurringInstance[] {
  if (recurring.subscriptionConfig !== null) return []
  if (at.getTime() < terms.startingAt.getTime()) return []
  // `until` is exclusive; one millisecond more keeps an instance starting exactly at `at`.
  const instances = recurringInstances(recurring, {
    contract: contractTerm(terms),
    statementSchedule: terms.usageStatementSchedule,
    until: new Date(at.getTime() + 1),
  })
  return instances.filter((instance) => instance.access.startingAt.getTime() <= at.getTime())
}

function commonFields(
  terms: ContractTerms,
  recurring: ContractRecurring,
  instance: RecurringInstance,
  idOf: InstanceIdOf,
) {
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
          id: idOf(recurring.id, instance.index, 'segment'),
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
  }
}

function generatedCommit(
  terms: ContractTerms,
  recurring: ContractRecurring,
  instance: RecurringInstance,
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
  instance: RecurringInstance,
  idOf: InstanceIdOf,
): GeneratedCredit {
  return { ...commonFields(terms, recurring, instance, idOf), kind: 'CREDIT' }
}

/**
 * One item at the instance's start. A whole period keeps the recurring's unit price and
 * quantity; a prorated one is shown as its amount × 1, since `amount = unit_price × quantity`
 * must hold exactly and a prorated unit price need not be a finite decimal.
 */
function invoiceScheduleOf(
  recurring: ContractRecurring,
  instance: RecurringInstance,
  idOf: InstanceIdOf,
): InvoiceSchedule | null {
  const invoice = instance.invoice
  if (invoice === null || recurring.invoiceAmount === null) return null
  const whole = instance.proration === null
  return {
    creditTypeId: invoice.creditTypeId,
    items: [
      {
        id: idOf(recurring.id, instance.index, 'invoice-item'),
        timestamp: invoice.timestamp,
        amount: invoice.amount,
        unitPrice: whole ? recurring.invoiceAmount.unitPrice : invoice.amount,
        quantity: whole ? recurring.invoiceAmount.quantity : new Dec(1),
      },
    ],
    doNotInvoice: false,
  }
}
