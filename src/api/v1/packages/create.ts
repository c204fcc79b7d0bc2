/** POST /v1/packages/create — `v1.packages.create`. */
import { createPackage } from '../../../app/packages/create-package.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { fromApiPackage, packageView } from './convert.js'

export default defineOperation('createPackage-v1', async ({ body, audit }, { app }) => {
  const { input, problems } = fromApiPackage(body)
  if (problems.length > 0) return err(invalidRequest(problems))
  const view = packageView(body, () => app.ids.newId())
  const created = await createPackage(app, { request: input, view, audit })
  return created.ok ? ok({ data: { id: created.value.id } }) : created
})
