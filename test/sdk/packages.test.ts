/**
 * Packages and the composite customer-with-contract create through the official
 * @metronome/sdk against a live server. The SDK has no method for the composite operation, so it
 * goes through `client.post`.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'
import { createProduct } from '../support/sdk-fixtures.js'

describe('packages through @metronome/sdk', () => {
  const live = useLiveSdk('packages')
  let fixed: string
  before(async () => {
    fixed = await createProduct(live.client, 'FIXED', 'Platform')
  })

  test('create, retrieve, list, provision, listContractsOnPackage and archive', async () => {
    const { client } = live
    const created = await client.v1.packages.create({
      name: 'Starter',
      contract_name: 'Starter contract',
      aliases: [{ name: 'starter' }],
      duration: { unit: 'MONTHS', value: 12 },
      commits: [
        {
          type: 'PREPAID',
          product_id: fixed,
          access_schedule: {
            schedule_items: [
              {
                amount: 5000,
                starting_at_offset: { unit: 'MONTHS', value: 0 },
                duration: { unit: 'MONTHS', value: 12 },
              },
            ],
          },
        },
      ],
    })
    const packageId = created.data.id

    const retrieved = await client.v1.packages.retrieve({ package_id: packageId })
    assert.equal(retrieved.data.name, 'Starter')
    assert.equal(retrieved.data.commits.length, 1)
    assert.deepEqual(retrieved.data.commits[0]!.product, { id: fixed, name: 'Platform' })
    assert.equal(retrieved.data.commits[0]!.access_schedule?.credit_type.name, 'USD (cents)')
    assert.deepEqual(retrieved.data.duration, { unit: 'MONTHS', value: 12 })

    const listed = []
    for await (const pkg of client.v1.packages.list({ archive_filter: 'ALL' })) listed.push(pkg)
    assert.deepEqual(
      listed.map((pkg) => pkg.id),
      [packageId],
    )
    assert.deepEqual(listed[0], retrieved.data)

    const customer = await client.v1.customers.create({ name: 'Acme' })
    const contract = await client.v1.contracts.create({
      customer_id: customer.data.id,
      starting_at: '2025-03-31T00:00:00.000Z',
      package_alias: 'starter',
    })
    const got = await client.v1.contracts.retrieve({
      customer_id: customer.data.id,
      contract_id: contract.data.id,
    })
    assert.equal(got.data.package_id, packageId)
    assert.equal(got.data.current.ending_before, '2026-03-31T00:00:00.000Z')

    const onPackage = []
    for await (const row of client.v1.packages.listContractsOnPackage({ package_id: packageId })) {
      onPackage.push(row)
    }
    assert.deepEqual(
      onPackage.map((row) => row.contract_id),
      [contract.data.id],
    )

    const archived = await client.v1.packages.archive({ package_id: packageId })
    assert.equal(archived.data.id, packageId)
    const active = []
    for await (const pkg of client.v1.packages.list()) active.push(pkg)
    assert.equal(active.length, 0)

    await assert.rejects(
      client.v1.contracts.create({
        customer_id: customer.data.id,
        starting_at: '2025-03-31T00:00:00.000Z',
        package_id: packageId,
      }),
      (error: unknown) => error instanceof Metronome.BadRequestError,
    )
  })

  test('createCustomerWithContract through client.post', async () => {
    const { client } = live
    const answer = await client.post<{
      data: {
        customer_id: string
        customer_name: string
        ingest_aliases: string[]
        contract_id: string
      }
    }>('/v1/composite/createCustomerWithContract', {
      body: {
        customer: { name: 'Composite Co', ingest_aliases: ['composite@example.com'] },
        contract: { starting_at: '2025-01-01T00:00:00.000Z' },
      },
    })
    assert.equal(answer.data.customer_name, 'Composite Co')
    assert.deepEqual(answer.data.ingest_aliases, ['composite@example.com'])
    const got = await client.v1.contracts.retrieve({
      customer_id: answer.data.customer_id,
      contract_id: answer.data.contract_id,
    })
    assert.equal(got.data.id, answer.data.contract_id)
  })
})
