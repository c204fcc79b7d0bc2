/**
 * Stored forms of subscription schedules (v2 `update_subscriptions`): the quantity and seat
 * changes kept on a subscription, and the updates a recorded edit made. Both stores keep them
 * inside their JSON documents; a missing list reads as no changes, so subscriptions and edits
 * stored before schedules existed still read as "only the initial quantity".
 */
import type {
  QuantityChange,
  SeatChange,
  SubscriptionUpdate,
} from '../domain/contracts/subscription-schedule.js'
import type { ProrationRounding } from '../domain/contracts/recurring.js'
import { decimal } from '../domain/money/decimal.js'

type Json = Record<string, unknown>

const list = (value: unknown) => (Array.isArray(value) ? (value as Json[]) : [])

export function quantityChangeToJson(change: QuantityChange): Json {
  return 'quantity' in change
    ? { starting_at: change.startingAt.toISOString(), quantity: change.quantity.toString() }
    : {
        starting_at: change.startingAt.toISOString(),
        quantity_delta: change.quantityDelta.toString(),
      }
}

export function quantityChangeFromJson(stored: Json): QuantityChange {
  const startingAt = new Date(stored['starting_at'] as string)
  return stored['quantity'] !== undefined
    ? { startingAt, quantity: decimal(stored['quantity'] as string) }
    : { startingAt, quantityDelta: decimal(stored['quantity_delta'] as string) }
}

export function seatChangeToJson(change: SeatChange): Json {
  const startingAt = change.startingAt.toISOString()
  return 'seatIds' in change
    ? { kind: change.kind, starting_at: startingAt, seat_ids: change.seatIds }
    : { kind: change.kind, starting_at: startingAt, quantity: change.quantity }
}

export function seatChangeFromJson(stored: Json): SeatChange {
  const startingAt = new Date(stored['starting_at'] as string)
  const kind = stored['kind'] as SeatChange['kind']
  return kind === 'addSeatIds' || kind === 'removeSeatIds'
    ? { kind, startingAt, seatIds: stored['seat_ids'] as string[] }
    : { kind, startingAt, quantity: stored['quantity'] as number }
}

/** The schedule fields of a stored subscription; absent when it has no changes. */
export function subscriptionChangesToJson(subscription: {
  readonly quantityChanges?: readonly QuantityChange[]
  readonly seatChanges?: readonly SeatChange[]
}): Json {
  return {
    ...(subscription.quantityChanges?.length
      ? { quantity_changes: subscription.quantityChanges.map(quantityChangeToJson) }
      : {}),
    ...(subscription.seatChanges?.length
      ? { seat_changes: subscription.seatChanges.map(seatChangeToJson) }
      : {}),
  }
}

export function subscriptionChangesFromJson(stored: Json): {
  quantityChanges?: QuantityChange[]
  seatChanges?: SeatChange[]
} {
  const quantity = list(stored['quantity_changes'])
  const seats = list(stored['seat_changes'])
  return {
    ...(quantity.length ? { quantityChanges: quantity.map(quantityChangeFromJson) } : {}),
    ...(seats.length ? { seatChanges: seats.map(seatChangeFromJson) } : {}),
  }
}

/**
 * An absent `ending_before` (or null, as edits stored before removal existed wrote "unchanged")
 * leaves the end alone; `ending_removed: true` with a null end records a removed end.
 */
export function subscriptionUpdateToJson(update: SubscriptionUpdate): Json {
  const rounding = update.prorationRounding
  return {
    id: update.id,
    ending_before: update.endingBefore?.toISOString() ?? null,
    ...(update.endingBefore === null ? { ending_removed: true } : {}),
    ...(update.seatBasedUpdate
      ? { seat_based_update: { seat_group_key: update.seatBasedUpdate.seatGroupKey } }
      : {}),
    quantity_changes: update.quantityChanges.map(quantityChangeToJson),
    seat_changes: update.seatChanges.map(seatChangeToJson),
    ...(rounding === undefined
      ? {}
      : {
          proration_rounding: rounding && {
            decimal_places: rounding.decimalPlaces,
            rounding_method: rounding.roundingMethod,
          },
        }),
  }
}

export function subscriptionUpdateFromJson(stored: Json): SubscriptionUpdate {
  const end = stored['ending_before'] as string | null | undefined
  const seatBased = stored['seat_based_update'] as Json | undefined
  const rounding = stored['proration_rounding'] as Json | null | undefined
  return {
    id: stored['id'] as string,
    ...(end ? { endingBefore: new Date(end) } : {}),
    ...(!end && stored['ending_removed'] === true ? { endingBefore: null } : {}),
    ...(seatBased
      ? { seatBasedUpdate: { seatGroupKey: seatBased['seat_group_key'] as string } }
      : {}),
    quantityChanges: list(stored['quantity_changes']).map(quantityChangeFromJson),
    seatChanges: list(stored['seat_changes']).map(seatChangeFromJson),
    ...(rounding === undefined
      ? {}
      : {
          prorationRounding: rounding && {
            decimalPlaces: rounding['decimal_places'] as number,
            roundingMethod: rounding['rounding_method'] as ProrationRounding['roundingMethod'],
          },
        }),
  }
}

/** The `subscription_updates` of a stored v2 edit; absent when it made none. */
export function subscriptionUpdatesToJson(updates: readonly SubscriptionUpdate[] | undefined) {
  return updates?.length ? { subscription_updates: updates.map(subscriptionUpdateToJson) } : {}
}

export function subscriptionUpdatesFromJson(stored: Json): {
  subscriptionUpdates?: SubscriptionUpdate[]
} {
  const updates = list(stored['subscription_updates'])
  return updates.length ? { subscriptionUpdates: updates.map(subscriptionUpdateFromJson) } : {}
}
