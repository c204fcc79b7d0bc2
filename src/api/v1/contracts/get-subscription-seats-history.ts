/**
 * POST /v1/contracts/getSubscriptionSeatsHistory — `v1.contracts.getSubscriptionSeatsHistory`,
 * paged by `limit` (1–10, default 10) and `cursor` in the body.
 */
import { getSubscriptionSeatsHistory } from '../../../app/contracts/get-subscription-seats-history.js'
import { domainError } from '../../../domain/errors.js'
import { err } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { offsetPage } from '../../pagination.js'

const date = (value: string | null | undefined) => (value ? new Date(value) : null)

export default defineOperation(
  'getSubscriptionSeatsHistory-v1',
  async ({ body, caller }, { app }) => {
    const limit = body.limit ?? 10
    // The spec states the range in prose ("Required range: 1 <= x <= 10"), not in the schema.
    if (limit < 1 || limit > 10) {
      return err(domainError('invalid_argument', 'body.limit must be between 1 and 10'))
    }
    const found = await getSubscriptionSeatsHistory(app, {
      clientId: caller.clientId,
      customerId: body.customer_id,
      contractId: body.contract_id,
      subscriptionId: body.subscription_id,
      range: {
        coveringDate: date(body.covering_date),
        startingAt: date(body.starting_at),
        endingBefore: date(body.ending_before),
      },
    })
    if (!found.ok) return found
    return offsetPage(found.value, body.cursor ?? undefined, limit, (segment) => ({
      starting_at: segment.startingAt.toISOString(),
      ending_before: segment.endingBefore?.toISOString() ?? null,
      total_quantity: segment.totalQuantity,
      assigned_seat_ids: [...segment.assignedSeatIds],
    }))
  },
)
