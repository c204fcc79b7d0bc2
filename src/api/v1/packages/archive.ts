/** POST /v1/packages/archive — `v1.packages.archive`. */
import { archivePackage } from '../../../app/packages/archive-package.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('archivePackage-v1', async ({ body, audit }, { app }) => {
  const archived = await archivePackage(app, { packageId: body.package_id, audit })
  return archived.ok ? ok({ data: { id: archived.value.id } }) : archived
})
