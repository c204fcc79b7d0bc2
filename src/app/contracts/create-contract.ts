import {
  checkContractCreate,
  currentContract,
  newContract,
  productIdsOf,
  type ContractCreateInput,
  type ContractHistory,
  type ContractTerms,
} from '../../domain/contracts/contract.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import type { StoreSession } from '../ports.js'
import { findRateCardByAlias } from '../rate-cards/find-rate-card-by-alias.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { CONTRACT_RESOURCE, uniquenessKeyConflict } from './contract-support.js'

/**
 * Creates a contract: load the customer, the rate card (by id, or by alias as of the contract's
 * start), every product named and the contract a transition renews; check the whole request;
 * then store its history (the create) and the audit entry in one transaction.
 */
export async function createContract(
  deps: AppDeps,
  input: { readonly request: ContractCreateInput; readonly audit: AuditContext },
): Promise<Result<ContractTerms, DomainError>> {
  const { request, audit } = input
  const clientId = audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const key = request.uniquenessKey
    if (key !== undefined && (await session.isContractUniquenessKeyUsed(clientId, key))) {
      return err(uniquenessKeyConflict)
    }
    const rateCardId = await resolveRateCard(session, clientId, request)
    const products = await session.findProducts(clientId, productIdsOf(request))
    const from = request.transition
      ? await session.findContractHistory(clientId, request.transition.fromContractId)
      : null
    const problems = checkContractCreate(request, {
      customerExists: (await session.findCustomer(clientId, request.customerId)) !== null,
      rateCardFound: rateCardId !== null,
      packageFound: false,
      products: new Map(products.map((product) => [product.id, product])),
      transitionFrom: from ? currentContract(from) : null,
    })
    if (problems.length > 0) return err(invalidRequest(problems))

    const terms = newContract(request, {
      id: deps.ids.newId(),
      newId: () => deps.ids.newId(),
      rateCardId,
      createdAt: now,
      createdBy: audit.caller.tokenName,
    })
    const history: ContractHistory = {
      contractId: terms.id,
      customerId: terms.customerId,
      edits: [
        {
          id: deps.ids.newId(),
          kind: 'create',
          recordedAt: now,
          recordedBy: audit.caller.tokenName,
          terms,
        },
      ],
    }
    // A concurrent create may have taken the key since the check above.
    if (!(await session.insertContract(clientId, history))) return err(uniquenessKeyConflict)
    const change = {
      action: 'contract.create',
      resourceType: CONTRACT_RESOURCE,
      resourceId: terms.id,
    }
    await recordChange(deps, session, audit, change, now)
    return ok(terms)
  })
}

/** The card the request names, or null when it names none that exists (or names none). */
async function resolveRateCard(
  session: StoreSession,
  clientId: string,
  request: ContractCreateInput,
): Promise<string | null> {
  if (request.rateCardId !== undefined) {
    return (await session.findRateCard(clientId, request.rateCardId))?.id ?? null
  }
  if (request.rateCardAlias !== undefined) {
    const card = await findRateCardByAlias(
      session,
      clientId,
      request.rateCardAlias,
      request.startingAt,
    )
    return card?.id ?? null
  }
  return null
}
