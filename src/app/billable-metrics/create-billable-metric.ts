import type { BillableMetric } from '../../domain/metrics/billable-metric.js'
import { domainError, type DomainError } from '../../domain/errors.js'
import { describeProblems } from '../../domain/problem.js'
import {
  checkMetricDefinition,
  type StreamingMetricDefinition,
} from '../../domain/usage/billable-metric.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'

export interface CreateBillableMetricInput {
  readonly name: string
  readonly definition: StreamingMetricDefinition
  readonly customFields: Readonly<Record<string, string>>
  readonly audit: AuditContext
}

/** Creates a streaming billable metric after checking every rule of its definition. */
export async function createBillableMetric(
  deps: AppDeps,
  input: CreateBillableMetricInput,
): Promise<Result<BillableMetric, DomainError>> {
  const problems = checkMetricDefinition(input.definition)
  if (problems.length > 0) return err(domainError('invalid_argument', describeProblems(problems)))
  const now = deps.clock.now()
  const metric: BillableMetric = {
    id: deps.ids.newId(),
    name: input.name,
    definition: input.definition,
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
