/**
 * Customer-level commits and credits through the API on both stores: create (with every
 * customer-level scope field), list with filters, ledgers and balances, contract-level ones
 * included on request, updateEndDate shortening only, and bad input refused with nothing written.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { databaseKinds } from '../support/databases.js'
import { jsonCalls, useTestApp } from '../support/app.js'
import { createContract, createCustomer, createProduct } from '../support/contract-fixtures.js'

const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'

for (const kind of await databaseKinds()) {
  describe(`customer commits and credits on ${kind}`, () => {
    const t = useTestApp(kind)
    const { call } = jsonCalls(t)

    const setup = async () => {
      const customer = await createCustomer(t)
      const fixed = await createProduct(t, 'FIXED', 'Prepay')
      const contract = await createContract(t, {
        customer_id: customer,
        starting_at: '2026-01-01T00:00:00Z',
      })
      return { customer, fixed, contract }
    }
    const access = (amount: number, start: string, end: string) => ({
      credit_type_id: USD,
      schedule_items: [{ amount, starting_at: start, ending_before: end }],
    })

    test('a prepaid commit and a credit round-trip with their scope, ledgers and balances', async () => {
      const { customer, fixed, contract } = await setup()
      const commit = await call('/v1/contracts/customerCommits/create', {
        customer_id: customer,
        type: 'PREPAID',
        priority: 1,
        product_id: fixed,
        name: 'Enterprise pool',
        access_schedule: access(1000.5, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
        invoice_schedule: {
          credit_type_id: USD,
          schedule_items: [{ timestamp: '2026-01-01T00:00:00Z', unit_price: 900, quantity: 1 }],
        },
        invoice_contract_id: contract,
        applicable_contract_ids: [contract],
        uniqueness_key: `pool-${customer}`,
        custom_fields: { team: 'platform' },
      })
      assert.equal(commit.status, 200, JSON.stringify(commit.body))
      const credit = await call('/v1/contracts/customerCredits/create', {
        customer_id: customer,
        priority: 2,
        product_id: fixed,
        access_schedule: access(50, '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'),
      })
      assert.equal(credit.status, 200, JSON.stringify(credit.body))

      const commits = await call('/v1/contracts/customerCommits/list', {
        customer_id: customer,
        include_ledgers: true,
        include_balance: true,
      })
      assert.equal(commits.status, 200)
      const [listed] = commits.body.data
      assert.equal(listed.id, commit.body.data.id)
      assert.equal(listed.type, 'PREPAID')
      assert.equal(listed.name, 'Enterprise pool')
      assert.equal(listed.priority, 1)
      assert.deepEqual(listed.product, { id: fixed, name: 'Prepay' })
      assert.equal(listed.access_schedule.schedule_items[0].amount, 1000.5)
      assert.equal(listed.invoice_schedule.schedule_items[0].amount, 900)
      assert.deepEqual(listed.invoice_contract, { id: contract })
      assert.deepEqual(listed.applicable_contract_ids, [contract])
      assert.equal(listed.uniqueness_key, `pool-${customer}`)
      assert.deepEqual(listed.custom_fields, { team: 'platform' })
      assert.equal(listed.contract, undefined, 'customer-level: no contract')
      assert.equal(listed.balance, 1000.5)
      assert.deepEqual(
        listed.ledger.map((entry: { type: string; amount: number }) => [entry.type, entry.amount]),
        [['PREPAID_COMMIT_SEGMENT_START', 1000.5]],
      )
      const credits = await call('/v1/contracts/customerCredits/list', { customer_id: customer })
      assert.deepEqual(
        credits.body.data.map((item: { id: string; type: string }) => [item.id, item.type]),
        [[credit.body.data.id, 'CREDIT']],
      )
    })

    test('list filters: covering_date, starting_at, effective_before, by id, paging', async () => {
      const { customer, fixed } = await setup()
      const create = async (start: string, end: string) =>
        (
          await call('/v1/contracts/customerCredits/create', {
            customer_id: customer,
            priority: 1,
            product_id: fixed,
            access_schedule: access(10, start, end),
          })
        ).body.data.id as string
      const january = await create('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')
      const march = await create('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')
      const ids = async (filters: Record<string, unknown>) =>
        (
          await call('/v1/contracts/customerCredits/list', { customer_id: customer, ...filters })
        ).body.data.map((item: { id: string }) => item.id)
      assert.deepEqual(await ids({ covering_date: '2026-01-15T00:00:00Z' }), [january])
      assert.deepEqual(await ids({ covering_date: '2026-02-15T00:00:00Z' }), [])
      assert.deepEqual(await ids({ starting_at: '2026-02-01T00:00:00Z' }), [march])
      assert.deepEqual(await ids({ effective_before: '2026-02-01T00:00:00Z' }), [january])
      assert.deepEqual(await ids({ credit_id: march }), [march])
      const first = await call('/v1/contracts/customerCredits/list', {
        customer_id: customer,
        limit: 1,
      })
      assert.deepEqual(
        first.body.data.map((item: { id: string }) => item.id),
        [january],
      )
      const second = await call('/v1/contracts/customerCredits/list', {
        customer_id: customer,
        limit: 1,
        next_page: first.body.next_page,
      })
      assert.deepEqual(
        second.body.data.map((item: { id: string }) => item.id),
        [march],
      )
      assert.equal(second.body.next_page, null)
      assert.equal(
        (await call('/v1/contracts/customerCredits/list', { customer_id: customer, limit: 26 }))
          .status,
        400,
      )
    })

    test('contract-level commits are listed only with include_contract_commits', async () => {
      const { customer, fixed } = await setup()
      const created = await call('/v1/contracts/create', {
        customer_id: customer,
        starting_at: '2026-01-01T00:00:00Z',
        commits: [
          {
            type: 'PREPAID',
            product_id: fixed,
            access_schedule: access(5, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
          },
        ],
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const list = async (include: boolean) =>
        (
          await call('/v1/contracts/customerCommits/list', {
            customer_id: customer,
            include_contract_commits: include,
          })
        ).body.data as Array<{ contract?: { id: string } }>
      assert.equal((await list(false)).length, 0)
      const included = await list(true)
      assert.deepEqual(
        included.map((item) => item.contract?.id),
        [created.body.data.id],
      )
    })

    test('updateEndDate shortens access and invoicing, and never lengthens', async () => {
      const { customer, fixed, contract } = await setup()
      const id = (
        await call('/v1/contracts/customerCommits/create', {
          customer_id: customer,
          type: 'PREPAID',
          priority: 1,
          product_id: fixed,
          access_schedule: {
            schedule_items: [
              {
                amount: 100,
                starting_at: '2026-01-01T00:00:00Z',
                ending_before: '2026-02-01T00:00:00Z',
              },
              {
                amount: 100,
                starting_at: '2026-02-01T00:00:00Z',
                ending_before: '2026-03-01T00:00:00Z',
              },
            ],
          },
          invoice_schedule: {
            schedule_items: [
              { timestamp: '2026-01-01T00:00:00Z', amount: 100 },
              { timestamp: '2026-02-01T00:00:00Z', amount: 100 },
            ],
          },
          invoice_contract_id: contract,
        })
      ).body.data.id as string
      const update = (body: Record<string, unknown>) =>
        call('/v1/contracts/customerCommits/updateEndDate', {
          customer_id: customer,
          commit_id: id,
          ...body,
        })
      const longer = await update({ access_ending_before: '2026-06-01T00:00:00Z' })
      assert.equal(longer.status, 400)
      assert.match(longer.body.message, /body\.access_ending_before can only shorten access/)
      const shorter = await update({
        access_ending_before: '2026-01-15T00:00:00Z',
        invoices_ending_before: '2026-01-15T00:00:00Z',
      })
      assert.equal(shorter.status, 200, JSON.stringify(shorter.body))
      const [listed] = (await call('/v1/contracts/customerCommits/list', { customer_id: customer }))
        .body.data
      assert.deepEqual(
        listed.access_schedule.schedule_items.map(
          (item: { starting_at: string; ending_before: string }) => [
            item.starting_at,
            item.ending_before,
          ],
        ),
        [['2026-01-01T00:00:00.000Z', '2026-01-15T00:00:00.000Z']],
      )
      assert.equal(listed.invoice_schedule.schedule_items.length, 1)
      const unknown = await call('/v1/contracts/customerCommits/updateEndDate', {
        customer_id: customer,
        commit_id: randomUUID(),
        access_ending_before: '2026-01-10T00:00:00Z',
      })
      assert.equal(unknown.status, 404)
    })

    test('bad input is a 400 naming the field, and nothing is written', async () => {
      const { customer, fixed, contract } = await setup()
      const usage = (
        await call('/v1/contract-pricing/products/create', {
          name: 'Compute',
          type: 'USAGE',
          billable_metric_id: (
            await call('/v1/billable-metrics/create', { name: 'calls', aggregation_type: 'COUNT' })
          ).body.data.id,
        })
      ).body.data.id
      const base = {
        customer_id: customer,
        type: 'PREPAID',
        priority: 1,
        product_id: fixed,
        access_schedule: access(10, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
      }
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        [
          'a non-FIXED product',
          { product_id: usage },
          /body\.product_id must name a FIXED product/,
        ],
        ['an unknown product', { product_id: randomUUID() }, /body\.product_id names no product/],
        [
          'a postpaid commit without an invoice contract',
          {
            type: 'POSTPAID',
            invoice_schedule: {
              schedule_items: [{ timestamp: '2026-02-01T00:00:00Z', amount: 10 }],
            },
          },
          /body\.invoice_contract_id is required for POSTPAID commits/,
        ],
        [
          'an invoiced prepaid commit without an invoice contract',
          {
            invoice_schedule: {
              schedule_items: [{ timestamp: '2026-01-01T00:00:00Z', amount: 10 }],
            },
          },
          /body\.invoice_contract_id is required for invoiced PREPAID commits/,
        ],
        [
          'an applicable contract of nobody',
          { applicable_contract_ids: [randomUUID()] },
          /body\.applicable_contract_ids\[0\] names no contract of this customer/,
        ],
        [
          'an invoice contract outside the applicable ones',
          {
            invoice_contract_id: contract,
            applicable_contract_ids: [],
            invoice_schedule: {
              schedule_items: [{ timestamp: '2026-01-01T00:00:00Z', amount: 10 }],
            },
          },
          /^(?!x)/,
        ],
        [
          'ending_before before starting_at',
          { access_schedule: access(10, '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z') },
          /body\.access_schedule\.schedule_items\[0\]\.ending_before/,
        ],
      ]
      for (const [name, change, message] of cases) {
        const before = (await call('/v1/contracts/customerCommits/list', { customer_id: customer }))
          .body.data.length
        const response = await call('/v1/contracts/customerCommits/create', { ...base, ...change })
        if (name === 'an invoice contract outside the applicable ones') {
          // An empty applicable list means "every contract": the invoice contract is one of them.
          assert.equal(response.status, 200, JSON.stringify(response.body))
          continue
        }
        assert.equal(response.status, 400, `${name}: ${JSON.stringify(response.body)}`)
        assert.match(response.body.message, message, name)
        assert.equal(response.headers['x-should-retry'], 'false')
        const after = (await call('/v1/contracts/customerCommits/list', { customer_id: customer }))
          .body.data.length
        assert.equal(after, before, `${name}: nothing written`)
      }
      const unknownCustomer = await call('/v1/contracts/customerCommits/create', {
        ...base,
        customer_id: randomUUID(),
      })
      assert.equal(unknownCustomer.status, 404)
    })

    test('a reused uniqueness key is a 409 the SDK must not retry; clients are isolated', async () => {
      const { customer, fixed } = await setup()
      const body = {
        customer_id: customer,
        priority: 1,
        product_id: fixed,
        access_schedule: access(10, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
        uniqueness_key: `once-${customer}`,
      }
      assert.equal((await call('/v1/contracts/customerCredits/create', body)).status, 200)
      const again = await call('/v1/contracts/customerCredits/create', body)
      assert.equal(again.status, 409)
      assert.equal(again.body.message, 'This uniqueness key has already been used.')
      assert.equal(again.headers['x-should-retry'], 'false')
      const other = await t.tokenForClient('customer-balances-neighbour')
      const foreign = await call(
        '/v1/contracts/customerCredits/list',
        { customer_id: customer },
        other,
      )
      assert.equal(foreign.status, 404)
    })
  })
}
