/**
 * Paged grouped usage for one customer and metric (`POST /v1/usage/groups`): one row per
 * window and group, for a simple or a full compound group key of the metric, optionally
 * restricted by group filters. Windows without usage have no rows.
 */
import { domainError, type DomainError } from '../../domain/errors.js'
import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { customerRefs } from '../../domain/customers/customer.js'
import { decimal, type Dec } from '../../domain/money/decimal.js'
import {
  usageWindows,
  windowIndexAt,
  type UsageWindow,
  type WindowSize,
} from '../../domain/usage/aggregate.js'
import { groupKeyMatches } from '../../domain/usage/billable-metric.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { customerNotFound } from '../customers/update-customer.js'
import { metricNotFound } from '../billable-metrics/update-billable-metric.js'
import { sqlGroupKeys, sqlUsageRows } from './sql-usage.js'

export interface QueryGroupedUsageInput {
  readonly clientId: string
  readonly customerId: string
  readonly metricId: string
  readonly startingAt: Date
  readonly endingBefore: Date
  readonly windowSize: WindowSize
  /** null: no grouping (one row per window). */
  readonly groupKeys: readonly string[] | null
  /** Per key, the values to keep; a missing key or an empty list keeps all. */
  readonly groupFilters: Readonly<Record<string, readonly string[]>>
}

export interface GroupedUsageRow {
  readonly window: UsageWindow
  /** Key → value (null where the events lack the key); null without grouping. */
  readonly group: ReadonlyMap<string, string | null> | null
  readonly value: Dec | null
}

export async function queryGroupedUsage(
  deps: AppDeps,
  input: QueryGroupedUsageInput,
): Promise<Result<{ metric: BillableMetric; rows: GroupedUsageRow[] }, DomainError>> {
  if (input.startingAt.getTime() >= input.endingBefore.getTime()) {
    return err(domainError('invalid_argument', 'body.ending_before must be after starting_on'))
  }
  const customer = await deps.store.findCustomer(input.clientId, input.customerId)
  if (!customer) return err(customerNotFound(input.customerId))
  const metric = await deps.store.findMetric(input.clientId, input.metricId)
  if (!metric) return err(metricNotFound(input.metricId))
  const keys = input.groupKeys
  const matches = metric.definition
    ? (wanted: readonly string[]) => groupKeyMatches(metric.definition!, wanted)
    : (wanted: readonly string[]) =>
        wanted.every((key) => sqlGroupKeys(metric.sqlQuery!).includes(key))
  if (keys && !matches(keys)) {
    const wanted = keys.join(', ')
    return err(
      domainError(
        'invalid_argument',
        `body.group_key: [${wanted}] is not a group key of the metric`,
      ),
    )
  }
  const unknownFilter = Object.keys(input.groupFilters).find((key) => !keys?.includes(key))
  if (unknownFilter !== undefined) {
    return err(
      domainError(
        'invalid_argument',
        `body.group_filters.${unknownFilter}: the key is not in group_key`,
      ),
    )
  }
  const windows = usageWindows(input, input.windowSize)
  const customers = [{ customerId: customer.id, refs: customerRefs(customer) }]
  const stored = metric.definition
    ? await deps.store.aggregateUsage({
        clientId: input.clientId,
        customers,
        metricId: metric.id,
        definition: metric.definition,
        startingAt: input.startingAt,
        endingBefore: input.endingBefore,
        windowSize: input.windowSize,
        groupKeys: keys,
      })
    : await sqlUsageRows(deps, {
        clientId: input.clientId,
        query: metric.sqlQuery!,
        customers,
        windows,
        groupKeys: keys,
      })
  const rows: GroupedUsageRow[] = []
  for (const row of stored) {
    if (keys !== null && row.isTotal) continue
    const window = windows[windowIndexAt(windows, row.bucketStart)]
    if (!window) continue
    const group =
      keys === null ? null : new Map(keys.map((key, index) => [key, row.group?.[index] ?? null]))
    if (group && !passesFilters(group, input.groupFilters)) continue
    rows.push({ window, group, value: row.value === null ? null : decimal(row.value) })
  }
  rows.sort(compareRows)
  return ok({ metric, rows })
}

function passesFilters(
  group: ReadonlyMap<string, string | null>,
  filters: QueryGroupedUsageInput['groupFilters'],
) {
  return Object.entries(filters).every(([key, values]) => {
    if (values.length === 0) return true
    const value = group.get(key) ?? null
    return value !== null && values.includes(value)
  })
}

function compareRows(a: GroupedUsageRow, b: GroupedUsageRow): number {
  const byWindow = a.window.startingAt.getTime() - b.window.startingAt.getTime()
  if (byWindow !== 0) return byWindow
  const textA = JSON.stringify([...(a.group?.values() ?? [])])
  const textB = JSON.stringify([...(b.group?.values() ?? [])])
  return textA < textB ? -1 : textA > textB ? 1 : 0
}
