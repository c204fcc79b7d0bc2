/** POST /v1/contract-pricing/products/create — `v1.contracts.products.create`. */
import { createProduct } from '../../../../app/products/create-product.js'
import { ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiChanges } from './convert.js'

export default defineOperation('createProduct-v1', async ({ body, audit }, { app }) => {
  const created = await createProduct(app, {
    product: { ...fromApiChanges(body), type: body.type, name: body.name },
    customFields: body.custom_fields ?? {},
    audit,
  })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
