import { checkContractCreate, type ContractCreateInput } from '../../domain/contracts/contract.js'
import {
  materializePackage,
  packageForAlias,
  type Package,
} from '../../domain/contracts/packages.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { StoreSession } from '../ports.js'
import { invalidRequest } from '../rate-cards/rate-card-support.js'

export interface Provisioned {
  /** The request to create: the package's terms made absolute, or the request itself. */
  readonly request: ContractCreateInput
  /** The package the contract is provisioned from; null for a request naming none. */
  readonly packageId: string | null
}

/**
 * A create request naming a package (`package_id`, or `package_alias` as of `starting_at`)
 * becomes the package's terms provisioned at the request's start; the provisioning fields
 * (customer, start, uniqueness key, transition, custom fields) come from the request. Archived
 * packages provision nothing. A request naming no package is returned as it is.
 */
export async function provisionFromPackage(
  session: StoreSession,
  clientId: string,
  request: ContractCreateInput,
): Promise<Result<Provisioned, DomainError>> {
  if (request.packageId === undefined && request.packageAlias === undefined) {
    return ok({ request, packageId: null })
  }
  const pkg = await findNamedPackage(session, clientId, request)
  const problems = checkContractCreate(request, {
    customerExists: (await session.findCustomer(clientId, request.customerId)) !== null,
    rateCardFound: false,
    packageFound: pkg !== null,
    products: new Map(),
    transitionFrom: null,
  })
  if (problems.length > 0 || pkg === null) return err(invalidRequest(problems))
  return ok({ request: materializePackage(pkg, request), packageId: pkg.id })
}

async function findNamedPackage(
  session: StoreSession,
  clientId: string,
  request: ContractCreateInput,
): Promise<Package | null> {
  if (request.packageId !== undefined) {
    const found = await session.findPackage(clientId, request.packageId)
    return found?.archivedAt === null ? found : null
  }
  if (request.packageAlias === undefined) return null
  const holding = await session.findPackagesWithAlias(clientId, request.packageAlias)
  return packageForAlias(holding, request.packageAlias, request.startingAt)
}
