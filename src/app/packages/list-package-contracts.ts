import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import type { PackageContractQuery, PackageContractSummary, Positioned } from '../ports.js'
import { packageNotFound } from './package-support.js'

/** The contracts provisioned from a package, in provisioning order; the package must exist. */
export async function listPackageContracts(
  deps: AppDeps,
  query: PackageContractQuery,
): Promise<Result<Positioned<PackageContractSummary>[], DomainError>> {
  const found = await deps.store.findPackage(query.clientId, query.packageId)
  if (!found) return err(packageNotFound(query.packageId))
  return ok(await deps.store.listPackageContracts(query))
}
