/**
 * POST /v1/usage/groups — `v1.usage.listWithGroups`. `group_key` (simple or full compound) or
 * the deprecated single-key `group_by`; `current_period` needs a contract, which a customer
 * cannot have yet, so it is refused. Pages of `limit` rows (default and maximum 100) continue
 * by row offset.
 */
import { queryGroupedUsage } from '../../../app/usage/query-grouped-usage.js'
import { domainError } from '../../../domain/errors.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { SEQUENCE_KEY, decodeCursor, encodeCursor } from '../../pagination.js'
import { toApiNumber } from './convert.js'

export default defineOperation('getPagedUsage-v1', async ({ body, query, caller }, { app }) => {
  if (body.current_period) {
    return err(
      domainError(
        'invalid_argument',
        'body.current_period: the customer has no contract, so no current billing period',
      ),
    )
  }
  if (!body.starting_on || !body.ending_before) {
    return err(
      domainError(
        'invalid_argument',
        'body.starting_on and body.ending_before are required unless current_period is true',
      ),
    )
  }
  if (body.group_key && body.group_by) {
    return err(
      domainError('invalid_argument', 'body.group_by cannot be used together with group_key'),
    )
  }
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const offset = Number(cursor.value?.position.key ?? '0')
  const limit = query.limit ?? 100
  const groupKeys = body.group_key ?? (body.group_by ? [body.group_by.key] : null)
  const groupFilters =
    body.group_filters ??
    (body.group_by?.values ? { [body.group_by.key]: body.group_by.values } : {})
  const startingAt = new Date(body.starting_on)
  const result = await queryGroupedUsage(app, {
    clientId: caller.clientId,
    customerId: body.customer_id,
    metricId: body.billable_metric_id,
    startingAt,
    endingBefore: new Date(body.ending_before),
    windowSize: body.window_size,
    groupKeys,
    groupFilters,
  })
  if (!result.ok) return result
  const rows = result.value.rows.slice(offset, offset + limit)
  const single = groupKeys?.length === 1 ? groupKeys[0]! : null
  return ok({
    data: rows.map((row) => ({
      starting_on: row.window.startingAt.toISOString(),
      ending_before: row.window.endingBefore.toISOString(),
      group_key: single,
      group_value: single === null ? null : (row.group?.get(single) ?? null),
      // The spec types group values as strings: a key the events lack is left out of `group`.
      ...(row.group ? { group: presentValues(row.group) } : {}),
      value: toApiNumber(row.value),
    })),
    next_page:
      result.value.rows.length > offset + limit
        ? encodeCursor({ position: { timestamp: startingAt, key: String(offset + limit) } })
        : null,
  })
})

function presentValues(group: ReadonlyMap<string, string | null>): Record<string, string> {
  const present: Record<string, string> = {}
  for (const [key, value] of group) if (value !== null) present[key] = value
  return present
}
