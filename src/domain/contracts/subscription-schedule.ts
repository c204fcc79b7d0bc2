/**
 * A subscription's quantity and seat schedules (semantics §4.13): the initial quantity or seats
 * plus the dated changes v2 `update_subscriptions` made, kept in submission order.
 *
 * A schedule is read by folding its changes in `starting_at` order, changes on the same
 * `starting_at` in the order they were sent ("set 12 then delta −1 ⇒ 11", WE-27). Keeping the
 * changes rather than resolved quantities is what makes a later edit behave like the spec: a
 * delta adds to whatever quantity is in force on its date, a set replaces it until the next
 * change, and applying a batch equals applying its updates one by one.
 *
 * The schedule records when quantities change; billing reads it per period (increases prorated,
 * decreases from the next period) and is not decided here.
 *
 * An update can also switch a QUANTITY_ONLY subscription to SEAT_BASED, set or clear its
 * proration rounding, and move or remove its end (docs/decisions/0015). The switch is for the
 * subscription as a whole: its quantity schedule becomes an unassigned-seat schedule with the
 * same totals at every instant, so what it bills does not change.
 */
import { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { ProrationRounding } from './recurring.js'

// ---------------------------------------------------------------------------------------------
// Types.

/** `quantity` sets the quantity from `startingAt`; `quantityDelta` adds to the one in force. */
export type QuantityChange =
  | { readonly startingAt: Date; readonly quantity: Dec }
  | { readonly startingAt: Date; readonly quantityDelta: Dec }

export type SeatChange =
  | {
      readonly kind: 'addSeatIds' | 'removeSeatIds'
      readonly startingAt: Date
      readonly seatIds: readonly string[]
    }
  | {
      readonly kind: 'addUnassignedSeats' | 'removeUnassignedSeats'
      readonly startingAt: Date
      readonly quantity: number
    }

export interface QuantitySchedule {
  readonly startingAt: Date
  /** null: open-ended. */
  readonly endingBefore: Date | null
  readonly initialQuantity: Dec
  /** In submission order. */
  readonly changes: readonly QuantityChange[]
}

export interface Seats {
  readonly assignedSeatIds: readonly string[]
  readonly unassignedSeats: number
}

export interface SeatSchedule {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly initialSeats: Seats
  /** In submission order. */
  readonly changes: readonly SeatChange[]
}

/** One stretch of constant quantity; `endingBefore` null: until the schedule ends (open). */
export interface QuantitySegment {
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly quantity: Dec
}

export interface SeatSegment extends Seats {
  readonly startingAt: Date
  readonly endingBefore: Date | null
}

/** A v2 `update_subscriptions` item as the domain reads it (wire fields, camelCase). */
export interface SubscriptionUpdateInput {
  readonly id: string
  /** null: remove the end (the subscription runs to the contract's end). */
  readonly endingBefore?: Date | null
  readonly quantityUpdates: readonly QuantityUpdateInput[]
  readonly seatUpdates?: SeatUpdatesInput
  /** `quantity_management_mode_update`: QUANTITY_ONLY → SEAT_BASED. */
  readonly seatBasedUpdate?: { readonly seatGroupKey: string }
  /** null: clear the rounding. */
  readonly prorationRounding?: ProrationRounding | null
}

export interface QuantityUpdateInput {
  readonly startingAt: Date
  readonly quantity?: Dec
  readonly quantityDelta?: Dec
}

export interface SeatUpdatesInput {
  readonly addSeatIds?: readonly AssignedSeatsInput[]
  readonly removeSeatIds?: readonly AssignedSeatsInput[]
  readonly addUnassignedSeats?: readonly UnassignedSeatsInput[]
  readonly removeUnassignedSeats?: readonly UnassignedSeatsInput[]
}

export interface AssignedSeatsInput {
  readonly seatIds: readonly string[]
  readonly startingAt: Date
}

export interface UnassignedSeatsInput {
  readonly quantity: number
  readonly startingAt: Date
}

/** What one `update_subscriptions` item decided, as recorded in the edit. */
export interface SubscriptionUpdate {
  readonly id: string
  /**
   * The new end; null: none (an `ending_before: null` on an open-ended contract). An
   * `ending_before: null` on a contract with an end is recorded as that end.
   */
  readonly endingBefore?: Date | null
  /** Switched to SEAT_BASED with this seat group key (applied before the changes below). */
  readonly seatBasedUpdate?: { readonly seatGroupKey: string }
  readonly quantityChanges: readonly QuantityChange[]
  readonly seatChanges: readonly SeatChange[]
  /** The new proration rounding; null: cleared. */
  readonly prorationRounding?: ProrationRounding | null
}

/** The subscription fields this module reads and writes (a `ContractSubscription` has them). */
export interface ScheduledSubscription {
  readonly id: string
  readonly startingAt: Date
  readonly endingBefore: Date | null
  readonly initialQuantity: Dec
  readonly quantityManagementMode: 'SEAT_BASED' | 'QUANTITY_ONLY'
  readonly seatConfig: {
    readonly seatGroupKey?: string
    readonly initialSeatIds: readonly string[]
    readonly initialUnassignedSeats: number
  } | null
  /** Read for `proration_rounding` updates (a `ContractSubscription` has more fields). */
  readonly proration?: { readonly rounding: ProrationRounding | null }
  /** Absent: no changes (subscriptions stored before schedules existed). */
  readonly quantityChanges?: readonly QuantityChange[]
  readonly seatChanges?: readonly SeatChange[]
}

// ---------------------------------------------------------------------------------------------
// Reading.

const time = (date: Date) => date.getTime()

/** Stable: changes on the same instant stay in submission order. */
function inDateOrder<C extends { readonly startingAt: Date }>(changes: readonly C[]): C[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => time(a.change.startingAt) - time(b.change.startingAt) || a.index - b.index)
    .map(({ change }) => change)
}

function applyQuantityChange(quantity: Dec, change: QuantityChange): Dec {
  return 'quantity' in change ? change.quantity : quantity.plus(change.quantityDelta)
}

function applySeatChange(seats: Seats, change: SeatChange): Seats {
  switch (change.kind) {
    case 'addSeatIds': {
      // New seat ids fill unassigned seats first; only the rest raise the total (spec).
      const fresh = [...new Set(change.seatIds)].filter((id) => !seats.assignedSeatIds.includes(id))
      return {
        assignedSeatIds: [...seats.assignedSeatIds, ...fresh],
        unassignedSeats: Math.max(0, seats.unassignedSeats - fresh.length),
      }
    }
    case 'removeSeatIds':
      // An id the subscription does not have is a no-op (spec).
      return {
        ...seats,
        assignedSeatIds: seats.assignedSeatIds.filter((id) => !change.seatIds.includes(id)),
      }
    case 'addUnassignedSeats':
      return { ...seats, unassignedSeats: seats.unassignedSeats + change.quantity }
    case 'removeUnassignedSeats':
      // Decreases the total only by the unassigned seats there are (spec).
      return { ...seats, unassignedSeats: Math.max(0, seats.unassignedSeats - change.quantity) }
  }
}

/**
 * The segments of a folded schedule: one per change date that changes something, in date order.
 * A change that leaves the state as it was (removing a seat that is not assigned, setting the
 * quantity it already has) starts no segment: the histories show when the quantity or the seats
 * changed, and an unchanged state has nothing to show.
 */
function segmentsOf<S, C extends { readonly startingAt: Date }>(
  start: Date,
  end: Date | null,
  initial: S,
  changes: readonly C[],
  apply: (state: S, change: C) => S,
  same: (a: S, b: S) => boolean,
): { startingAt: Date; endingBefore: Date | null; state: S }[] {
  const merged: { startingAt: Date; endingBefore: Date | null; state: S }[] = []
  for (const segment of changedSegmentsOf(start, end, initial, changes, apply)) {
    const last = merged[merged.length - 1]
    if (last && same(last.state, segment.state)) {
      merged[merged.length - 1] = { ...last, endingBefore: segment.endingBefore }
    } else merged.push(segment)
  }
  return merged
}

function changedSegmentsOf<S, C extends { readonly startingAt: Date }>(
  start: Date,
  end: Date | null,
  initial: S,
  changes: readonly C[],
  apply: (state: S, change: C) => S,
): { startingAt: Date; endingBefore: Date | null; state: S }[] {
  const segments: { startingAt: Date; endingBefore: Date | null; state: S }[] = [
    { startingAt: start, endingBefore: end, state: initial },
  ]
  // A change on or after the end (left by a later, shorter ending_before) changes nothing.
  const within = changes.filter((change) => end === null || time(change.startingAt) < time(end))
  for (const change of inDateOrder(within)) {
    const last = segments[segments.length - 1]!
    const state = apply(last.state, change)
    if (time(change.startingAt) === time(last.startingAt)) {
      segments[segments.length - 1] = { ...last, state }
    } else {
      segments[segments.length - 1] = { ...last, endingBefore: change.startingAt }
      segments.push({ startingAt: change.startingAt, endingBefore: end, state })
    }
  }
  return segments
}

export function quantitySegments(schedule: QuantitySchedule): QuantitySegment[] {
  return segmentsOf(
    schedule.startingAt,
    schedule.endingBefore,
    schedule.initialQuantity,
    schedule.changes,
    applyQuantityChange,
    (a, b) => a.equals(b),
  ).map(({ startingAt, endingBefore, state }) => ({ startingAt, endingBefore, quantity: state }))
}

export function seatSegments(schedule: SeatSchedule): SeatSegment[] {
  return segmentsOf(
    schedule.startingAt,
    schedule.endingBefore,
    schedule.initialSeats,
    schedule.changes,
    applySeatChange,
    sameSeats,
  ).map(({ startingAt, endingBefore, state }) => ({ startingAt, endingBefore, ...state }))
}

const covers = (segment: { startingAt: Date; endingBefore: Date | null }, at: Date) =>
  time(segment.startingAt) <= time(at) &&
  (segment.endingBefore === null || time(at) < time(segment.endingBefore))

/** The quantity in force at `at`; null outside the subscription. */
export function quantityAt(schedule: QuantitySchedule, at: Date): Dec | null {
  return quantitySegments(schedule).find((segment) => covers(segment, at))?.quantity ?? null
}

/** The seats in force at `at`; null outside the subscription. */
export function seatsAt(schedule: SeatSchedule, at: Date): Seats | null {
  const found = seatSegments(schedule).find((segment) => covers(segment, at))
  return found
    ? { assignedSeatIds: found.assignedSeatIds, unassignedSeats: found.unassignedSeats }
    : null
}

/** The same seats: the same assigned ids (in any order) and unassigned count. */
function sameSeats(a: Seats, b: Seats): boolean {
  if (a.unassignedSeats !== b.unassignedSeats) return false
  if (a.assignedSeatIds.length !== b.assignedSeatIds.length) return false
  const ids = new Set(a.assignedSeatIds)
  return b.assignedSeatIds.every((id) => ids.has(id))
}

export const seatTotal = (seats: Seats) => seats.assignedSeatIds.length + seats.unassignedSeats

export function quantityScheduleOf(subscription: ScheduledSubscription): QuantitySchedule {
  return {
    startingAt: subscription.startingAt,
    endingBefore: subscription.endingBefore,
    initialQuantity: subscription.initialQuantity,
    changes: subscription.quantityChanges ?? [],
  }
}

export function seatScheduleOf(subscription: ScheduledSubscription): SeatSchedule {
  const config = subscription.seatConfig
  return {
    startingAt: subscription.startingAt,
    endingBefore: subscription.endingBefore,
    initialSeats: {
      assignedSeatIds: config?.initialSeatIds ?? [],
      unassignedSeats: config?.initialUnassignedSeats ?? 0,
    },
    changes: subscription.seatChanges ?? [],
  }
}

/** The total quantity over time: seats for SEAT_BASED, the quantity schedule otherwise. */
export function totalQuantitySegments(subscription: ScheduledSubscription): QuantitySegment[] {
  if (subscription.quantityManagementMode === 'SEAT_BASED') {
    return seatSegments(seatScheduleOf(subscription)).map((segment) => ({
      startingAt: segment.startingAt,
      endingBefore: segment.endingBefore,
      quantity: new Dec(seatTotal(segment)),
    }))
  }
  return quantitySegments(quantityScheduleOf(subscription))
}

// ---------------------------------------------------------------------------------------------
// Checking and applying updates.

type Add = (field: string, message: string) => void

function checkStart(
  schedule: { readonly startingAt: Date; readonly endingBefore: Date | null },
  startingAt: Date,
  field: string,
  add: Add,
): void {
  if (Number.isNaN(time(startingAt))) return add(field, 'must be a date-time')
  if (time(startingAt) < time(schedule.startingAt)) {
    add(field, 'must not be before the subscription’s starting_at')
  } else if (schedule.endingBefore && time(startingAt) >= time(schedule.endingBefore)) {
    add(field, 'must be before the subscription’s ending_before')
  }
}

const isWhole = (value: Dec) => value.isInteger()

/**
 * Adds `updates` (in submission order) to the schedule. `root` is the wire path of the list
 * (`body.update_subscriptions[0].quantity_updates`). Each update is checked against the
 * schedule as the updates before it left it: exactly one of `quantity` / `quantity_delta`,
 * whole numbers, a delta other than 0, a date within the subscription, and no quantity below 0
 * anywhere in the resulting schedule. Problems name the field; the schedule returned holds only
 * the updates that passed.
 */
export function applyQuantityUpdates(
  schedule: QuantitySchedule,
  updates: readonly QuantityUpdateInput[],
  root = 'quantity_updates',
): { schedule: QuantitySchedule; problems: Problem[] } {
  const problems: Problem[] = []
  let current = schedule
  updates.forEach((update, index) => {
    const path = `${root}[${index}]`
    const before = problems.length
    const add: Add = (field, message) => problems.push({ field, message })
    checkStart(current, update.startingAt, `${path}.starting_at`, add)
    let change: QuantityChange | null = null
    if (update.quantity !== undefined && update.quantityDelta !== undefined) {
      add(path, 'give quantity or quantity_delta, not both')
    } else if (update.quantity !== undefined) {
      if (update.quantity.isNegative() || !isWhole(update.quantity)) {
        add(`${path}.quantity`, 'must be a whole number of at least 0')
      } else change = { startingAt: update.startingAt, quantity: update.quantity }
    } else if (update.quantityDelta !== undefined) {
      if (update.quantityDelta.isZero()) add(`${path}.quantity_delta`, 'must not be 0')
      else if (!isWhole(update.quantityDelta)) {
        add(`${path}.quantity_delta`, 'must be a whole number')
      } else change = { startingAt: update.startingAt, quantityDelta: update.quantityDelta }
    } else {
      add(path, 'needs quantity or quantity_delta')
    }
    if (change === null || problems.length > before) return
    const next = { ...current, changes: [...current.changes, change] }
    const negative = quantitySegments(next).find((segment) => segment.quantity.isNegative())
    if (negative) {
      const field = 'quantity' in change ? `${path}.quantity` : `${path}.quantity_delta`
      add(
        field,
        `would make the quantity negative (${negative.quantity.toString()} from ${negative.startingAt.toISOString()})`,
      )
      return
    }
    current = next
  })
  return { schedule: current, problems }
}

/** The seat updates as changes, in the order the spec lists the lists, each list in order. */
function seatUpdateEntries(
  updates: SeatUpdatesInput,
): { change: SeatChange; path: string; ids?: readonly string[] }[] {
  const assigned = (
    kind: 'addSeatIds' | 'removeSeatIds',
    list: string,
    items: readonly AssignedSeatsInput[] | undefined,
  ) =>
    (items ?? []).map((item, index) => ({
      change: { kind, startingAt: item.startingAt, seatIds: item.seatIds } as SeatChange,
      path: `${list}[${index}]`,
      ids: item.seatIds,
    }))
  const unassigned = (
    kind: 'addUnassignedSeats' | 'removeUnassignedSeats',
    list: string,
    items: readonly UnassignedSeatsInput[] | undefined,
  ) =>
    (items ?? []).map((item, index) => ({
      change: { kind, startingAt: item.startingAt, quantity: item.quantity } as SeatChange,
      path: `${list}[${index}]`,
    }))
  return [
    ...assigned('addSeatIds', 'add_seat_ids', updates.addSeatIds),
    ...assigned('removeSeatIds', 'remove_seat_ids', updates.removeSeatIds),
    ...unassigned('addUnassignedSeats', 'add_unassigned_seats', updates.addUnassignedSeats),
    ...unassigned(
      'removeUnassignedSeats',
      'remove_unassigned_seats',
      updates.removeUnassignedSeats,
    ),
  ]
}

/**
 * Adds seat updates to the schedule. `root` is the wire path of `seat_updates`. Seat ids must be
 * non-empty strings, unassigned quantities whole numbers of at least 1, dates within the
 * subscription. Removing an id the subscription lacks is a no-op, as the spec says.
 */
export function applySeatUpdates(
  schedule: SeatSchedule,
  updates: SeatUpdatesInput,
  root = 'seat_updates',
): { schedule: SeatSchedule; problems: Problem[] } {
  const problems: Problem[] = []
  const add: Add = (field, message) => problems.push({ field, message })
  const changes: SeatChange[] = []
  for (const entry of seatUpdateEntries(updates)) {
    const path = `${root}.${entry.path}`
    const before = problems.length
    checkStart(schedule, entry.change.startingAt, `${path}.starting_at`, add)
    if (entry.ids !== undefined) {
      if (entry.ids.length === 0) add(`${path}.seat_ids`, 'must name at least one seat')
      entry.ids.forEach((id, index) => {
        if (id.trim() === '') add(`${path}.seat_ids[${index}]`, 'must not be empty')
      })
    } else if ('quantity' in entry.change) {
      const quantity = entry.change.quantity
      if (!Number.isInteger(quantity) || quantity < 1) {
        add(`${path}.quantity`, 'must be a whole number of at least 1')
      }
    }
    if (problems.length === before) changes.push(entry.change)
  }
  return { schedule: { ...schedule, changes: [...schedule.changes, ...changes] }, problems }
}

/** Every problem with v2 `update_subscriptions` against the contract's subscriptions. */
export function checkSubscriptionUpdates(
  subscriptions: readonly ScheduledSubscription[],
  contractEndingBefore: Date | null,
  updates: readonly SubscriptionUpdateInput[],
): Problem[] {
  return decideSubscriptionUpdates(subscriptions, contractEndingBefore, updates).problems
}

/**
 * The recorded updates of a checked `update_subscriptions` list, and every problem with it
 * (paths `body.update_subscriptions[i]…`). A subscription may be named once per request. Within
 * one item the mode switch applies first, so seat updates sent with it are accepted and
 * quantity updates refused, as they are on any SEAT_BASED subscription.
 */
export function decideSubscriptionUpdates(
  subscriptions: readonly ScheduledSubscription[],
  contractEndingBefore: Date | null,
  updates: readonly SubscriptionUpdateInput[],
): { updates: SubscriptionUpdate[]; problems: Problem[] } {
  const problems: Problem[] = []
  const decided: SubscriptionUpdate[] = []
  const seen = new Set<string>()
  updates.forEach((update, index) => {
    const root = `body.update_subscriptions[${index}]`
    const add: Add = (field, message) => problems.push({ field: `${root}.${field}`, message })
    const subscription = subscriptions.find((each) => each.id === update.id)
    if (!subscription) {
      return add('subscription_id', `names no subscription of this contract (${update.id})`)
    }
    if (seen.has(update.id)) {
      add('subscription_id', `names the same subscription twice (${update.id})`)
    }
    seen.add(update.id)
    let endingBefore = subscription.endingBefore
    let decidedEnd: { endingBefore?: Date | null } = {}
    if (update.endingBefore === null) {
      // No end of its own: the subscription runs to the contract's end, as on create.
      endingBefore = contractEndingBefore
      decidedEnd = { endingBefore }
    } else if (update.endingBefore !== undefined) {
      if (time(update.endingBefore) <= time(subscription.startingAt)) {
        add('ending_before', 'must be after the subscription’s starting_at')
      } else if (
        contractEndingBefore !== null &&
        time(update.endingBefore) > time(contractEndingBefore)
      ) {
        add('ending_before', 'must not be after the contract’s ending_before')
      } else endingBefore = update.endingBefore
      decidedEnd = { endingBefore: update.endingBefore }
    }
    let seatBased = subscription.quantityManagementMode === 'SEAT_BASED'
    let bounded: ScheduledSubscription = { ...subscription, endingBefore }
    const switchTo = update.seatBasedUpdate
    if (switchTo !== undefined) {
      if (seatBased) {
        add('quantity_management_mode_update', 'the subscription is already SEAT_BASED')
      } else if (switchTo.seatGroupKey.trim() === '') {
        add('quantity_management_mode_update.seat_config.seat_group_key', 'must not be empty')
      } else {
        bounded = toSeatBased(bounded, switchTo.seatGroupKey)
        seatBased = true
      }
    }
    if (update.prorationRounding) {
      const places = update.prorationRounding.decimalPlaces
      if (!Number.isInteger(places) || places < -5 || places > 5) {
        add('proration_rounding.decimal_places', 'must be a whole number from -5 to 5')
      }
    }
    let quantityChanges: readonly QuantityChange[] = []
    let seatChanges: readonly SeatChange[] = []
    if (update.quantityUpdates.length > 0) {
      if (seatBased) {
        add('quantity_updates', 'is only for QUANTITY_ONLY subscriptions; use seat_updates')
      } else {
        const schedule = quantityScheduleOf(bounded)
        const applied = applyQuantityUpdates(
          schedule,
          update.quantityUpdates,
          `${root}.quantity_updates`,
        )
        problems.push(...applied.problems)
        quantityChanges = applied.schedule.changes.slice(schedule.changes.length)
      }
    }
    if (update.seatUpdates !== undefined) {
      if (!seatBased) {
        add('seat_updates', 'is only for SEAT_BASED subscriptions; use quantity_updates')
      } else {
        const schedule = seatScheduleOf(bounded)
        const applied = applySeatUpdates(schedule, update.seatUpdates, `${root}.seat_updates`)
        problems.push(...applied.problems)
        seatChanges = applied.schedule.changes.slice(schedule.changes.length)
      }
    }
    decided.push({
      id: update.id,
      ...decidedEnd,
      ...(switchTo === undefined
        ? {}
        : { seatBasedUpdate: { seatGroupKey: switchTo.seatGroupKey } }),
      quantityChanges,
      seatChanges,
      ...(update.prorationRounding === undefined
        ? {}
        : { prorationRounding: update.prorationRounding }),
    })
  })
  return { updates: problems.length === 0 ? decided : [], problems }
}

/**
 * The subscription switched to SEAT_BASED, for the whole of it: no assigned seats, its starting
 * quantity as unassigned seats, and each change of its quantity schedule as the unassigned
 * seats added or removed on that date. Totals are the same at every instant (the quantity
 * never goes below 0, so a removal never meets the floor), so billing does not change.
 */
export function toSeatBased<S extends ScheduledSubscription>(
  subscription: S,
  seatGroupKey: string,
): S {
  // Every change, even one past the current end: a later, longer end brings it back.
  const segments = quantitySegments({ ...quantityScheduleOf(subscription), endingBefore: null })
  const seatChanges: SeatChange[] = []
  segments.slice(1).forEach((segment, index) => {
    const change = segment.quantity.minus(segments[index]!.quantity)
    if (change.isZero()) return
    const quantity = change.abs().toNumber()
    seatChanges.push(
      change.isPositive()
        ? { kind: 'addUnassignedSeats', startingAt: segment.startingAt, quantity }
        : { kind: 'removeUnassignedSeats', startingAt: segment.startingAt, quantity },
    )
  })
  const switched = {
    ...subscription,
    quantityManagementMode: 'SEAT_BASED' as const,
    // A change on the start date replaces the initial quantity, so the first segment's counts.
    initialQuantity: segments[0]!.quantity,
    seatConfig: {
      seatGroupKey,
      initialSeatIds: [],
      initialUnassignedSeats: segments[0]!.quantity.toNumber(),
    },
    ...(seatChanges.length === 0 ? {} : { seatChanges }),
  }
  // The quantity changes now live in the seat changes (a fresh object: nothing shared changes).
  delete (switched as { quantityChanges?: unknown }).quantityChanges
  return switched
}

/** Replays one recorded update onto its subscription (the reducer `applyEdit` uses). */
export function applySubscriptionUpdate<S extends ScheduledSubscription>(
  subscription: S,
  update: SubscriptionUpdate,
): S {
  const switched = update.seatBasedUpdate
    ? toSeatBased(subscription, update.seatBasedUpdate.seatGroupKey)
    : subscription
  return {
    ...switched,
    ...(update.endingBefore === undefined ? {} : { endingBefore: update.endingBefore }),
    ...(update.quantityChanges.length === 0
      ? {}
      : { quantityChanges: [...(switched.quantityChanges ?? []), ...update.quantityChanges] }),
    ...(update.seatChanges.length === 0
      ? {}
      : { seatChanges: [...(switched.seatChanges ?? []), ...update.seatChanges] }),
    ...(update.prorationRounding === undefined || switched.proration === undefined
      ? {}
      : { proration: { ...switched.proration, rounding: update.prorationRounding } }),
  }
}
