import { productIdsOf } from '../../domain/contracts/contract.js'
import type { OpaqueJson } from '../../domain/contracts/contract.js'
import {
  checkPackageCreate,
  materializePackage,
  type Package,
  type PackageCreateInput,
} from '../../domain/contracts/packages.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { recordChange } from '../audit/record-change.js'
import type { AppDeps } from '../deps.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'
import { PACKAGE_RESOURCE, packageUniquenessKeyConflict } from './package-support.js'

/**
 * Creates a package: its terms are checked as the contract they would provision today (every
 * product named exists and has the right type, schedules are well formed), with each problem
 * named by the package request's own path. A `rate_card_alias` is resolved when a contract is
 * provisioned, as of its start; now it must be the alias of some rate card at some time.
 */
export async function createPackage(
  deps: AppDeps,
  input: {
    readonly request: PackageCreateInput
    /** The package as sent, with server ids (what `get` shows). */
    readonly view: OpaqueJson
    readonly audit: AuditContext
  },
): Promise<Result<Package, DomainError>> {
  const { request, audit } = input
  const clientId = audit.caller.clientId
  const now = deps.clock.now()
  return deps.store.transaction(async (session) => {
    const key = request.uniquenessKey
    if (key !== undefined && (await session.isPackageUniquenessKeyUsed(clientId, key))) {
      return err(packageUniquenessKeyConflict)
    }
    // Contracts start on hour boundaries; the sample provisioning starts at today's midnight.
    const sampleStart = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
    )
    const sample = materializePackage(request, { customerId: 'package', startingAt: sampleStart })
    const products = await session.findProducts(clientId, productIdsOf(sample))
    // An alias is resolved when a contract is provisioned, as of its start; now it must at
    // least be some rate card's alias at some time, or no contract could ever resolve it.
    const rateCardFound =
      sample.rateCardId !== undefined
        ? (await session.findRateCard(clientId, sample.rateCardId)) !== null
        : sample.rateCardAlias === undefined ||
          (await session.findRateCardAliasAssignments(clientId, sample.rateCardAlias)).length > 0
    const problems = checkPackageCreate(
      request,
      { rateCardFound, products: new Map(products.map((product) => [product.id, product])) },
      sampleStart,
    )
    if (problems.length > 0) return err(invalidRequest(problems))

    const pkg: Package = {
      id: deps.ids.newId(),
      name: request.name,
      uniquenessKey: request.uniquenessKey ?? null,
      aliases: request.aliases,
      terms: request.terms,
      view: input.view,
      createdAt: now,
      createdBy: audit.caller.tokenName,
      archivedAt: null,
    }
    // A concurrent create may have taken the key since the check above.
    if (!(await session.insertPackage(clientId, pkg))) return err(packageUniquenessKeyConflict)
    const change = { action: 'package.create', resourceType: PACKAGE_RESOURCE, resourceId: pkg.id }
    await recordChange(deps, session, audit, change, now)
    return ok(pkg)
  })
}
