/**
 * Creates a customer-level commit or credit (`customerCommits/create`, `customerCredits/create`):
 * load the customer, its contracts and the products named; check the whole request with the
 * same rules as a contract's commits and credits plus the customer-level scope; then store it
 * with the audit entry in one transaction.
 */
import {
  checkCommit,
  checkCredit,
  invoiceScheduleItems,
  newCommit,
  newCredit,
  type CommitInput,
  type CreditInput,
} from '../../domain/contracts/commits.js'
import {
  checkApplicableContracts,
  checkCustomerCommitScope,
  type CustomerBalance,
  type CustomerBalanceLedgerInputs,
  type CustomerBalanceScope,
} from '../../domain/contracts/customer-balances.js'
import { productAsOf } from '../../domain/pricing/product.js'
import type { DomainError } from '../../domain/errors.js'
import type { OpaqueJson } from '../../domain/contracts/contract.js'
import type { Problem } from '../../domain/problem.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import { customerNotFound, uniquenessKeyConflict } from '../contracts/contract-support.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { customerContractIds } from './write-customer-balance.js'

interface ScopeInput {
  readonly customerId: string
  readonly applicableContractIds?: readonly string[]
  readonly uniquenessKey?: string
  readonly salesforceOpportunityId?: string
  readonly netsuiteSalesOrderId?: string
  readonly hierarchyConfiguration?: OpaqueJson
}

export type CustomerBalanceRequest =
  | (ScopeInput & {
      readonly kind: 'COMMIT'
      readonly commit: CommitInput
      readonly invoiceContractId?: string
      readonly spendTrackerAttributes?: OpaqueJson
    })
  | (ScopeInput & { readonly kind: 'CREDIT'; readonly credit: CreditInput })

export async function createCustomerBalance(
  deps: AppDeps,
  input: { readonly request: CustomerBalanceRequest; readonly audit: AuditContext },
): Promise<Result<CustomerBalance, DomainError>> {
  const { request, audit } = input
  const clientId = audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const key = request.uniquenessKey
    if (key !== undefined && (await session.isBalanceUniquenessKeyUsed(clientId, key))) {
      return err(uniquenessKeyConflict)
    }
    const customer = await session.findCustomer(clientId, request.customerId)
    if (!customer) return err(customerNotFound(request.customerId))
    const problems = await checkRequest(session, clientId, request)
    if (problems.length > 0) return err(invalidRequest(problems))

    const balanceInput = request.kind === 'COMMIT' ? request.commit : request.credit
    const context = {
      id: deps.ids.newId(),
      contractId: null,
      segmentIds: (balanceInput.accessSchedule?.items ?? []).map(() => deps.ids.newId()),
      createdAt: now,
    }
    const scope: CustomerBalanceScope & CustomerBalanceLedgerInputs = {
      customerId: customer.id,
      applicableContractIds: request.applicableContractIds ?? null,
      invoiceContractId: request.kind === 'COMMIT' ? (request.invoiceContractId ?? null) : null,
      uniquenessKey: request.uniquenessKey ?? null,
      salesforceOpportunityId: request.salesforceOpportunityId ?? null,
      manualAdjustments: [],
    }
    const extras = {
      netsuiteSalesOrderId: request.netsuiteSalesOrderId ?? null,
      hierarchyConfiguration: request.hierarchyConfiguration ?? null,
    }
    const balance: CustomerBalance =
      request.kind === 'COMMIT'
        ? {
            ...newCommit(request.commit, {
              ...context,
              invoiceItemIds: invoiceScheduleItems(request.commit.invoiceSchedule).map(() =>
                deps.ids.newId(),
              ),
            }),
            ...extras,
            spendTrackerAttributes: request.spendTrackerAttributes ?? null,
            ...scope,
          }
        : { ...newCredit(request.credit, context), ...extras, ...scope }
    // A concurrent create with the same key got there first.
    if (!(await session.insertCustomerBalance(clientId, balance))) return err(uniquenessKeyConflict)
    const change = {
      action: request.kind === 'COMMIT' ? 'customer_commit.create' : 'customer_credit.create',
      resourceType: request.kind === 'COMMIT' ? 'commit' : 'credit',
      resourceId: balance.id,
    }
    await recordChange(deps, session, audit, change, now)
    return ok(balance)
  })
}

async function checkRequest(
  session: StoreSession,
  clientId: string,
  request: CustomerBalanceRequest,
): Promise<Problem[]> {
  const balanceInput = request.kind === 'COMMIT' ? request.commit : request.credit
  const problems: Problem[] =
    request.kind === 'COMMIT' ? [...checkCommit(request.commit)] : [...checkCredit(request.credit)]
  const productIds = [balanceInput.productId, ...(balanceInput.applicableProductIds ?? [])]
  const products = new Map(
    (await session.findProducts(clientId, productIds)).map((product) => [product.id, product]),
  )
  const start = balanceInput.accessSchedule?.items[0]?.startingAt ?? new Date(0)
  const product = products.get(balanceInput.productId)
  if (!product) {
    problems.push({
      field: 'body.product_id',
      message: `names no product (${balanceInput.productId})`,
    })
  } else if (productAsOf(product, start).type !== 'FIXED') {
    problems.push({ field: 'body.product_id', message: 'must name a FIXED product' })
  }
  balanceInput.applicableProductIds?.forEach((id, index) => {
    if (!products.has(id)) {
      problems.push({
        field: `body.applicable_product_ids[${index}]`,
        message: `names no product (${id})`,
      })
    }
  })
  const contractIds = await customerContractIds(session, clientId, request.customerId)
  if (request.kind === 'COMMIT') {
    const invoice = request.commit.invoiceSchedule
    problems.push(
      ...checkCustomerCommitScope(
        {
          type: request.commit.type,
          invoiced: invoice !== undefined && invoice.doNotInvoice !== true,
          invoiceContractId: request.invoiceContractId ?? null,
          applicableContractIds: request.applicableContractIds ?? null,
        },
        contractIds,
      ),
    )
  } else {
    problems.push(...checkApplicableContracts(request.applicableContractIds ?? null, contractIds))
  }
  return problems
}
