/** POST /v1/composite/createCustomerWithContract — a customer and its contract, all or nothing. */
import { createCustomerWithContract } from '../../../app/composite/create-customer-with-contract.js'
import { invalidRequest } from '../../../app/rate-cards/rate-card-support.js'
import { err, ok } from '../../../lib/result.js'
import type { CreateContractPayload } from '../../generated/types.js'
import { defineOperation } from '../../operation.js'
import { fromApiCreate } from '../contracts/convert.js'

/** The contract's customer is the one created with it; conversion needs some id meanwhile. */
const CUSTOMER_TO_CREATE = '00000000-0000-0000-0000-000000000000'

export default defineOperation(
  'createCustomerWithContract-v1',
  async ({ body, audit }, { app }) => {
    const contractBody = { ...body.contract, customer_id: CUSTOMER_TO_CREATE }
    const converted = fromApiCreate(contractBody as CreateContractPayload)
    if (converted.problems.length > 0) {
      const problems = converted.problems.map((problem) => ({
        ...problem,
        field: problem.field.replace(/^body\./, 'body.contract.'),
      }))
      return err(invalidRequest(problems))
    }
    const customer = body.customer
    const created = await createCustomerWithContract(app, {
      customer: {
        name: customer.name,
        externalId: null,
        ingestAliases: customer.ingest_aliases ?? [],
        customFields: customer.custom_fields ?? {},
        providerSettings: {
          billing_config: customer.billing_config ?? null,
          customer_billing_provider_configurations:
            customer.customer_billing_provider_configurations ?? [],
          customer_revenue_system_configurations:
            customer.customer_revenue_system_configurations ?? [],
        },
      },
      // The customer id given for conversion is replaced by the created customer's.
      contract: converted.input,
      audit,
    })
    if (!created.ok) return created
    const { customer: made, contract: terms } = created.value
    return ok({
      data: {
        customer_id: made.id,
        customer_name: made.name,
        ingest_aliases: [...made.ingestAliases],
        custom_fields: made.customFields,
        contract_id: terms.id,
      },
    })
  },
)
