/** POST /v1/contract-pricing/products/update — `v1.contracts.products.update`. */
import { updateProduct } from '../../../../app/products/update-product.js'
import { domainError } from '../../../../domain/errors.js'
import { err, ok } from '../../../../lib/result.js'
import { defineOperation } from '../../../operation.js'
import { fromApiChanges } from './convert.js'

export default defineOperation('updateProduct-v1', async ({ body, audit }, { app }) => {
  // Unknown fields are otherwise ignored, but a type change answered 200 would read as done.
  if ('type' in body) {
    return err(
      domainError(
        'invalid_argument',
        'body.type cannot change: create a product of the new type and archive this one',
      ),
    )
  }
  const startingAt = new Date(body.starting_at)
  // The schema checks the date-time format; this only guards what Date cannot represent.
  if (Number.isNaN(startingAt.getTime())) {
    return err(domainError('invalid_argument', 'body.starting_at is not a valid date-time'))
  }
  const updated = await updateProduct(app, {
    productId: body.product_id,
    startingAt,
    changes: fromApiChanges(body),
    audit,
  })
  return updated.ok ? ok({ data: { id: updated.value.id } }) : updated
})
