/** POST /v1/contract-pricing/products/get — `v1.contracts.products.retrieve`. */
import { getProduct } from '../../../../app/products/get-product.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { toApiProduct } from './convert.js'

export default defineOperation('getProduct-v1', async ({ body, caller }, { app }) => {
  const found = await getProduct(app, { clientId: caller.clientId, productId: body.id })
  return found.ok ? ok({ data: toApiProduct(found.value, app.clock.now()) }) : found
})
