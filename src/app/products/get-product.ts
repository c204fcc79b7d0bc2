import type { DomainError } from '../../domain/errors.js'
import type { Product } from '../../domain/pricing/product.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { productNotFound } from './product-references.js'

/** A product with its whole history; archived products stay readable. */
export async function getProduct(
  deps: AppDeps,
  input: { clientId: string; productId: string },
): Promise<Result<Product, DomainError>> {
  const product = await deps.store.findProduct(input.clientId, input.productId)
  return product ? ok(product) : err(productNotFound(input.productId))
}
