import type { Package } from '../../domain/contracts/packages.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { packageNamesFor, type PackageNames } from './package-names.js'
import { packageNotFound } from './package-support.js'

/** One package, archived or not, with what naming its products and credit types needs. */
export async function getPackage(
  deps: AppDeps,
  input: { readonly clientId: string; readonly packageId: string },
): Promise<Result<{ pkg: Package; names: PackageNames }, DomainError>> {
  const found = await deps.store.findPackage(input.clientId, input.packageId)
  if (!found) return err(packageNotFound(input.packageId))
  const names = await packageNamesFor(deps.store, input.clientId, [found], deps.clock.now())
  return ok({ pkg: found, names })
}
