import type { Package } from '../../domain/contracts/packages.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { packageNotFound } from './package-support.js'

/** One package, archived or not. */
export async function getPackage(
  deps: AppDeps,
  input: { readonly clientId: string; readonly packageId: string },
): Promise<Result<Package, DomainError>> {
  const found = await deps.store.findPackage(input.clientId, input.packageId)
  return found ? ok(found) : err(packageNotFound(input.packageId))
}
