/**
 * Usage for customers × billable metrics over a range, per window (`POST /v1/usage`). Loads the
 * customers and metrics, aggregates in the store, then lays the rows onto every window of the
 * range (a window without events still answers, with the aggregation's empty value).
 */
import { customerRefs, type Customer } from '../../domain/customers/customer.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { Dec, decimal } from '../../domain/money/decimal.js'
import {
  aggregateValue,
  usageWindows,
  windowIndexAt,
  type UsageWindow,
  type WindowSize,
} from '../../domain/usage/aggregate.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { listAll } from '../list-all.js'
import type { UsageRow } from '../ports.js'
import { sqlGroupKeys, sqlUsageRows } from './sql-usage.js'

export interface MetricSelection {
  readonly metricId: string
  readonly groupBy: { readonly key: string; readonly values: readonly string[] | null } | null
}

export interface QueryUsageInput {
  readonly clientId: string
  readonly customerIds: readonly string[] | null
  readonly metrics: readonly MetricSelection[] | null
  readonly startingAt: Date
  readonly endingBefore: Date
  readonly windowSize: WindowSize
}

export interface UsageResultRow {
  readonly customerId: string
  readonly metric: BillableMetric
  readonly window: UsageWindow
  readonly value: Dec | null
  /** Per group value, when the metric was asked for grouped. */
  readonly groups: ReadonlyMap<string, Dec | null> | null
}

export async function queryUsage(
  deps: AppDeps,
  input: QueryUsageInput,
): Promise<Result<UsageResultRow[], DomainError>> {
  if (input.startingAt.getTime() >= input.endingBefore.getTime()) {
    return err(domainError('invalid_argument', 'body.ending_before must be after starting_on'))
  }
  const customers = await loadCustomers(deps, input)
  if (!customers.ok) return customers
  const selections = await loadMetrics(deps, input)
  if (!selections.ok) return selections
  const windows = usageWindows(input, input.windowSize)
  const rows: UsageResultRow[] = []
  const scoped = customers.value.map((customer) => ({
    customerId: customer.id,
    refs: customerRefs(customer),
  }))
  for (const { metric, groupBy } of selections.value) {
    const groupKeys = groupBy ? [groupBy.key] : null
    const stored = metric.definition
      ? await deps.store.aggregateUsage({
          clientId: input.clientId,
          customers: scoped,
          metricId: metric.id,
          definition: metric.definition,
          startingAt: input.startingAt,
          endingBefore: input.endingBefore,
          windowSize: input.windowSize,
          groupKeys,
        })
      : await sqlUsageRows(deps, {
          clientId: input.clientId,
          query: metric.sqlQuery!,
          customers: scoped,
          windows,
          groupKeys,
        })
    const indexed = indexRows(stored, windows)
    for (const customer of customers.value) {
      rows.push(
        ...layOut(customer.id, metric, groupBy, windows, indexed.get(customer.id) ?? new Map()),
      )
    }
  }
  return ok(rows)
}

function layOut(
  customerId: string,
  metric: BillableMetric,
  groupBy: MetricSelection['groupBy'],
  windows: readonly UsageWindow[],
  rowsByWindow: ReadonlyMap<number, readonly UsageRow[]>,
): UsageResultRow[] {
  // The value over no events: the aggregation of nothing (a SQL metric sums rows, so 0).
  const empty = metric.definition
    ? aggregateValue(metric.definition.aggregationType, [], metric.definition.aggregationKey)
    : new Dec(0)
  return windows.map((window, index) => {
    const inWindow = rowsByWindow.get(index) ?? []
    const total = inWindow.find((row) => row.isTotal)
    let groups: Map<string, Dec | null> | null = null
    if (groupBy) {
      groups = new Map((groupBy.values ?? []).map((value) => [value, empty]))
      for (const row of inWindow) {
        const group = row.group?.[0] ?? null
        if (row.isTotal || group === null) continue
        if (groupBy.values && !groupBy.values.includes(group)) continue
        groups.set(group, row.value === null ? null : decimal(row.value))
      }
    }
    const value = total ? (total.value === null ? null : decimal(total.value)) : empty
    return { customerId, metric, window, value, groups }
  })
}

/** Stored rows by customer, then by window index: one pass instead of a scan per window. */
function indexRows(stored: readonly UsageRow[], windows: readonly UsageWindow[]) {
  const byCustomer = new Map<string, Map<number, UsageRow[]>>()
  for (const row of stored) {
    const index = windowIndexAt(windows, row.bucketStart)
    if (index < 0) continue
    const byWindow = byCustomer.get(row.customerId) ?? new Map<number, UsageRow[]>()
    byWindow.set(index, [...(byWindow.get(index) ?? []), row])
    byCustomer.set(row.customerId, byWindow)
  }
  return byCustomer
}

async function loadCustomers(
  deps: AppDeps,
  input: QueryUsageInput,
): Promise<Result<Customer[], DomainError>> {
  const customers = await listAll((after, limit) =>
    deps.store.listCustomers({
      clientId: input.clientId,
      limit,
      after,
      onlyArchived: false,
      customerIds: input.customerIds,
      ingestAlias: null,
      salesforceAccountIds: null,
    }),
  )
  if (input.customerIds) {
    const missing = input.customerIds.filter(
      (id) => !customers.some((customer) => customer.id === id),
    )
    if (missing.length > 0) {
      return err(
        domainError('invalid_argument', `body.customer_ids: unknown customer ${missing[0]}`),
      )
    }
  }
  return ok(customers)
}

async function loadMetrics(
  deps: AppDeps,
  input: QueryUsageInput,
): Promise<
  Result<Array<{ metric: BillableMetric; groupBy: MetricSelection['groupBy'] }>, DomainError>
> {
  const ids = input.metrics?.map((selection) => selection.metricId) ?? null
  const metrics = await listAll((after, limit) =>
    deps.store.listMetrics({
      clientId: input.clientId,
      limit,
      after,
      includeArchived: ids !== null,
      ids,
    }),
  )
  if (!input.metrics) return ok(metrics.map((metric) => ({ metric, groupBy: null })))
  const selected: Array<{ metric: BillableMetric; groupBy: MetricSelection['groupBy'] }> = []
  for (const [index, selection] of input.metrics.entries()) {
    const metric = metrics.find((candidate) => candidate.id === selection.metricId)
    if (!metric) {
      return err(
        domainError(
          'invalid_argument',
          `body.billable_metrics[${index}].id: unknown billable metric ${selection.metricId}`,
        ),
      )
    }
    const key = selection.groupBy?.key
    const offered = metric.definition?.groupKeys.flat() ?? sqlGroupKeys(metric.sqlQuery!)
    if (key !== undefined && !offered.includes(key)) {
      return err(
        domainError(
          'invalid_argument',
          `body.billable_metrics[${index}].group_by.key: '${key}' is not a group key of the metric`,
        ),
      )
    }
    selected.push({ metric, groupBy: selection.groupBy })
  }
  return ok(selected)
}
