import type { Package } from '../../domain/contracts/packages.js'
import type { AppDeps } from '../deps.js'
import type { PackageListQuery, Positioned } from '../ports.js'

/** Packages in creation order, filtered by archive state. */
export function listPackages(
  deps: AppDeps,
  query: PackageListQuery,
): Promise<Positioned<Package>[]> {
  return deps.store.listPackages(query)
}
