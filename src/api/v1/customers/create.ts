/** POST /v1/customers — `v1.customers.create`. */
import { createCustomer } from '../../../app/customers/create-customer.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toApiCustomer } from './convert.js'

export default defineOperation('createCustomer-v1', async ({ body, audit }, { app }) => {
  const created = await createCustomer(app, {
    name: body.name,
    externalId: body.external_id ?? null,
    ingestAliases: body.ingest_aliases ?? [],
    customFields: body.custom_fields ?? {},
    providerSettings: {
      billing_config: body.billing_config ?? null,
      customer_billing_provider_configurations: body.customer_billing_provider_configurations ?? [],
      customer_revenue_system_configurations: body.customer_revenue_system_configurations ?? [],
    },
    audit,
  })
  return created.ok ? ok({ data: toApiCustomer(created.value) }) : created
})
