/**
 * GET /v1/customers/{customer_id}/billable-metrics — `v1.customers.listBillableMetrics`.
 * Every metric of the client can meter the customer's usage. `on_current_plan=true` narrows
 * to metrics on the customer's current plan or contract; with no pricing attached yet (plans
 * and contracts arrive with later issues) that set is empty.
 */
import { getCustomer } from '../../../app/customers/get-customer.js'
import { listBillableMetrics } from '../../../app/billable-metrics/list-billable-metrics.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../pagination.js'
import { toApiBillableMetricWithDeprecatedFields } from '../billable-metrics/convert.js'

export default defineOperation(
  'listBillableMetrics-v1',
  async ({ params, query, caller }, { app }) => {
    const customer = await getCustomer(app, {
      clientId: caller.clientId,
      customerId: params.customer_id,
    })
    if (!customer.ok) return customer
    const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
    if (!cursor.ok) return err(cursor.error)
    if (query.on_current_plan === true) return ok({ data: [], next_page: null })
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT
    const rows = await listBillableMetrics(app, {
      clientId: caller.clientId,
      limit: limit + 1,
      after: cursor.value?.position ?? null,
      includeArchived: query.include_archived ?? false,
      ids: null,
    })
    return ok(keysetPage(rows, limit, toApiBillableMetricWithDeprecatedFields))
  },
)
