/**
 * v2 edit `update_subscriptions` on the wire: `UpdateSubscriptionInput` into the domain's
 * `SubscriptionUpdateInput`, and a recorded `SubscriptionUpdate` out as getEditHistory's
 * `SubscriptionsUpdate`.
 */
import type {
  SeatChange,
  SubscriptionUpdate,
  SubscriptionUpdateInput,
} from '../../../domain/contracts/subscription-schedule.js'
import { fromNumber } from '../../wire.js'
import { fromApiRounding } from '../../v1/contracts/convert.js'
import type { Problem } from '../../../domain/problem.js'
import type {
  SubscriptionSeatUpdateInput,
  SubscriptionsUpdate,
  UpdateSubscriptionInput,
} from '../../generated/index.js'

export function fromApiSubscriptionUpdates(
  updates: readonly UpdateSubscriptionInput[] | undefined,
): {
  readonly updates: SubscriptionUpdateInput[]
  readonly problems: Problem[]
} {
  const problems: Problem[] = []
  const converted = (updates ?? []).map((update): SubscriptionUpdateInput => {
    const seats = update.seat_updates
    const assigned = (items: SubscriptionSeatUpdateInput['add_seat_ids']) =>
      items?.map((item) => ({ seatIds: item.seat_ids, startingAt: new Date(item.starting_at) }))
    const unassigned = (items: SubscriptionSeatUpdateInput['add_unassigned_seats']) =>
      items?.map((item) => ({ quantity: item.quantity, startingAt: new Date(item.starting_at) }))
    return {
      id: update.subscription_id,
      ...(update.ending_before === undefined
        ? {}
        : { endingBefore: update.ending_before === null ? null : new Date(update.ending_before) }),
      ...(update.quantity_management_mode_update
        ? {
            seatBasedUpdate: {
              seatGroupKey: update.quantity_management_mode_update.seat_config.seat_group_key,
            },
          }
        : {}),
      ...(update.proration_rounding === undefined
        ? {}
        : { prorationRounding: fromApiRounding(update.proration_rounding) }),
      quantityUpdates: (update.quantity_updates ?? []).map((item) => ({
        startingAt: new Date(item.starting_at),
        ...(item.quantity === undefined ? {} : { quantity: fromNumber(item.quantity) }),
        ...(item.quantity_delta === undefined
          ? {}
          : { quantityDelta: fromNumber(item.quantity_delta) }),
      })),
      ...(seats
        ? {
            seatUpdates: {
              ...optional('addSeatIds', assigned(seats.add_seat_ids)),
              ...optional('removeSeatIds', assigned(seats.remove_seat_ids)),
              ...optional('addUnassignedSeats', unassigned(seats.add_unassigned_seats)),
              ...optional('removeUnassignedSeats', unassigned(seats.remove_unassigned_seats)),
            },
          }
        : {}),
    }
  })
  return { updates: converted, problems }
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

const SEAT_LISTS = {
  addSeatIds: 'add_seat_ids',
  removeSeatIds: 'remove_seat_ids',
  addUnassignedSeats: 'add_unassigned_seats',
  removeUnassignedSeats: 'remove_unassigned_seats',
} as const satisfies Record<SeatChange['kind'], keyof SubscriptionSeatUpdateInput>

/**
 * A recorded update as getEditHistory's `update_subscriptions[]` item. The mode switch and the
 * rounding are shown under their request names (`SubscriptionsUpdate` lists neither, and allows
 * more properties). A removed end on an open-ended contract is not shown: the schema's
 * `ending_before` is a non-null date-time, and there is no end to name (decision 0015, rule 4).
 */
export function toApiSubscriptionsUpdate(update: SubscriptionUpdate): SubscriptionsUpdate {
  const seatUpdates: Record<string, unknown[]> = {}
  for (const change of update.seatChanges) {
    const starting_at = change.startingAt.toISOString()
    const item =
      'seatIds' in change
        ? { seat_ids: [...change.seatIds], starting_at }
        : { quantity: change.quantity, starting_at }
    ;(seatUpdates[SEAT_LISTS[change.kind]] ??= []).push(item)
  }
  const rounding = update.prorationRounding
  return {
    id: update.id,
    ...(update.endingBefore === undefined || update.endingBefore === null
      ? {}
      : { ending_before: update.endingBefore.toISOString() }),
    ...(update.seatBasedUpdate
      ? {
          quantity_management_mode_update: {
            quantity_management_mode: 'SEAT_BASED',
            seat_config: { seat_group_key: update.seatBasedUpdate.seatGroupKey },
          },
        }
      : {}),
    ...(update.quantityChanges.length > 0
      ? {
          quantity_updates: update.quantityChanges.map((change) => ({
            starting_at: change.startingAt.toISOString(),
            ...('quantity' in change
              ? { quantity: Number(change.quantity.toString()) }
              : { quantity_delta: Number(change.quantityDelta.toString()) }),
          })),
        }
      : {}),
    ...(update.seatChanges.length > 0 ? { seat_updates: seatUpdates } : {}),
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
