/**
 * POST /v1/packages/listContractsOnPackage — `v1.packages.listContractsOnPackage`. `starting_at`
 * and `covering_date` exclude each other (the spec's field descriptions).
 */
import { listPackageContracts } from '../../../app/packages/list-package-contracts.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, SEQUENCE_KEY, decodeCursor, keysetPage } from '../../pagination.js'

export default defineOperation(
  'listContractsOnPackage-v1',
  async ({ query, body, caller }, { app }) => {
    if (body.starting_at !== undefined && body.covering_date !== undefined) {
      const field = 'body.covering_date'
      return err(invalidRequest([{ field, message: 'cannot be given together with starting_at' }]))
    }
    const cursor = decodeCursor(query.next_page, SEQUENCE_KEY)
    if (!cursor.ok) return err(cursor.error)
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT
    const rows = await listPackageContracts(app, {
      clientId: caller.clientId,
      packageId: body.package_id,
      limit: limit + 1,
      after: cursor.value?.position ?? null,
      includeArchived: body.include_archived ?? false,
      covering: body.covering_date === undefined ? null : new Date(body.covering_date),
      startingAtOrAfter: body.starting_at === undefined ? null : new Date(body.starting_at),
    })
    if (!rows.ok) return rows
    return ok(
      keysetPage(rows.value, limit, (contract) => ({
        contract_id: contract.contractId,
        customer_id: contract.customerId,
        starting_at: contract.startingAt.toISOString(),
        ...(contract.endingBefore === null
          ? {}
          : { ending_before: contract.endingBefore.toISOString() }),
        ...(contract.archivedAt === null ? {} : { archived_at: contract.archivedAt.toISOString() }),
      })),
    )
  },
)
