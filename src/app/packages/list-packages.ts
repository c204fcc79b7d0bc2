import type { Package } from '../../domain/contracts/packages.js'
import type { AppDeps } from '../deps.js'
import type { PackageListQuery, Positioned } from '../ports.js'
import { packageNamesFor, type PackageNames } from './package-names.js'

/**
 * Packages in creation order, filtered by archive state, with what naming the products and
 * credit types of the page needs.
 */
export async function listPackages(
  deps: AppDeps,
  query: PackageListQuery,
): Promise<{ rows: Positioned<Package>[]; names: PackageNames }> {
  const rows = await deps.store.listPackages(query)
  const packages = rows.map((row) => row.item)
  const names = await packageNamesFor(deps.store, query.clientId, packages, deps.clock.now())
  return { rows, names }
}
