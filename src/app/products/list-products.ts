import type { Product } from '../../domain/pricing/product.js'
import type { AppDeps } from '../deps.js'
import type { Positioned, ProductListQuery } from '../ports.js'

/** Products in creation order, filtered by archive state. */
export function listProducts(
  deps: AppDeps,
  query: ProductListQuery,
): Promise<Positioned<Product>[]> {
  return deps.store.listProducts(query)
}
