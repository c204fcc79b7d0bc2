/**
 * A contract's billing-provider and revenue-system configuration lookups (decision 0016):
 * resolved against the customer's configurations on create, createCustomerWithContract and v2
 * edit; shown in the spec's full shape; a lookup naming none, or several, is a 400 that writes
 * nothing. On both stores.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createContract } from '../support/contract-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const STRIPE = { billing_provider: 'stripe', delivery_method: 'direct_to_billing_provider' }
const AWS = { billing_provider: 'aws_marketplace', delivery_method: 'direct_to_billing_provider' }

for (const kind of await databaseKinds()) {
  describe(`provider configuration lookups on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call, ok } = jsonCalls(t)

    const customer = async () =>
      (
        await ok('/v1/customers', {
          name: `c ${randomUUID()}`,
          customer_billing_provider_configurations: [
            { ...STRIPE, configuration: { stripe_customer_id: 'cus_1' } },
            { ...AWS, configuration: { aws_customer_id: 'a-1' } },
            { ...AWS, configuration: { aws_customer_id: 'a-2' } },
            {
              billing_provider: 'azure_marketplace',
              delivery_method: 'direct_to_billing_provider',
            },
          ],
          customer_revenue_system_configurations: [
            { provider: 'netsuite', delivery_method: 'direct_to_billing_provider' },
          ],
        })
      ).data.id as string
    const v2Get = async (ids: object) => (await ok('/v2/contracts/get', ids)).data

    test('create resolves by provider and method; v1 and v2 show the whole configuration', async () => {
      const customerId = await customer()
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        billing_provider_configuration: STRIPE,
        revenue_system_configuration: {
          provider: 'netsuite',
          delivery_method: 'direct_to_billing_provider',
        },
      })
      const ids = { customer_id: customerId, contract_id: id }
      const v1 = (await ok('/v1/contracts/get', ids)).data.customer_billing_provider_configuration
      assert.equal(v1.customer_id, customerId)
      assert.equal(v1.billing_provider, 'stripe')
      assert.deepEqual(v1.configuration, { stripe_customer_id: 'cus_1' })
      const v2 = await v2Get(ids)
      assert.deepEqual(v2.billing_provider_configuration_schedule, [
        { billing_provider_configuration: v1, effective_at: START },
      ])
      const revenue = v2.revenue_system_configuration_schedule[0].revenue_system_configuration
      assert.equal(revenue.provider, 'netsuite')
      assert.equal(revenue.customer_id, customerId)

      // The same configuration has the same id on another contract, so it can be named by id.
      const second = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        billing_provider_configuration: { billing_provider_configuration_id: v1.id },
      })
      const again = await ok('/v1/contracts/get', { customer_id: customerId, contract_id: second })
      assert.deepEqual(again.data.customer_billing_provider_configuration, v1)
    })

    test('two configurations of one provider and method need the id', async () => {
      const customerId = await customer()
      const refused = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: START,
        billing_provider_configuration: AWS,
      })
      assert.equal(refused.status, 400)
      assert.match(
        refused.body.message,
        /^body\.billing_provider_configuration matches 2 billing provider configurations/,
      )
      const listed = await ok('/v1/contracts/list', { customer_id: customerId })
      assert.deepEqual(listed.data, [])
    })

    test('createCustomerWithContract resolves against the customer it creates', async () => {
      const created = await ok('/v1/composite/createCustomerWithContract', {
        customer: {
          name: `c ${randomUUID()}`,
          customer_billing_provider_configurations: [STRIPE],
        },
        contract: { starting_at: START, billing_provider_configuration: STRIPE },
      })
      const customerId = created.data.customer_id ?? created.data.customer?.id
      const contractId = created.data.contract_id ?? created.data.contract?.id
      const v1 = await ok('/v1/contracts/get', { customer_id: customerId, contract_id: contractId })
      assert.equal(v1.data.customer_billing_provider_configuration.customer_id, customerId)
    })

    test('a v2 edit resolves its configuration update; a bad one writes nothing', async () => {
      const customerId = await customer()
      const id = await createContract(t, {
        customer_id: customerId,
        starting_at: START,
        billing_provider_configuration: STRIPE,
      })
      const ids = { customer_id: customerId, contract_id: id }
      const stripe = (await v2Get(ids)).billing_provider_configuration_schedule[0]
      const bad = await call('/v2/contracts/edit', {
        ...ids,
        add_billing_provider_configuration_update: {
          billing_provider_configuration: {
            billing_provider: 'netsuite',
            delivery_method: 'direct_to_billing_provider',
          },
          schedule: { effective_at: 'START_OF_CURRENT_PERIOD' },
        },
      })
      assert.equal(bad.status, 400)
      assert.match(
        bad.body.message,
        /^body\.add_billing_provider_configuration_update\.billing_provider_configuration names no billing provider configuration/,
      )
      assert.deepEqual((await ok('/v2/contracts/getEditHistory', ids)).data, [])
      assert.deepEqual((await v2Get(ids)).billing_provider_configuration_schedule[0], stripe)

      await ok('/v2/contracts/edit', {
        ...ids,
        add_billing_provider_configuration_update: {
          billing_provider_configuration: {
            billing_provider: 'azure_marketplace',
            delivery_method: 'direct_to_billing_provider',
          },
          schedule: { effective_at: 'START_OF_CURRENT_PERIOD' },
        },
      })
      const azure = (await v2Get(ids)).billing_provider_configuration_schedule[0]
      assert.equal(azure.billing_provider_configuration.billing_provider, 'azure_marketplace')
      assert.equal(azure.billing_provider_configuration.customer_id, customerId)
      assert.notEqual(
        azure.billing_provider_configuration.id,
        stripe.billing_provider_configuration.id,
      )
    })
  })
}
