/** POST /v1/customers/{customer_id}/setIngestAliases — `v1.customers.setIngestAliases`. */
import { setIngestAliases } from '../../../app/customers/set-ingest-aliases.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('setIngestAliases-v1', ({ params, body, audit }, { app }) =>
  setIngestAliases(app, {
    customerId: params.customer_id,
    ingestAliases: body.ingest_aliases,
    audit,
  }),
)
