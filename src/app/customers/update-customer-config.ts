import { ok } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import { updateCustomerWith } from './update-customer.js'

export interface UpdateCustomerConfigInput {
  readonly customerId: string
  /** undefined leaves a setting as it is; null clears it. */
  readonly salesforceAccountId: string | null | undefined
  readonly leaveStripeInvoicesInDraft: boolean | null | undefined
  readonly audit: AuditContext
}

export function updateCustomerConfig(deps: AppDeps, input: UpdateCustomerConfigInput) {
  return updateCustomerWith(
    deps,
    input.customerId,
    input.audit,
    'customer.update_config',
    (customer) =>
      ok({
        ...customer,
        salesforceAccountId:
          input.salesforceAccountId === undefined
            ? customer.salesforceAccountId
            : input.salesforceAccountId,
        leaveStripeInvoicesInDraft:
          input.leaveStripeInvoicesInDraft === undefined
            ? customer.leaveStripeInvoicesInDraft
            : input.leaveStripeInvoicesInDraft,
      }),
  )
}
