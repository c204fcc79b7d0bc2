import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { describeProblems } from '../../domain/problem.js'
import {
  checkMetricDefinition,
  type StreamingMetricDefinition,
} from '../../domain/usage/billable-metric.js'
import { readSqlMetric, type SqlMetricQuery } from '../../domain/usage/sql-metric.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'

export interface CreateBillableMetricInput {
  readonly name: string
  /** A streaming definition, or the text of a SQL metric. */
  readonly definition: StreamingMetricDefinition | { readonly sql: string }
  readonly customFields: Readonly<Record<string, string>>
  readonly audit: AuditContext
}

/** Creates a streaming billable metric after checking every rule of its definition. */
export async function createBillableMetric(
  deps: AppDeps,
  input: CreateBillableMetricInput,
): Promise<Result<BillableMetric, DomainError>> {
  const definition = input.definition
  let sqlQuery: SqlMetricQuery | null = null
  if ('sql' in definition) {
    const read = readSqlMetric(definition.sql)
    if ('problems' in read) return err(invalid(read.problems))
    sqlQuery = read.query
  } else {
    const problems = checkMetricDefinition(definition)
    if (problems.length > 0) return err(invalid(problems))
  }
  const now = deps.clock.now()
  const metric: BillableMetric = {
    id: deps.ids.newId(),
    name: input.name,
    definition: 'sql' in definition ? null : definition,
    sqlQuery,
    customFields: input.customFields,
    createdAt: now,
    archivedAt: null,
  }
  await deps.store.transaction(async (session) => {
    await session.insertMetric(input.audit.caller.clientId, metric)
    const change = {
      action: 'billable_metric.create',
      resourceType: 'billable_metric',
      resourceId: metric.id,
    }
    await recordChange(deps, session, input.audit, change, now)
  })
  return ok(metric)
}

function invalid(problems: readonly Problem[]) {
  return domainError(
    'invalid_argument',
    describeProblems(problems.map((p) => ({ ...p, field: `body.${p.field}` }))),
  )
}
