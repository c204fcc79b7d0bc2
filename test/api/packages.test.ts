/**
 * Packages through the HTTP edge: create, get, list, archive; get and list name products (as of
 * now, so a rename shows) and credit types, and answer every field the Package schema requires
 * for every template kind (the response oracle of `startTestApp` checks each 200 answer);
 * contracts provisioned from a package by id and by alias (dates materialized from the
 * contract's start, the package recorded and listed by listContractsOnPackage); bad requests
 * refused with the field named and nothing written; tenancy.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createCustomer, createRateCard, storeProduct } from '../support/contract-fixtures.js'

for (const kind of await databaseKinds()) {
  describe(`packages API on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call } = jsonCalls(t)
    let fixed: string
    let usage: string
    let rateCardId: string

    const allPackages = async () =>
      (await call('/v1/packages/list?limit=100', { archive_filter: 'ALL' })).body.data as Array<{
        id: string
      }>

    const template = (extra: Record<string, unknown> = {}) => ({
      name: `Starter ${randomUUID()}`,
      contract_name: 'Starter contract',
      rate_card_id: rateCardId,
      duration: { unit: 'YEARS', value: 1 },
      net_payment_terms_days: 15,
      commits: [
        {
          type: 'PREPAID',
          product_id: fixed,
          name: 'Prepaid',
          applicable_product_ids: [usage],
          access_schedule: {
            schedule_items: [
              {
                amount: 10000,
                starting_at_offset: { unit: 'MONTHS', value: 1 },
                duration: { unit: 'MONTHS', value: 3 },
              },
            ],
          },
          invoice_schedule: {
            schedule_items: [
              { unit_price: 10000, quantity: 1, date_offset: { unit: 'DAYS', value: 0 } },
            ],
          },
        },
      ],
      overrides: [
        {
          starting_at_offset: { unit: 'MONTHS', value: 1 },
          duration: { unit: 'MONTHS', value: 1 },
          type: 'MULTIPLIER',
          multiplier: 0.9,
          override_specifiers: [{ product_id: usage }],
        },
      ],
      scheduled_charges: [
        {
          product_id: fixed,
          name: 'Setup',
          schedule: {
            schedule_items: [
              { unit_price: 500, quantity: 2, date_offset: { unit: 'WEEKS', value: 1 } },
            ],
          },
        },
      ],
      ...extra,
    })

    const createPackage = async (payload: Record<string, unknown>) => {
      const created = await call('/v1/packages/create', payload)
      assert.equal(created.status, 200, JSON.stringify(created.body))
      return created.body.data.id as string
    }

    before(async () => {
      fixed = await storeProduct(t, 'FIXED', 'Platform fee')
      usage = await storeProduct(t, 'USAGE', 'API calls')
      rateCardId = await createRateCard(t)
    })

    test('create then get answers the Package shape with ids and relative dates', async () => {
      const body = template({ aliases: [{ name: `alias-${randomUUID()}` }] })
      const id = await createPackage(body)
      const got = await call('/v1/packages/get', { package_id: id })
      assert.equal(got.status, 200, JSON.stringify(got.body))
      const pkg = got.body.data
      assert.equal(pkg.id, id)
      assert.equal(pkg.name, body.name)
      assert.equal(pkg.contract_name, 'Starter contract')
      assert.equal(pkg.created_by.length > 0, true)
      assert.equal(typeof pkg.created_at, 'string')
      assert.deepEqual(pkg.duration, { unit: 'YEARS', value: 1 })
      assert.equal(pkg.commits.length, 1)
      assert.match(pkg.commits[0].id, /^[0-9a-f-]{36}$/)
      assert.equal(pkg.commits[0].product.id, fixed)
      const item = pkg.commits[0].access_schedule.schedule_items[0]
      assert.deepEqual(item.starting_at_offset, { unit: 'MONTHS', value: 1 })
      assert.deepEqual(item.duration, { unit: 'MONTHS', value: 3 })
      assert.equal(pkg.overrides.length, 1)
      assert.equal(pkg.scheduled_charges.length, 1)
      assert.deepEqual(pkg.usage_statement_schedule.frequency, 'MONTHLY')
      assert.equal(pkg.archived_at, undefined)
    })

    test('get and list name products as of now and credit types; a rename shows', async () => {
      const platform = await storeProduct(t, 'FIXED', 'Platform')
      const id = await createPackage(
        template({
          commits: [
            {
              type: 'PREPAID',
              product_id: platform,
              access_schedule: {
                schedule_items: [
                  {
                    amount: 100,
                    starting_at_offset: { unit: 'DAYS', value: 0 },
                    duration: { unit: 'MONTHS', value: 1 },
                  },
                ],
              },
              invoice_schedule: {
                schedule_items: [
                  { unit_price: 100, quantity: 1, date_offset: { unit: 'DAYS', value: 0 } },
                ],
              },
            },
          ],
        }),
      )
      const usd = { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' }
      const named = async () => {
        const got = await call('/v1/packages/get', { package_id: id })
        assert.equal(got.status, 200, JSON.stringify(got.body))
        const listed = (await allPackages()) as unknown as (typeof got.body.data)[]
        assert.deepEqual(
          listed.find((pkg) => pkg.id === id),
          got.body.data,
        )
        return got.body.data
      }
      const pkg = await named()
      assert.deepEqual(pkg.commits[0].product, { id: platform, name: 'Platform' })
      assert.deepEqual(pkg.commits[0].access_schedule.credit_type, usd)
      assert.deepEqual(pkg.commits[0].invoice_schedule.credit_type, usd)
      assert.equal(pkg.commits[0].invoice_schedule.do_not_invoice, false)
      assert.deepEqual(pkg.scheduled_charges[0].product, { id: fixed, name: 'Platform fee' })
      assert.deepEqual(pkg.scheduled_charges[0].schedule.credit_type, usd)

      const rename = async (name: string, startingAt: string) => {
        const updated = await call('/v1/contract-pricing/products/update', {
          product_id: platform,
          starting_at: startingAt,
          name,
        })
        assert.equal(updated.status, 200, JSON.stringify(updated.body))
      }
      await rename('Platform v2', '2020-01-01T00:00:00.000Z')
      assert.equal((await named()).commits[0].product.name, 'Platform v2')
      // A rename that takes effect later is not the name now.
      await rename('Platform v3', '2999-01-01T00:00:00.000Z')
      assert.equal((await named()).commits[0].product.name, 'Platform v2')
    })

    test('a package with every template kind answers the Package schema', async () => {
      const unit = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/pricing-units',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { name: `Tokens ${randomUUID()}` },
      })
      assert.equal(unit.statusCode, 200, unit.body)
      const tokens = unit.json().data as { id: string; name: string }
      const seats = await storeProduct(t, 'SUBSCRIPTION', 'Seats')
      const support = await storeProduct(t, 'FIXED', 'Support')
      const month = (value: number) => ({ unit: 'MONTHS', value })
      const id = await createPackage(
        template({
          commits: [
            {
              type: 'PREPAID',
              temporary_id: 'prepaid',
              product_id: fixed,
              name: 'Prepaid',
              access_schedule: {
                credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
                schedule_items: [
                  { amount: 10000, starting_at_offset: month(0), duration: month(12) },
                ],
              },
              invoice_schedule: {
                schedule_items: [
                  { unit_price: 10000, quantity: 1, date_offset: { unit: 'DAYS', value: 0 } },
                ],
              },
            },
          ],
          credits: [
            {
              product_id: support,
              name: 'Tokens',
              priority: 1,
              access_schedule: {
                credit_type_id: tokens.id,
                schedule_items: [{ amount: 500, starting_at_offset: month(0), duration: month(1) }],
              },
            },
          ],
          overrides: [
            {
              starting_at_offset: month(0),
              type: 'OVERWRITE',
              overwrite_rate: {
                rate_type: 'FLAT',
                price: 5,
                credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
              },
              override_specifiers: [{ product_id: usage }],
            },
            {
              starting_at_offset: month(1),
              duration: month(2),
              type: 'TIERED',
              priority: 1,
              tiers: [{ size: 100, multiplier: 1 }, { multiplier: 0.5 }],
              override_specifiers: [{ product_id: usage }],
            },
            {
              starting_at_offset: month(0),
              type: 'MULTIPLIER',
              priority: 2,
              multiplier: 0.8,
              is_commit_specific: true,
              override_specifiers: [{ product_id: usage, commit_ids: ['prepaid'] }],
            },
          ],
          multiplier_override_prioritization: 'EXPLICIT',
          recurring_commits: [
            {
              temporary_id: 'monthly',
              product_id: support,
              priority: 1,
              access_amount: {
                unit_price: 1000,
                quantity: 1,
                credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
              },
              invoice_amount: {
                unit_price: 1000,
                quantity: 1,
                credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
              },
              commit_duration: { value: 1, unit: 'PERIODS' },
              starting_at_offset: month(0),
              duration: month(12),
              recurrence_frequency: 'MONTHLY',
            },
            {
              product_id: support,
              priority: 2,
              access_amount: { unit_price: 10, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
              commit_duration: { value: 1 },
              starting_at_offset: month(0),
              subscription_config: {
                subscription_id: 'seats',
                apply_seat_increase_config: { is_prorated: true },
              },
            },
          ],
          recurring_credits: [
            {
              product_id: support,
              priority: 1,
              rate_type: 'COMMIT_RATE',
              access_amount: { unit_price: 50, quantity: 2, credit_type_id: tokens.id },
              commit_duration: { value: 1, unit: 'PERIODS' },
              starting_at_offset: month(1),
            },
          ],
          subscriptions: [
            {
              temporary_id: 'seats',
              subscription_rate: { billing_frequency: 'MONTHLY', product_id: seats },
              collection_schedule: 'ADVANCE',
              proration: {},
              initial_quantity: 3,
              starting_at_offset: month(0),
            },
          ],
        }),
      )
      // The response oracle has checked the answer against the spec; these check the values.
      const got = await call('/v1/packages/get', { package_id: id })
      assert.equal(got.status, 200, JSON.stringify(got.body))
      const pkg = got.body.data
      const usd = { id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)' }
      const [commit] = pkg.commits
      assert.deepEqual(commit.product, { id: fixed, name: 'Platform fee' })
      assert.deepEqual(commit.access_schedule.credit_type, usd)
      assert.equal(commit.invoice_schedule.do_not_invoice, false)
      assert.match(commit.invoice_schedule.schedule_items[0].id, /^[0-9a-f-]{36}$/)

      const [credit] = pkg.credits
      assert.equal(credit.type, 'CREDIT')
      assert.deepEqual(credit.product, { id: support, name: 'Support' })
      assert.deepEqual(credit.access_schedule.credit_type, tokens)

      const [overwrite, tiered, specific] = pkg.overrides
      assert.deepEqual(overwrite.overwrite_rate, { rate_type: 'FLAT', price: 5, credit_type: usd })
      assert.deepEqual(tiered.override_tiers, [{ size: 100, multiplier: 1 }, { multiplier: 0.5 }])
      assert.equal(tiered.tiers, undefined)
      assert.deepEqual(specific.override_specifiers, [
        { product_id: usage, commit_template_ids: [commit.id] },
      ])

      const [monthly, seated] = pkg.recurring_commits
      assert.deepEqual(monthly.product, { id: support, name: 'Support' })
      assert.deepEqual(monthly.access_amount, {
        unit_price: 1000,
        quantity: 1,
        credit_type_id: USD_CENTS_CREDIT_TYPE_ID,
      })
      assert.equal(monthly.invoice_amount.credit_type_id, USD_CENTS_CREDIT_TYPE_ID)
      assert.equal(monthly.rate_type, 'LIST_RATE')
      const [subscription] = pkg.subscriptions
      assert.deepEqual(seated.subscription_config, {
        allocation: 'INDIVIDUAL',
        apply_seat_increase_config: { is_prorated: true },
        subscription_template_id: subscription.id,
      })
      assert.equal(pkg.recurring_credits[0].rate_type, 'COMMIT_RATE')
      assert.equal(pkg.recurring_credits[0].access_amount.credit_type_id, tokens.id)

      assert.deepEqual(subscription.subscription_rate, {
        billing_frequency: 'MONTHLY',
        product: { id: seats, name: 'Seats' },
      })
      assert.deepEqual(subscription.proration, {
        is_prorated: true,
        invoice_behavior: 'BILL_IMMEDIATELY',
      })

      const listed = await call('/v1/packages/list?limit=100', { archive_filter: 'ALL' })
      assert.equal(listed.status, 200, JSON.stringify(listed.body))
      assert.deepEqual(
        listed.body.data.find((row: { id: string }) => row.id === id),
        pkg,
      )

      // The package provisions a contract with the same terms.
      const customerId = await createCustomer(t)
      const created = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-01-01T00:00:00.000Z',
        package_id: id,
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
    })

    test('a package stored with recurring amounts as credit_type references reads the same', async () => {
      const recurring = {
        product_id: fixed,
        priority: 1,
        access_amount: { unit_price: 10, quantity: 1, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
        commit_duration: { value: 1 },
        starting_at_offset: { unit: 'MONTHS', value: 0 },
      }
      const id = await createPackage(template({ recurring_credits: [recurring] }))
      const stored = await t.app.store.findPackage(t.clientId, id)
      assert.ok(stored)
      // Packages created before amounts kept their credit_type_id stored `credit_type: { id }`.
      const view = stored.view as { recurring_credits: Array<Record<string, unknown>> }
      const [credit] = view.recurring_credits
      const legacy = {
        ...stored,
        id: randomUUID(),
        uniquenessKey: null,
        view: {
          ...view,
          recurring_credits: [
            {
              ...credit,
              access_amount: {
                unit_price: 10,
                quantity: 1,
                credit_type: { id: USD_CENTS_CREDIT_TYPE_ID },
              },
            },
          ],
        },
      }
      assert.equal(await t.app.store.insertPackage(t.clientId, legacy), true)
      const amounts = await Promise.all(
        [id, legacy.id].map(async (packageId) => {
          const got = await call('/v1/packages/get', { package_id: packageId })
          assert.equal(got.status, 200, JSON.stringify(got.body))
          return got.body.data.recurring_credits[0].access_amount
        }),
      )
      assert.deepEqual(amounts, [
        { unit_price: 10, quantity: 1, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
        { unit_price: 10, quantity: 1, credit_type_id: USD_CENTS_CREDIT_TYPE_ID },
      ])
    })

    test('a contract from package_id has the terms at absolute dates and records the package', async () => {
      const packageId = await createPackage(template())
      const customerId = await createCustomer(t)
      const created = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-01-31T00:00:00.000Z',
        package_id: packageId,
        custom_fields: {},
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const contractId = created.body.data.id
      const got = await call('/v1/contracts/get', {
        customer_id: customerId,
        contract_id: contractId,
      })
      assert.equal(got.status, 200, JSON.stringify(got.body))
      const contract = got.body.data
      assert.equal(contract.package_id, packageId)
      assert.equal(contract.current.name, 'Starter contract')
      assert.equal(contract.current.ending_before, '2026-01-31T00:00:00.000Z')
      assert.equal(contract.current.net_payment_terms_days, 15)
      const segment = contract.current.commits[0].access_schedule.schedule_items[0]
      // Jan 31 + 1 month is Feb 28; + 3 more months from the start's day is May 31 (no drift).
      assert.equal(segment.starting_at, '2025-02-28T00:00:00.000Z')
      assert.equal(segment.ending_before, '2025-05-31T00:00:00.000Z')
      assert.equal(contract.current.overrides[0].starting_at, '2025-02-28T00:00:00.000Z')
      assert.equal(contract.current.overrides[0].ending_before, '2025-03-31T00:00:00.000Z')
      const charge = contract.current.scheduled_charges[0].schedule.schedule_items[0]
      assert.equal(charge.timestamp, '2025-02-07T00:00:00.000Z')

      const listed = await call('/v1/packages/listContractsOnPackage', { package_id: packageId })
      assert.equal(listed.status, 200, JSON.stringify(listed.body))
      assert.deepEqual(listed.body.data, [
        {
          contract_id: contractId,
          customer_id: customerId,
          starting_at: '2025-01-31T00:00:00.000Z',
          ending_before: '2026-01-31T00:00:00.000Z',
        },
      ])
    })

    test('package_alias is resolved as of the contract start', async () => {
      const alias = `alias-${randomUUID()}`
      const early = await createPackage(
        template({ aliases: [{ name: alias, ending_before: '2025-06-01T00:00:00.000Z' }] }),
      )
      const late = await createPackage(
        template({ aliases: [{ name: alias, starting_at: '2025-06-01T00:00:00.000Z' }] }),
      )
      const customerId = await createCustomer(t)
      for (const [start, expected] of [
        ['2025-03-01T00:00:00.000Z', early],
        ['2025-06-01T00:00:00.000Z', late],
      ] as const) {
        const created = await call('/v1/contracts/create', {
          customer_id: customerId,
          starting_at: start,
          package_alias: alias,
        })
        assert.equal(created.status, 200, JSON.stringify(created.body))
        const got = await call('/v1/contracts/get', {
          customer_id: customerId,
          contract_id: created.body.data.id,
        })
        assert.equal(got.body.data.package_id, expected)
      }
      const unknown = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-03-01T00:00:00.000Z',
        package_alias: `missing-${randomUUID()}`,
      })
      assert.equal(unknown.status, 400)
      assert.match(unknown.body.message, /^body\.package_alias names no package/)
    })

    test('listContractsOnPackage filters by starting_at, covering_date and archive state', async () => {
      const packageId = await createPackage(template())
      const customerId = await createCustomer(t)
      const ids: string[] = []
      for (const start of ['2025-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
        const created = await call('/v1/contracts/create', {
          customer_id: customerId,
          starting_at: start,
          package_id: packageId,
        })
        assert.equal(created.status, 200, JSON.stringify(created.body))
        ids.push(created.body.data.id)
      }
      const list = async (filters: Record<string, unknown>, query = '') =>
        (
          await call(`/v1/packages/listContractsOnPackage${query}`, {
            package_id: packageId,
            ...filters,
          })
        ).body
      assert.deepEqual(
        (await list({ starting_at: '2026-01-01T00:00:00.000Z' })).data.map(
          (row: { contract_id: string }) => row.contract_id,
        ),
        [ids[1]],
      )
      assert.deepEqual(
        (await list({ covering_date: '2025-06-01T00:00:00.000Z' })).data.map(
          (row: { contract_id: string }) => row.contract_id,
        ),
        [ids[0]],
      )
      const page = await list({}, '?limit=1')
      assert.equal(page.data.length, 1)
      assert.equal(typeof page.next_page, 'string')
      const rest = await list({}, `?limit=1&next_page=${page.next_page}`)
      assert.deepEqual(
        rest.data.map((row: { contract_id: string }) => row.contract_id),
        [ids[1]],
      )
      await call('/v1/contracts/archive', {
        customer_id: customerId,
        contract_id: ids[0],
        void_invoices: true,
      })
      assert.equal((await list({})).data.length, 1)
      assert.equal((await list({ include_archived: true })).data.length, 2)
      const both = await call('/v1/packages/listContractsOnPackage', {
        package_id: packageId,
        starting_at: '2025-01-01T00:00:00.000Z',
        covering_date: '2025-01-01T00:00:00.000Z',
      })
      assert.equal(both.status, 400)
      assert.match(both.body.message, /^body\.covering_date/)
      const missing = await call('/v1/packages/listContractsOnPackage', {
        package_id: randomUUID(),
      })
      // The spec documents this one as a 400 with its own code.
      assert.equal(missing.status, 400)
      assert.equal(missing.body.code, 'PackageNotFound')
      const missingGet = await call('/v1/packages/get', { package_id: randomUUID() })
      assert.equal(missingGet.status, 404)
      assert.equal(missingGet.body.code, undefined)
    })

    test('list pages in creation order and filters archived; archive is idempotent', async () => {
      const a = await createPackage(template())
      const b = await createPackage(template())
      const archived = await call('/v1/packages/archive', { package_id: a })
      assert.equal(archived.status, 200, JSON.stringify(archived.body))
      assert.deepEqual(archived.body, { data: { id: a } })
      const again = await call('/v1/packages/archive', { package_id: a })
      assert.equal(again.status, 200)
      const got = await call('/v1/packages/get', { package_id: a })
      assert.equal(typeof got.body.data.archived_at, 'string')

      const ids = (filter?: string) =>
        call('/v1/packages/list?limit=100', filter ? { archive_filter: filter } : {}).then(
          (listed) => (listed.body.data as Array<{ id: string }>).map((pkg) => pkg.id),
        )
      assert.ok((await ids()).includes(b))
      assert.ok(!(await ids()).includes(a))
      assert.ok((await ids('ARCHIVED')).includes(a))
      assert.ok(!(await ids('ARCHIVED')).includes(b))
      const all = await ids('ALL')
      assert.ok(all.indexOf(a) < all.indexOf(b))

      const first = await call('/v1/packages/list?limit=1', { archive_filter: 'ALL' })
      assert.equal(first.body.data.length, 1)
      const second = await call(`/v1/packages/list?limit=1&next_page=${first.body.next_page}`, {
        archive_filter: 'ALL',
      })
      assert.notEqual(second.body.data[0].id, first.body.data[0].id)

      // An archived package provisions nothing.
      const customerId = await createCustomer(t)
      const refused = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-01-01T00:00:00.000Z',
        package_id: a,
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.package_id names no package/)
    })

    test('bad package requests are 400 naming the field, and write nothing', async () => {
      const before = (await allPackages()).length
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        [
          'missing name',
          { ...template(), name: undefined },
          /body must have required property 'name'|body\.name/,
        ],
        ['empty name', template({ name: ' ' }), /^body\.name must not be empty/],
        [
          'unknown product',
          template({
            scheduled_charges: [
              {
                product_id: randomUUID(),
                schedule: {
                  schedule_items: [
                    { unit_price: 1, quantity: 1, date_offset: { unit: 'DAYS', value: 0 } },
                  ],
                },
              },
            ],
          }),
          /^body\.scheduled_charges\[0\]\.product_id names no product/,
        ],
        [
          'unknown rate card',
          template({ rate_card_id: randomUUID() }),
          /^body\.rate_card_id names no rate card/,
        ],
        ['bad unit', template({ duration: { unit: 'HOURS', value: 1 } }), /body\.duration\.unit/],
        [
          'negative offset',
          template({
            overrides: [
              {
                starting_at_offset: { unit: 'DAYS', value: -1 },
                type: 'MULTIPLIER',
                multiplier: 1,
                override_specifiers: [{ product_id: usage }],
              },
            ],
          }),
          /^body\.overrides\[0\]\.starting_at_offset must not be negative/,
        ],
        [
          'zero duration',
          template({ duration: { unit: 'MONTHS', value: 0 } }),
          /^body\.duration must be positive/,
        ],
        [
          'alias ends before it starts',
          template({
            aliases: [
              {
                name: 'x',
                starting_at: '2025-02-01T00:00:00Z',
                ending_before: '2025-01-01T00:00:00Z',
              },
            ],
          }),
          /^body\.aliases\[0\]\.ending_before must be after starting_at/,
        ],
      ]
      for (const [name, payload, message] of cases) {
        const response = await call('/v1/packages/create', payload)
        assert.equal(response.status, 400, `${name}: ${JSON.stringify(response.body)}`)
        assert.match(response.body.message, message, name)
      }
      assert.equal((await allPackages()).length, before)
      const missing = await call('/v1/packages/get', { package_id: randomUUID() })
      assert.equal(missing.status, 404)
      const archiveMissing = await call('/v1/packages/archive', { package_id: randomUUID() })
      assert.equal(archiveMissing.status, 404)
    })

    test('a reused uniqueness_key is 409 and writes nothing', async () => {
      const key = `key-${randomUUID()}`
      await createPackage(template({ uniqueness_key: key }))
      const before = (await allPackages()).length
      const again = await call('/v1/packages/create', template({ uniqueness_key: key }))
      assert.equal(again.status, 409)
      assert.equal((await allPackages()).length, before)
    })

    test('a package request refuses contract terms beside package_id, and writes nothing', async () => {
      const packageId = await createPackage(template())
      const customerId = await createCustomer(t)
      const contracts = async () =>
        (await call('/v1/contracts/list', { customer_id: customerId, include_archived: true })).body
          .data.length
      const refused = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-01-01T00:00:00.000Z',
        package_id: packageId,
        rate_card_id: rateCardId,
      })
      assert.equal(refused.status, 400)
      assert.match(refused.body.message, /^body\.rate_card_id cannot be given with package_id/)
      const unknown = await call('/v1/contracts/create', {
        customer_id: customerId,
        starting_at: '2025-01-01T00:00:00.000Z',
        package_id: randomUUID(),
      })
      assert.equal(unknown.status, 400)
      assert.match(unknown.body.message, /^body\.package_id names no package/)
      assert.equal(await contracts(), 0)
      const listed = await call('/v1/packages/listContractsOnPackage', { package_id: packageId })
      assert.deepEqual(listed.body.data, [])
    })

    test('another client sees none of the packages', async () => {
      const id = await createPackage(template())
      const other = await t.tokenForClient(`other-${randomUUID()}`)
      const got = await call('/v1/packages/get', { package_id: id }, other)
      assert.equal(got.status, 404)
      const listed = await call('/v1/packages/list', { archive_filter: 'ALL' }, other)
      assert.deepEqual(listed.body.data, [])
      const archive = await call('/v1/packages/archive', { package_id: id }, other)
      assert.equal(archive.status, 404)
    })
  })
}
