/**
 * POST /v1/usage — `v1.usage.list`. Rows are ordered by metric, customer, window; a page holds
 * up to 1,000 rows and `next_page` continues by row offset (usage is computed, not stored, so
 * an offset into the same query is stable).
 */
import { queryUsage } from '../../../app/usage/query-usage.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { SEQUENCE_KEY, decodeCursor, encodeCursor } from '../../pagination.js'
import { toApiNumber } from './convert.js'

const PAGE_ROWS = 1000

export default defineOperation('getUsageBatch-v1', async ({ body, query, caller }, { app }) => {
  const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
  if (!cursor.ok) return err(cursor.error)
  const offset = Number(cursor.value?.position.key ?? '0')
  const startingAt = new Date(body.starting_on)
  const result = await queryUsage(app, {
    clientId: caller.clientId,
    customerIds: body.customer_ids ?? null,
    metrics:
      body.billable_metrics?.map((selection) => ({
        metricId: selection.id,
        groupBy: selection.group_by
          ? { key: selection.group_by.key, values: selection.group_by.values ?? null }
          : null,
      })) ?? null,
    startingAt,
    endingBefore: new Date(body.ending_before),
    windowSize: body.window_size,
  })
  if (!result.ok) return result
  const rows = result.value.slice(offset, offset + PAGE_ROWS)
  const nextOffset = offset + PAGE_ROWS
  return ok({
    data: rows.map((row) => ({
      customer_id: row.customerId,
      billable_metric_id: row.metric.id,
      billable_metric_name: row.metric.name,
      start_timestamp: row.window.startingAt.toISOString(),
      end_timestamp: row.window.endingBefore.toISOString(),
      value: toApiNumber(row.value),
      ...(row.groups
        ? {
            groups: Object.fromEntries(
              [...row.groups].map(([group, value]) => [group, toApiNumber(value)]),
            ),
          }
        : {}),
    })),
    next_page:
      result.value.length > nextOffset
        ? encodeCursor({ position: { timestamp: startingAt, key: String(nextOffset) } })
        : null,
  })
})
