/** POST /v1/packages/get — `v1.packages.retrieve`. */
import { getPackage } from '../../../app/packages/get-package.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiPackage } from './convert.js'

export default defineOperation('getPackage-v1', async ({ body, caller }, { app }) => {
  const found = await getPackage(app, { clientId: caller.clientId, packageId: body.package_id })
  if (!found.ok) return found
  return ok({ data: toApiPackage(found.value.pkg, found.value.names) })
})
