/**
 * What naming a package's products and credit types needs. A package stores ids only; names
 * are read when it is shown (a product can be renamed after the package was created), the same
 * way a contract's are: product names as of now, credit types from the client's pricing units.
 */
import { productIdsOf } from '../../domain/contracts/contract.js'
import { materializePackage, type Package } from '../../domain/contracts/packages.js'
import { namesForProducts, type ContractNames } from '../contracts/contract-support.js'
import type { StoreSession } from '../ports.js'

export type PackageNames = ContractNames

export async function packageNamesFor(
  session: StoreSession,
  clientId: string,
  packages: readonly Pick<Package, 'terms'>[],
  now: Date,
): Promise<PackageNames> {
  // Product ids do not depend on the start a package is provisioned at.
  const ids = packages.flatMap((pkg) =>
    productIdsOf(materializePackage(pkg, { customerId: 'package', startingAt: now })),
  )
  return namesForProducts(session, clientId, ids, now)
}
