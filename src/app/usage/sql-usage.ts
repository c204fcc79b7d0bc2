/**
 * Usage rows for a SQL billable metric, in the same shape the streaming aggregation returns:
 * the query runs once per customer and window (scoped by the store), and its rows are summed
 * into one quantity — per group when grouping by some of its extra columns (semantics §2.6).
 */
import type { SqlMetricQuery } from '../../domain/usage/sql-metric.js'
import type { UsageWindow } from '../../domain/usage/aggregate.js'
import { Dec } from '../../domain/money/decimal.js'
import type { AppDeps } from '../deps.js'
import type { UsageRow } from '../ports.js'

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

export async function sqlUsageRows(
  deps: AppDeps,
  input: {
    clientId: string
    query: SqlMetricQuery
    customers: readonly { customerId: string; refs: readonly string[] }[]
    windows: readonly UsageWindow[]
    groupKeys: readonly string[] | null
  },
): Promise<UsageRow[]> {
  const groupIndexes = (input.groupKeys ?? []).map((key) => input.query.columnNames.indexOf(key))
  const rows: UsageRow[] = []
  for (const customer of input.customers) {
    for (const window of input.windows) {
      const results = await deps.store.runSqlMetric(input.query, {
        clientId: input.clientId,
        refs: customer.refs,
        startingAt: window.startingAt,
        endingBefore: window.endingBefore,
      })
      if (results.length === 0) continue
      const byGroup = new Map<string, { group: (string | null)[]; total: Dec }>()
      let total = new Dec(0)
      for (const result of results) {
        const text = result[input.query.valueIndex] ?? null
        const value = text !== null && NUMBER.test(text) ? new Dec(text) : new Dec(0)
        total = total.plus(value)
        if (input.groupKeys === null) continue
        const group = groupIndexes.map((index) => result[index] ?? null)
        const key = JSON.stringify(group)
        const entry = byGroup.get(key) ?? { group, total: new Dec(0) }
        byGroup.set(key, { group, total: entry.total.plus(value) })
      }
      const base = { customerId: customer.customerId, bucketStart: window.startingAt }
      rows.push({ ...base, group: null, isTotal: true, value: total.toString() })
      for (const { group, total: groupTotal } of byGroup.values()) {
        rows.push({ ...base, group, isTotal: false, value: groupTotal.toString() })
      }
    }
  }
  return rows
}

/** The group keys a SQL metric offers: its columns other than the quantity. */
export function sqlGroupKeys(query: SqlMetricQuery): string[] {
  return query.columnNames.filter((_, index) => index !== query.valueIndex)
}
