/**
 * Customer-level commits and credits on the wire: the request bodies of `customerCommits/create`
 * and `customerCredits/create`, and the `Commit` / `Credit` shapes the lists answer (the same
 * builders as a contract's, plus the customer-level scope).
 */
import type { ContractNames } from '../../../../app/contracts/contract-support.js'
import type { CustomerBalanceRequest } from '../../../../app/customer-balances/create-customer-balance.js'
import type { ListedBalance } from '../../../../app/customer-balances/list-customer-balances.js'
import type { StoreSession } from '../../../../app/ports.js'
import type { AppDeps } from '../../../../app/deps.js'
import { listCustomerBalances } from '../../../../app/customer-balances/list-customer-balances.js'
import { offsetPage } from '../../../pagination.js'
import { creditTypesOf } from '../../../../app/rate-cards/rate-card-support.js'
import { decimal } from '../../../../domain/money/decimal.js'
import type { Operations } from '../../../generated/index.js'
import {
  commitSpecifier,
  fromApiAccessSchedule,
  fromApiCommit,
  toApiCommit,
  toApiCredit,
  type ViewOptions,
} from '../convert.js'

type CommitBody = Operations['createCustomerCommit-v1']['body']
type CreditBody = Operations['createCustomerCredit-v1']['body']

export function fromApiCustomerCommit(body: CommitBody): CustomerBalanceRequest {
  return {
    kind: 'COMMIT',
    customerId: body.customer_id,
    commit: fromApiCommit(
      body,
      fromApiAccessSchedule(body.access_schedule),
      body.specifiers?.map(commitSpecifier),
    ),
    ...optional('applicableContractIds', body.applicable_contract_ids),
    ...optional('invoiceContractId', body.invoice_contract_id),
    ...optional('uniquenessKey', body.uniqueness_key),
    ...optional('salesforceOpportunityId', body.salesforce_opportunity_id),
    ...optional('netsuiteSalesOrderId', body.netsuite_sales_order_id),
  }
}

export function fromApiCustomerCredit(body: CreditBody): CustomerBalanceRequest {
  return {
    kind: 'CREDIT',
    customerId: body.customer_id,
    credit: {
      productId: body.product_id,
      accessSchedule: fromApiAccessSchedule(body.access_schedule),
      priority: decimal(String(body.priority)),
      ...optional('name', body.name),
      ...optional('description', body.description),
      ...optional('applicableProductIds', body.applicable_product_ids),
      ...optional('applicableProductTags', body.applicable_product_tags),
      ...optional('specifiers', body.specifiers?.map(commitSpecifier)),
      ...optional('rateType', body.rate_type),
      ...optional('customFields', body.custom_fields),
    },
    ...optional('applicableContractIds', body.applicable_contract_ids),
    ...optional('uniquenessKey', body.uniqueness_key),
    ...optional('salesforceOpportunityId', body.salesforce_opportunity_id),
    ...optional('netsuiteSalesOrderId', body.netsuite_sales_order_id),
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

/** What naming the balances' products and credit types needs, loaded once per list. */
export async function namesForBalances(
  session: StoreSession,
  clientId: string,
  balances: readonly ListedBalance[],
  now: Date,
): Promise<ContractNames> {
  const ids = [...new Set(balances.map((balance) => balance.productId))]
  const products = ids.length > 0 ? await session.findProducts(clientId, ids) : []
  return {
    products: new Map(products.map((product) => [product.id, product])),
    creditTypes: await creditTypesOf(session, clientId),
    now,
  }
}

export function toApiListedBalance(
  balance: ListedBalance,
  names: ContractNames,
  options: ViewOptions,
) {
  const base: Record<string, unknown> =
    balance.kind === 'COMMIT'
      ? toApiCommit(balance, names, options)
      : toApiCredit(balance, names, options)
  if (!('customerId' in balance)) return base
  return {
    ...base,
    ...(balance.applicableContractIds
      ? { applicable_contract_ids: [...balance.applicableContractIds] }
      : {}),
    ...(balance.invoiceContractId ? { invoice_contract: { id: balance.invoiceContractId } } : {}),
    ...(balance.uniquenessKey ? { uniqueness_key: balance.uniquenessKey } : {}),
    ...(balance.salesforceOpportunityId
      ? { salesforce_opportunity_id: balance.salesforceOpportunityId }
      : {}),
  }
}

/** The list body fields both `customerCommits/list` and `customerCredits/list` share. */
interface ListBody {
  readonly customer_id: string
  readonly covering_date?: string
  readonly starting_at?: string
  readonly effective_before?: string
  readonly include_archived?: boolean
  readonly include_ledgers?: boolean
  readonly include_balance?: boolean
  readonly next_page?: string
  readonly limit?: number
}

/**
 * One list of customer-level balances, as both list operations answer it: the kind and its
 * kind-specific body fields (`commit_id` / `credit_id`, `include_contract_*`) come in apart.
 */
export async function listBalancesPage(
  app: AppDeps,
  clientId: string,
  body: ListBody,
  kind: {
    readonly kind: 'COMMIT' | 'CREDIT'
    readonly id?: string
    readonly includeContract?: boolean
  },
) {
  const listed = await listCustomerBalances(app, {
    clientId,
    customerId: body.customer_id,
    kind: kind.kind,
    id: kind.id ?? null,
    coveringDate: body.covering_date ? new Date(body.covering_date) : null,
    startingAt: body.starting_at ? new Date(body.starting_at) : null,
    effectiveBefore: body.effective_before ? new Date(body.effective_before) : null,
    includeContractBalances: kind.includeContract ?? false,
    includeArchived: body.include_archived ?? false,
  })
  if (!listed.ok) return listed
  const names = await namesForBalances(app.store, clientId, listed.value.balances, app.clock.now())
  const options = {
    includeLedgers: body.include_ledgers ?? false,
    includeBalance: body.include_balance ?? false,
    manualAdjustments: listed.value.manualAdjustments,
    renewals: listed.value.renewals,
  }
  return offsetPage(listed.value.balances, body.next_page, body.limit ?? 25, (balance) =>
    toApiListedBalance(balance, names, options),
  )
}
