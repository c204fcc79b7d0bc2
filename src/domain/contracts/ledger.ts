/**
 * Ledgers and balances of commits and credits (semantics §5, §4.11). A ledger is derived, never
 * stored: from the commit's access schedule, its manual adjustments, and the events that close a
 * segment early (a cancellation, an archive, a contract transition), as of an instant.
 *
 * Every entry belongs to one access segment. A segment opens with a start entry (its amount),
 * collects manual adjustments (and, later, invoice deductions), and closes once: at its end, or
 * earlier when canceled, archived or rolled over. Closing writes what is left, never more: a
 * rollover entry for the share that moves to the new contract, then an expiration (or
 * cancellation) entry for the rest. A balance is the sum of the entries of the segments
 * accessible at the instant, each floored at 0.
 *
 * Entry types follow the wire enums; types that need invoices (AUTOMATED_INVOICE_DEDUCTION,
 * TRUEUP, CREDITED) slot into `LedgerEntry` and `stepOf` later. A subscription-linked recurring
 * instance carries its seat increases (`seatAdjustments`), each written as a
 * `*_SEAT_BASED_ADJUSTMENT` once it has happened (decision 0015). Rules the sources leave open
 * are decided in `docs/decisions/0009-commits-and-ledgers.md`.
 */
import { Dec, sum } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { AccessSegment, Commit, CommitOrCredit, Credit } from './commits.js'

/** The three ledger vocabularies: every entry type name starts with one of these. */
export type LedgerFlavour = 'PREPAID_COMMIT' | 'POSTPAID_COMMIT' | 'CREDIT'

export function ledgerFlavour(balance: CommitOrCredit): LedgerFlavour {
  if (balance.kind === 'CREDIT') return 'CREDIT'
  return balance.type === 'PREPAID' ? 'PREPAID_COMMIT' : 'POSTPAID_COMMIT'
}

export type SegmentStartEntryType =
  'PREPAID_COMMIT_SEGMENT_START' | 'POSTPAID_COMMIT_INITIAL_BALANCE' | 'CREDIT_SEGMENT_START'
export type ManualEntryType = `${LedgerFlavour}_MANUAL`
export type ExpirationEntryType = `${LedgerFlavour}_EXPIRATION`
export type RolloverEntryType = `${LedgerFlavour}_ROLLOVER`
/** Postpaid commits have no canceled entry type. */
export type CanceledEntryType = 'PREPAID_COMMIT_CANCELED' | 'CREDIT_CANCELED'
/** Only prepaid commits and credits have seats (recurring instances are prepaid). */
export type SeatAdjustmentEntryType =
  'PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT' | 'CREDIT_SEAT_BASED_ADJUSTMENT'

interface EntryFields {
  readonly timestamp: Date
  /** Positive adds to the segment, negative draws it down. */
  readonly amount: Dec
  /** Kept for every entry; the wire omits it for the types whose schema has none. */
  readonly segmentId: string
}

export interface SegmentStartEntry extends EntryFields {
  readonly type: SegmentStartEntryType
}

export interface ManualEntry extends EntryFields {
  readonly type: ManualEntryType
  readonly reason: string
}

export interface ExpirationEntry extends EntryFields {
  readonly type: ExpirationEntryType
}

export interface RolloverEntry extends EntryFields {
  readonly type: RolloverEntryType
  readonly newContractId: string
}

export interface CanceledEntry extends EntryFields {
  readonly type: CanceledEntryType
  /** The voided invoice that canceled the balance. */
  readonly invoiceId: string
  readonly contractId: string | null
}

/** Balance released by a seat increase (wire: type, timestamp, amount, segment_id). */
export interface SeatAdjustmentEntry extends EntryFields {
  readonly type: SeatAdjustmentEntryType
}

export type LedgerEntry =
  | SegmentStartEntry
  | ManualEntry
  | SeatAdjustmentEntry
  | ExpirationEntry
  | RolloverEntry
  | CanceledEntry
export type LedgerEntryType = LedgerEntry['type']

/**
 * The step of a segment's life an entry records; at one instant entries follow this order, so
 * that a closing entry always sees everything that happened at that instant before it. Invoice
 * deductions, seat adjustments and credited entries will sit between MANUAL and ROLLOVER, a
 * true-up between ROLLOVER and CLOSE.
 */
const steps = { START: 0, MANUAL: 1, ADJUSTMENT: 2, ROLLOVER: 3, CLOSE: 5 } as const

const stepOfType: Record<LedgerEntryType, number> = {
  PREPAID_COMMIT_SEGMENT_START: steps.START,
  POSTPAID_COMMIT_INITIAL_BALANCE: steps.START,
  CREDIT_SEGMENT_START: steps.START,
  PREPAID_COMMIT_MANUAL: steps.MANUAL,
  POSTPAID_COMMIT_MANUAL: steps.MANUAL,
  CREDIT_MANUAL: steps.MANUAL,
  PREPAID_COMMIT_SEAT_BASED_ADJUSTMENT: steps.ADJUSTMENT,
  CREDIT_SEAT_BASED_ADJUSTMENT: steps.ADJUSTMENT,
  PREPAID_COMMIT_ROLLOVER: steps.ROLLOVER,
  POSTPAID_COMMIT_ROLLOVER: steps.ROLLOVER,
  CREDIT_ROLLOVER: steps.ROLLOVER,
  PREPAID_COMMIT_EXPIRATION: steps.CLOSE,
  POSTPAID_COMMIT_EXPIRATION: steps.CLOSE,
  CREDIT_EXPIRATION: steps.CLOSE,
  PREPAID_COMMIT_CANCELED: steps.CLOSE,
  CREDIT_CANCELED: steps.CLOSE,
}

export function stepOf(entry: LedgerEntry): number {
  return stepOfType[entry.type]
}

/** Rollover, expiration and cancellation entries: what a segment's close writes. */
export function isClosingEntry(entry: LedgerEntry): boolean {
  return stepOf(entry) >= steps.ROLLOVER
}

const time = (date: Date) => date.getTime()

/** Timestamp order; at one instant, step order; otherwise the order entries were made. */
export function compareLedgerEntries(a: LedgerEntry, b: LedgerEntry): number {
  return time(a.timestamp) - time(b.timestamp) || stepOf(a) - stepOf(b)
}

// ---------------------------------------------------------------------------------------------
// Inputs.

/** A manual adjustment as stored (addManualBalanceLedgerEntry). */
export interface ManualAdjustment {
  readonly segmentId: string
  readonly amount: Dec
  readonly reason: string
  /** null: the segment's start (the OpenAPI document's default). */
  readonly timestamp: Date | null
}

/** Balance a seat increase released into a segment, at the increase's instant. */
export interface SeatAdjustment {
  readonly segmentId: string
  readonly timestamp: Date
  readonly amount: Dec
}

/** A balance as the ledger reads it: subscription-linked instances carry seat adjustments. */
export type LedgerBalance = CommitOrCredit & {
  readonly seatAdjustments?: readonly SeatAdjustment[]
}

export interface ManualAdjustmentInput extends ManualAdjustment {
  /** Seat-managed balances: the amount per seat, which must sum to `amount`. */
  readonly perGroupAmounts?: Readonly<Record<string, Dec>> | null
}

/** The balance was canceled by voiding its invoice. */
export interface Cancellation {
  readonly at: Date
  readonly invoiceId: string
  readonly contractId: string | null
}

/** The balance's contract was renewed into `newContractId`, which starts at `at`. */
export interface Transition {
  readonly at: Date
  readonly newContractId: string
}

export interface LedgerOptions {
  readonly asOf: Date
  readonly cancellation?: Cancellation
  readonly rollover?: Transition
}

// ---------------------------------------------------------------------------------------------
// Segment lifetimes.

export type CloseReason = 'CANCELED' | 'ARCHIVED' | 'ROLLED_OVER' | 'EXPIRED'

/** When and why a segment stops being accessible. */
export interface SegmentClose {
  readonly at: Date
  readonly reason: CloseReason
}

/** Several closes at one instant: the first of these wins. */
const closePrecedence: readonly CloseReason[] = ['CANCELED', 'ARCHIVED', 'ROLLED_OVER', 'EXPIRED']

/**
 * The segment a transition at `at` rolls over: the one in use just before `at` — started
 * before it and not ended before it. A segment that ends exactly at `at` (the usual renewal,
 * where the old term ends as the new one starts) still rolls; one that starts at `at` or later
 * never served the old term and does not.
 */
export function rollsOverAt(segment: AccessSegment, at: Date): boolean {
  return time(segment.startingAt) < time(at) && time(at) <= time(segment.endingBefore)
}

export function segmentClose(
  balance: CommitOrCredit,
  segment: AccessSegment,
  options: Omit<LedgerOptions, 'asOf'>,
): SegmentClose {
  const candidates: SegmentClose[] = [{ at: segment.endingBefore, reason: 'EXPIRED' }]
  if (options.cancellation) candidates.push({ at: options.cancellation.at, reason: 'CANCELED' })
  if (balance.archivedAt) candidates.push({ at: balance.archivedAt, reason: 'ARCHIVED' })
  if (options.rollover && rollsOverAt(segment, options.rollover.at)) {
    candidates.push({ at: options.rollover.at, reason: 'ROLLED_OVER' })
  }
  return candidates.reduce((first, next) =>
    time(next.at) < time(first.at) ||
    (time(next.at) === time(first.at) &&
      closePrecedence.indexOf(next.reason) < closePrecedence.indexOf(first.reason))
      ? next
      : first,
  )
}

/** A segment closed at or before its start never opens: no entries, never accessible. */
function opens(segment: AccessSegment, close: SegmentClose): boolean {
  return time(close.at) > time(segment.startingAt)
}

/** The segments whose balance can be drawn at `asOf`: started, and not yet closed. */
export function accessibleSegments(
  balance: LedgerBalance,
  options: LedgerOptions,
): AccessSegment[] {
  const asOf = time(options.asOf)
  return balance.accessSchedule.segments.filter((segment) => {
    const close = segmentClose(balance, segment, options)
    return time(segment.startingAt) <= asOf && asOf < time(close.at) && opens(segment, close)
  })
}

// ---------------------------------------------------------------------------------------------
// Ledgers and balances.

const startTypes: Record<LedgerFlavour, SegmentStartEntryType> = {
  PREPAID_COMMIT: 'PREPAID_COMMIT_SEGMENT_START',
  POSTPAID_COMMIT: 'POSTPAID_COMMIT_INITIAL_BALANCE',
  CREDIT: 'CREDIT_SEGMENT_START',
}

/**
 * The ledger as of `asOf`, in `compareLedgerEntries` order. A segment that has started by
 * `asOf` shows its start entry and every one of its manual adjustments, future-dated ones
 * included (they already count in the balance), and the seat adjustments that have happened by
 * `asOf` before the segment closed; a segment whose close is at or before `asOf` also shows its
 * closing entries. Segments not yet started show nothing.
 */
export function ledgerAsOf(
  balance: LedgerBalance,
  adjustments: readonly ManualAdjustment[],
  options: LedgerOptions,
): LedgerEntry[] {
  const flavour = ledgerFlavour(balance)
  const segments = balance.accessSchedule.segments
  for (const adjustment of adjustments) {
    if (!segments.some((segment) => segment.id === adjustment.segmentId)) {
      throw new Error(`a manual adjustment names an unknown segment ${adjustment.segmentId}`)
    }
  }
  const entries: LedgerEntry[] = []
  for (const segment of segments) {
    if (time(segment.startingAt) > time(options.asOf)) continue
    const close = segmentClose(balance, segment, options)
    if (!opens(segment, close)) continue
    const open: LedgerEntry[] = [
      {
        type: startTypes[flavour],
        timestamp: segment.startingAt,
        amount: segment.amount,
        segmentId: segment.id,
      },
      ...adjustments
        .filter((adjustment) => adjustment.segmentId === segment.id)
        .map((adjustment): ManualEntry => ({
          type: `${flavour}_MANUAL`,
          timestamp: adjustment.timestamp ?? segment.startingAt,
          amount: adjustment.amount,
          segmentId: segment.id,
          reason: adjustment.reason,
        })),
      ...seatAdjustmentEntries(balance, segment, close, options.asOf),
    ]
    entries.push(...open)
    if (time(close.at) <= time(options.asOf)) {
      entries.push(...closingEntries(balance, segment, open, close, options))
    }
  }
  return entries.sort(compareLedgerEntries)
}

/**
 * A segment's seat adjustments that have happened by `asOf` while it was open (a close at the
 * same instant comes first: a seat added as the segment closes grants nothing).
 */
function seatAdjustmentEntries(
  balance: LedgerBalance,
  segment: AccessSegment,
  close: SegmentClose,
  asOf: Date,
): SeatAdjustmentEntry[] {
  const own = (balance.seatAdjustments ?? []).filter(
    (adjustment) =>
      adjustment.segmentId === segment.id &&
      time(adjustment.timestamp) <= time(asOf) &&
      time(adjustment.timestamp) < time(close.at),
  )
  if (own.length === 0) return []
  const flavour = ledgerFlavour(balance)
  if (flavour === 'POSTPAID_COMMIT') throw new Error('postpaid commits have no seat adjustments')
  return own.map((adjustment) => ({
    type: `${flavour}_SEAT_BASED_ADJUSTMENT`,
    timestamp: adjustment.timestamp,
    amount: adjustment.amount,
    segmentId: segment.id,
  }))
}

/**
 * What a segment's close writes. What is left is the sum of the segment's entries (all of its
 * manual adjustments included, whatever their timestamp); a rollover takes its share first, and
 * the rest, if positive, expires or is canceled. A segment overdrawn by manual adjustments
 * closes with no entry: closing never adds balance.
 */
function closingEntries(
  balance: CommitOrCredit,
  segment: AccessSegment,
  open: readonly LedgerEntry[],
  close: SegmentClose,
  options: LedgerOptions,
): LedgerEntry[] {
  const flavour = ledgerFlavour(balance)
  const base = { timestamp: close.at, segmentId: segment.id }
  const entries: LedgerEntry[] = []
  let left = sum(open.map((entry) => entry.amount))
  if (close.reason === 'ROLLED_OVER' && options.rollover) {
    const rolled = rolloverAmount(balance, segment, left, grantedBy(open))
    if (rolled.greaterThan(0)) {
      entries.push({
        ...base,
        type: `${flavour}_ROLLOVER`,
        amount: rolled.negated(),
        newContractId: options.rollover.newContractId,
      })
      left = left.minus(rolled)
    }
  }
  if (left.greaterThan(0)) {
    const canceled = close.reason === 'CANCELED' && options.cancellation
    entries.push(
      canceled && flavour !== 'POSTPAID_COMMIT'
        ? {
            ...base,
            type: `${flavour}_CANCELED`,
            amount: left.negated(),
            invoiceId: canceled.invoiceId,
            contractId: canceled.contractId,
          }
        : { ...base, type: `${flavour}_EXPIRATION`, amount: left.negated() },
    )
  }
  return entries
}

/**
 * §4.11: `min(remaining, rollover_fraction × original amount)`, where the original amount is what
 * the segment granted: its scheduled amount, plus what seat increases released into it (manual
 * adjustments change what remains, not what was granted). Nothing rolls without a fraction or
 * when nothing remains.
 */
export function rolloverAmount(
  balance: CommitOrCredit,
  segment: AccessSegment,
  remaining: Dec,
  granted: Dec = segment.amount,
): Dec {
  if (balance.rolloverFraction === null || remaining.lessThanOrEqualTo(0)) return new Dec(0)
  return Dec.min(remaining, balance.rolloverFraction.times(granted))
}

/** What a segment's entries granted: its start and its seat adjustments. */
function grantedBy(entries: readonly LedgerEntry[]): Dec {
  return sum(
    entries
      .filter((entry) => stepOf(entry) === steps.START || stepOf(entry) === steps.ADJUSTMENT)
      .map((entry) => entry.amount),
  )
}

export interface SegmentBalance {
  readonly segmentId: string
  readonly balance: Dec
}

/** Each segment's entries summed and floored at 0 (§5: an overdrawn segment counts as 0). */
export function segmentBalances(
  ledger: readonly LedgerEntry[],
  segmentIds: readonly string[],
): SegmentBalance[] {
  return segmentIds.map((segmentId) => {
    const total = sum(ledger.filter((e) => e.segmentId === segmentId).map((e) => e.amount))
    return { segmentId, balance: Dec.max(total, 0) }
  })
}

/** The balance a ledger gives over the accessible segments named. */
export function balanceFromLedger(
  ledger: readonly LedgerEntry[],
  accessibleSegmentIds: readonly string[],
): Dec {
  return sum(segmentBalances(ledger, accessibleSegmentIds).map((segment) => segment.balance))
}

/** §5: what can be drawn at `asOf`; expired, closed and not-yet-started segments give 0. */
export function balanceAsOf(
  balance: LedgerBalance,
  adjustments: readonly ManualAdjustment[],
  options: LedgerOptions,
): Dec {
  const accessible = accessibleSegments(balance, options).map((segment) => segment.id)
  return balanceFromLedger(ledgerAsOf(balance, adjustments, options), accessible)
}

// ---------------------------------------------------------------------------------------------
// Rollover on renewal.

/** Where a rollover lands: ids from the app's `IdSource`, the new contract's access end. */
export interface RolloverTarget {
  readonly contractId: string
  readonly id: string
  readonly segmentId: string
  /** Used only when a postpaid commit rolls over (its true-up item). */
  readonly invoiceItemId: string
  /** The end of the new commit's access (usually the new contract's end); after the transition. */
  readonly accessEndingBefore: Date
}

export interface RolloverResult {
  readonly rolledOver: CommitOrCredit
  /** The old balance's entry, equal to the one `ledgerAsOf` writes with `rollover` given. */
  readonly entry: RolloverEntry
}

/**
 * §4.11: at a renewal starting at `transitionAt`, the segment in use (`rollsOverAt`) moves
 * `rolloverAmount` of what is left into a new balance on the new contract: same kind and type,
 * same product, applicability, priority, rate type, fraction and custom fields, one access
 * segment from the transition to `accessEndingBefore`, and `rolledOverFrom` naming the old one.
 * Null when nothing rolls: no fraction, nothing left, no segment in use, or the segment already
 * closed (expired before the transition, canceled, archived or rolled over).
 *
 * `ledger` is the old balance's ledger as of the transition; an expiration at the transition
 * itself is the segment's natural end coinciding with it, which the rollover precedes.
 */
export function rollover(
  old: CommitOrCredit,
  ledger: readonly LedgerEntry[],
  transitionAt: Date,
  target: RolloverTarget,
): RolloverResult | null {
  if (old.contractId === null) throw new Error('customer-level balances do not roll over')
  if (time(target.accessEndingBefore) <= time(transitionAt)) {
    throw new Error('a rollover balance must end after the transition')
  }
  if (old.archivedAt && time(old.archivedAt) <= time(transitionAt)) return null
  const segment = old.accessSchedule.segments.find((each) => rollsOverAt(each, transitionAt))
  if (!segment) return null
  const own = ledger.filter((entry) => entry.segmentId === segment.id)
  if (!own.some((entry) => stepOf(entry) === steps.START)) {
    throw new Error('the ledger must include the rolling segment (build it as of the transition)')
  }
  const closedBefore = own.some(
    (entry) =>
      isClosingEntry(entry) &&
      (time(entry.timestamp) < time(transitionAt) || stepOf(entry) === steps.ROLLOVER),
  )
  const canceled = own.some((entry) => entry.type.endsWith('_CANCELED'))
  if (closedBefore || canceled) return null
  const remaining = sum(own.filter((entry) => !isClosingEntry(entry)).map((e) => e.amount))
  const amount = rolloverAmount(old, segment, remaining, grantedBy(own))
  if (amount.isZero()) return null

  const common = {
    id: target.id,
    contractId: target.contractId,
    productId: old.productId,
    name: old.name,
    description: old.description,
    accessSchedule: {
      creditTypeId: old.accessSchedule.creditTypeId,
      segments: [
        {
          id: target.segmentId,
          amount,
          startingAt: transitionAt,
          endingBefore: target.accessEndingBefore,
        },
      ],
    },
    priority: old.priority,
    applicableProductIds: old.applicableProductIds,
    applicableProductTags: old.applicableProductTags,
    specifiers: old.specifiers,
    rolloverFraction: old.rolloverFraction,
    rateType: old.rateType,
    rolledOverFrom: { contractId: old.contractId, id: old.id },
    archivedAt: null,
    customFields: old.customFields,
    // The OpenAPI document: a rollover commit is created "when the new contract started".
    createdAt: transitionAt,
  }
  const rolledOver: CommitOrCredit =
    old.kind === 'CREDIT'
      ? ({ ...common, kind: 'CREDIT' } satisfies Credit)
      : ({
          ...common,
          kind: 'COMMIT',
          type: old.type,
          // A prepaid balance was paid for on the old contract; a postpaid one is still owed,
          // so its true-up moves to the end of the new access.
          invoiceSchedule:
            old.type === 'PREPAID' || old.invoiceSchedule === null
              ? null
              : {
                  creditTypeId: old.invoiceSchedule.creditTypeId,
                  items: [
                    {
                      id: target.invoiceItemId,
                      timestamp: target.accessEndingBefore,
                      amount,
                      unitPrice: amount,
                      quantity: new Dec(1),
                    },
                  ],
                  doNotInvoice: old.invoiceSchedule.doNotInvoice,
                },
        } satisfies Commit)
  const entry: RolloverEntry = {
    type: `${ledgerFlavour(old)}_ROLLOVER`,
    timestamp: transitionAt,
    amount: amount.negated(),
    segmentId: segment.id,
    newContractId: target.contractId,
  }
  return { rolledOver, entry }
}

// ---------------------------------------------------------------------------------------------
// Validation of a manual adjustment.

/**
 * Checks an addManualBalanceLedgerEntry request against the balance it names. A negative
 * amount beyond what remains is allowed (§5: the balance then counts as 0).
 */
export function checkManualEntry(
  balance: CommitOrCredit,
  entry: ManualAdjustmentInput,
  root = 'body',
): readonly Problem[] {
  const problems: Problem[] = []
  if (balance.archivedAt !== null) {
    problems.push({ field: `${root}.id`, message: 'names an archived commit or credit' })
  }
  const segment = balance.accessSchedule.segments.find((each) => each.id === entry.segmentId)
  if (!segment) {
    problems.push({
      field: `${root}.segment_id`,
      message: `is not a segment of the access schedule of ${balance.id}`,
    })
  } else if (
    entry.timestamp !== null &&
    (time(entry.timestamp) < time(segment.startingAt) ||
      time(entry.timestamp) >= time(segment.endingBefore))
  ) {
    problems.push({
      field: `${root}.timestamp`,
      message: `must be within the segment's access [${segment.startingAt.toISOString()}, ${segment.endingBefore.toISOString()})`,
    })
  }
  if (entry.perGroupAmounts) {
    const total = sum(Object.values(entry.perGroupAmounts))
    if (!total.equals(entry.amount)) {
      problems.push({
        field: `${root}.per_group_amounts`,
        message: `must sum to amount (${entry.amount.toString()}), not ${total.toString()}`,
      })
    }
  }
  return problems
}
