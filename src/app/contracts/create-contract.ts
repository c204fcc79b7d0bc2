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
import { provisionFromPackage } from '../packages/provision-from-package.js'
import type { StoreSession } from '../ports.js'
import { findRateCardByAlias } from '../rate-cards/find-rate-card-by-alias.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { CONTRACT_RESOURCE, uniquenessKeyConflict } from './contract-support.js'
import { manualAdjustmentsOf } from '../../domain/contracts/balance-edits.js'
import { renewalOf, rolloversInto } from '../../domain/contracts/renewal.js'
import { contractBalancesAt } from './contract-balances.js'
import { resolveProviderConfigurations } from './provider-lookups.js'

/**
 * Creates a contract: load the customer, the rate card (by id, or by alias as of the contract's
 * start), every product named and the contract a transition renews; check the whole request;
 * then store its history (the create) and the audit entry in one transaction.
 */
export async function createContract(
  deps: AppDeps,
  input: { readonly request: ContractCreateInput; readonly audit: AuditContext },
): Promise<Result<ContractTerms, DomainError>> {
  return deps.store.transaction((session) => createContractIn(deps, session, input))
}

/**
 * The create inside the caller's transaction, so that another use case (the composite customer
 * and contract create) can make it part of its own all-or-nothing write.
 */
export async function createContractIn(
  deps: AppDeps,
  session: StoreSession,
  input: { readonly request: ContractCreateInput; readonly audit: AuditContext },
): Promise<Result<ContractTerms, DomainError>> {
  const { audit } = input
  const clientId = audit.caller.clientId
  const now = deps.clock.now()
  {
    // A request naming a package is the package's terms provisioned at its start (0011).
    const provisioned = await provisionFromPackage(session, clientId, input.request)
    if (!provisioned.ok) return provisioned
    const { request, packageId } = provisioned.value
    const key = request.uniquenessKey
    if (key !== undefined && (await session.isContractUniquenessKeyUsed(clientId, key))) {
      return err(uniquenessKeyConflict)
    }
    const rateCardId = await resolveRateCard(session, clientId, request)
    const products = await session.findProducts(clientId, productIdsOf(request))
    // A renewal appends an edit to the old contract (decision 0012): hold it until commit.
    if (request.transition) await session.lockContract(clientId, request.transition.fromContractId)
    const from = request.transition
      ? await session.findContractHistory(clientId, request.transition.fromContractId)
      : null
    const customer = await session.findCustomer(clientId, request.customerId)
    const problems = checkContractCreate(request, {
      customerExists: customer !== null,
      rateCardFound: rateCardId !== null,
      packageFound: false,
      products: new Map(products.map((product) => [product.id, product])),
      transitionFrom: from ? currentContract(from) : null,
    })
    const providers = customer ? resolveProviderConfigurations(request.passThrough, customer) : null
    if (providers && !providers.ok) problems.push(...providers.problems)
    if (problems.length > 0) return err(invalidRequest(problems))
    if (from && renewalOf(from)) {
      const field = 'body.transition.from_contract_id'
      return err(invalidRequest([{ field, message: 'names a contract already renewed' }]))
    }

    const resolved = providers?.ok ? { ...request, passThrough: providers.passThrough } : request
    const created = newContract(resolved, {
      id: deps.ids.newId(),
      newId: () => deps.ids.newId(),
      rateCardId,
      packageId,
      createdAt: now,
      createdBy: audit.caller.tokenName,
    })
    const terms = from ? withRollovers(created, from, () => deps.ids.newId()) : created
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
    if (packageId !== null) await session.linkContractToPackage(clientId, packageId, terms.id)
    if (from) {
      const renewal = {
        id: deps.ids.newId(),
        kind: 'renewal' as const,
        recordedAt: now,
        recordedBy: audit.caller.tokenName,
        newContractId: terms.id,
        transitionAt: terms.startingAt,
      }
      const renewed = { ...from, edits: [...from.edits, renewal] }
      await session.appendContractEdits(clientId, renewed, from.edits.length)
      // The old contract changed too (its ledgers now show the rollover): audited on its own id.
      const renewedChange = {
        action: 'contract.renewal',
        resourceType: CONTRACT_RESOURCE,
        resourceId: from.contractId,
      }
      await recordChange(deps, session, audit, renewedChange, now)
    }
    const change = {
      action: 'contract.create',
      resourceType: CONTRACT_RESOURCE,
      resourceId: terms.id,
    }
    await recordChange(deps, session, audit, change, now)
    return ok(terms)
  }
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

/**
 * The new contract's terms with the old contract's rollover balances added (§4.11): every
 * commit and credit of the old contract, and its recurring instances started by the transition.
 */
function withRollovers(
  terms: ContractTerms,
  from: ContractHistory,
  newId: () => string,
): ContractTerms {
  const old = contractBalancesAt(currentContract(from), terms.startingAt)
  const rolled = rolloversInto(
    terms,
    [...old.commits, ...old.credits],
    manualAdjustmentsOf(from),
    newId,
  )
  return {
    ...terms,
    commits: [...terms.commits, ...rolled.commits],
    credits: [...terms.credits, ...rolled.credits],
  }
}
