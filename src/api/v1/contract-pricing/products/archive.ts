/** POST /v1/contract-pricing/products/archive — `v1.contracts.products.archive`. */
import { archiveProduct } from '../../../../app/products/archive-product.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'

export default defineOperation('archiveProductListItem-v1', async ({ body, audit }, { app }) => {
  const archived = await archiveProduct(app, { productId: body.product_id, audit })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
