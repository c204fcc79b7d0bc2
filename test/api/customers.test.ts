/** Customers through the HTTP edge: shapes, aliases, pagination, config, billable status. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { databaseKinds } from '../support/databases.js'
import { requestJson, useTestApp } from '../support/app.js'

for (const kind of await databaseKinds()) {
  describe(`customers API on ${kind}`, () => {
    const t = useTestApp(kind)

    const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      requestJson(t, url, payload, { method })

    test('named schedules: per customer and per client, overwritten on exactly the range', async () => {
      const created = await call('POST', '/v1/customers', { name: 'Scheduled' })
      const customer_id = created.body.data.id as string
      const update = (body: Record<string, unknown>) =>
        call('POST', '/v1/customers/updateNamedSchedule', { customer_id, ...body })
      const read = async (body: Record<string, unknown> = {}) =>
        (
          await call('POST', '/v1/customers/getNamedSchedule', {
            customer_id,
            schedule_name: 'seats',
            ...body,
          })
        ).body
      assert.equal(
        (await update({ schedule_name: 'seats', starting_at: '2026-01-01T00:00:00Z', value: 10 }))
          .status,
        200,
      )
      assert.equal(
        (
          await update({
            schedule_name: 'seats',
            starting_at: '2026-02-01T00:00:00Z',
            ending_before: '2026-02-15T00:00:00Z',
            value: 20,
          })
        ).status,
        200,
      )
      assert.deepEqual((await read()).data, [
        {
          starting_at: '2026-01-01T00:00:00.000Z',
          ending_before: '2026-02-01T00:00:00.000Z',
          value: 10,
        },
        {
          starting_at: '2026-02-01T00:00:00.000Z',
          ending_before: '2026-02-15T00:00:00.000Z',
          value: 20,
        },
        { starting_at: '2026-02-15T00:00:00.000Z', value: 10 },
      ])
      assert.deepEqual((await read({ covering_date: '2025-12-31T00:00:00Z' })).data, [])
      assert.deepEqual((await read({ schedule_name: 'other' })).data, [])
      const bad = await update({ schedule_name: 'seats', starting_at: 'yesterday', value: 1 })
      assert.equal(bad.status, 400)
      assert.match(bad.body.message, /starting_at/)
      assert.equal((await read()).data.length, 3, 'a refused update writes nothing')
      const otherToken = await t.tokenForClient('named-schedule-neighbour')
      const foreign = await t.fastify.inject({
        method: 'POST',
        url: '/v1/customers/getNamedSchedule',
        headers: { authorization: `Bearer ${otherToken}` },
        payload: { customer_id, schedule_name: 'seats' },
      })
      assert.equal(foreign.statusCode, 404)
    })

    test('create returns the Customer shape; get returns CustomerDetail', async () => {
      const created = await call('POST', '/v1/customers', {
        name: 'Acme',
        ingest_aliases: ['acme-a', 'acme-b', 'acme-a'],
        custom_fields: { tier: 'gold' },
        external_id: 'acme-ext',
      })
      assert.equal(created.status, 200)
      const customer = created.body.data
      assert.deepEqual(customer.ingest_aliases, ['acme-a', 'acme-b', 'acme-ext'])
      assert.equal(customer.external_id, 'acme-ext')
      assert.deepEqual(customer.custom_fields, { tier: 'gold' })
      const fetched = await call('GET', `/v1/customers/${customer.id}`)
      assert.equal(fetched.status, 200)
      const detail = fetched.body.data
      assert.equal(detail.name, 'Acme')
      assert.equal(detail.archived_at, null)
      assert.deepEqual(detail.customer_config, { salesforce_account_id: null })
      assert.deepEqual(detail.current_billable_status, { value: 'billable', effective_at: null })
      assert.ok(Date.parse(detail.created_at) <= Date.parse(detail.updated_at))
    })

    test('names are truncated to 160 characters; a missing name is a 400 and writes nothing', async () => {
      const long = await call('POST', '/v1/customers', { name: 'n'.repeat(300) })
      assert.equal(long.body.data.name.length, 160)
      const before = (await call('GET', '/v1/customers?limit=100')).body.data.length
      const missing = await call('POST', '/v1/customers', { ingest_aliases: ['x'] })
      assert.equal(missing.status, 400)
      assert.match(missing.body.message, /body\.name is required/)
      const tooLong = await call('POST', '/v1/customers', {
        name: 'x',
        ingest_aliases: ['a'.repeat(129)],
      })
      assert.equal(tooLong.status, 400)
      assert.match(tooLong.body.message, /body\.ingest_aliases\[0\]/)
      assert.equal((await call('GET', '/v1/customers?limit=100')).body.data.length, before)
    })

    test('an alias in use is a 409 that the SDK must not retry', async () => {
      await call('POST', '/v1/customers', { name: 'Owner', ingest_aliases: ['taken'] })
      const conflict = await call('POST', '/v1/customers', {
        name: 'Other',
        ingest_aliases: ['free', 'taken'],
      })
      assert.equal(conflict.status, 409)
      assert.equal(conflict.headers['x-should-retry'], 'false')
      assert.match(conflict.body.message, /'taken'/)
      const byFree = await call('GET', '/v1/customers?ingest_alias=free')
      assert.deepEqual(byFree.body.data, [], 'a conflicting create writes nothing')
    })

    test('setIngestAliases replaces the set, is idempotent, and refuses aliases of others', async () => {
      const a = (await call('POST', '/v1/customers', { name: 'A', ingest_aliases: ['a1'] })).body
        .data
      const b = (await call('POST', '/v1/customers', { name: 'B', ingest_aliases: ['b1'] })).body
        .data
      const set = await call('POST', `/v1/customers/${a.id}/setIngestAliases`, {
        ingest_aliases: ['a2', 'a3'],
      })
      assert.equal(set.status, 200)
      assert.equal(set.body, undefined)
      assert.equal(set.headers['content-type'], undefined)
      assert.equal(
        (
          await call('POST', `/v1/customers/${a.id}/setIngestAliases`, {
            ingest_aliases: ['a2', 'a3'],
          })
        ).status,
        200,
      )
      assert.deepEqual((await call('GET', `/v1/customers/${a.id}`)).body.data.ingest_aliases, [
        'a2',
        'a3',
      ])
      const stolen = await call('POST', `/v1/customers/${a.id}/setIngestAliases`, {
        ingest_aliases: ['b1'],
      })
      assert.equal(stolen.status, 409)
      // a1 was released, so another customer may take it.
      assert.equal(
        (
          await call('POST', `/v1/customers/${b.id}/setIngestAliases`, {
            ingest_aliases: ['b1', 'a1'],
          })
        ).status,
        200,
      )
      assert.deepEqual(
        (await call('GET', '/v1/customers?ingest_alias=a1')).body.data.map(
          (c: { id: string }) => c.id,
        ),
        [b.id],
      )
    })

    test('archive hides a customer from the default list; only_archived shows it; aliases stay reserved', async () => {
      const c = (
        await call('POST', '/v1/customers', { name: 'Gone', ingest_aliases: ['gone-alias'] })
      ).body.data
      const archived = await call('POST', '/v1/customers/archive', { id: c.id })
      assert.deepEqual(archived.body, { data: { id: c.id } })
      assert.equal((await call('POST', '/v1/customers/archive', { id: c.id })).status, 200)
      const active = (await call('GET', '/v1/customers?limit=100')).body.data.map(
        (x: { id: string }) => x.id,
      )
      assert.ok(!active.includes(c.id))
      const onlyArchived = (await call('GET', '/v1/customers?only_archived=true')).body.data
      assert.ok(
        onlyArchived.some(
          (x: { id: string; archived_at: string | null }) => x.id === c.id && x.archived_at,
        ),
      )
      assert.equal(
        (await call('POST', '/v1/customers', { name: 'Thief', ingest_aliases: ['gone-alias'] }))
          .status,
        409,
      )
    })

    test('a NUL character anywhere is a 400 naming where, and nothing is written', async () => {
      const named = await call('POST', '/v1/customers', { name: 'a\u0000b' })
      assert.equal(named.status, 400)
      assert.match(named.body.message, /^body\.name must not contain the NUL character/)
      const query = await call('GET', '/v1/customers?ingest_alias=%00')
      assert.equal(query.status, 400)
      assert.match(query.body.message, /^query\.ingest_alias/)
    })

    test('unknown customers are 404; malformed ids are 400', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000'
      assert.equal((await call('GET', `/v1/customers/${unknown}`)).status, 404)
      assert.equal((await call('POST', '/v1/customers/archive', { id: unknown })).status, 404)
      assert.equal(
        (await call('POST', `/v1/customers/${unknown}/setName`, { name: 'x' })).status,
        404,
      )
      const bad = await call('GET', '/v1/customers/not-a-uuid')
      assert.equal(bad.status, 400)
      assert.match(bad.body.message, /path\.customer_id/)
    })

    test('list pages by cursor and filters by ids (comma-joined)', async () => {
      const token = await t.tokenForClient('customers-paging')
      const headers = { authorization: `Bearer ${token}` }
      const ids: string[] = []
      for (let i = 0; i < 5; i += 1) {
        const response = await t.fastify.inject({
          method: 'POST',
          url: '/v1/customers',
          headers,
          payload: { name: `c${i}` },
        })
        ids.push(response.json().data.id)
      }
      const seen: string[] = []
      let url: string | null = '/v1/customers?limit=2'
      while (url) {
        const page = (await t.fastify.inject({ method: 'GET', url, headers })).json() as {
          data: Array<{ id: string }>
          next_page: string | null
        }
        seen.push(...page.data.map((c) => c.id))
        url = page.next_page ? `/v1/customers?limit=2&next_page=${page.next_page}` : null
      }
      assert.deepEqual(seen, ids)
      const filtered = (
        await t.fastify.inject({
          method: 'GET',
          url: `/v1/customers?customer_ids=${ids[1]},${ids[3]}`,
          headers,
        })
      ).json()
      assert.deepEqual(
        filtered.data.map((c: { id: string }) => c.id),
        [ids[1], ids[3]],
      )
    })

    test('setName, updateConfig and setBillableStatus change what get returns, and are audited', async () => {
      const c = (await call('POST', '/v1/customers', { name: 'Before' })).body.data
      const renamed = await call('POST', `/v1/customers/${c.id}/setName`, { name: 'After' })
      assert.equal(renamed.body.data.name, 'After')
      const config = await call('POST', `/v1/customers/${c.id}/updateConfig`, {
        salesforce_account_id: 'sf-1',
      })
      assert.equal(config.status, 200)
      assert.equal(config.body, undefined)
      const status = await call('POST', '/v1/customers/setBillableStatus', {
        customer_id: c.id,
        billable_status: 'unbillable',
        effective_at: '2020-01-01T00:00:00Z',
      })
      assert.deepEqual(status.body, { data: { id: c.id, current_billable_status: 'unbillable' } })
      const future = await call('POST', '/v1/customers/setBillableStatus', {
        customer_id: c.id,
        billable_status: 'billable',
        effective_at: '2999-01-01T00:00:00Z',
      })
      assert.equal(future.body.data.current_billable_status, 'unbillable')
      const detail = (await call('GET', `/v1/customers/${c.id}`)).body.data
      assert.equal(detail.name, 'After')
      assert.deepEqual(detail.customer_config, { salesforce_account_id: 'sf-1' })
      assert.deepEqual(detail.current_billable_status, {
        value: 'unbillable',
        effective_at: '2020-01-01T00:00:00.000Z',
      })
      const logs = (await call('GET', `/v1/auditLogs?resource_type=customer&resource_id=${c.id}`))
        .body.data
      assert.deepEqual(
        logs.map((entry: { action: string }) => entry.action),
        [
          'customer.create',
          'customer.set_name',
          'customer.update_config',
          'customer.set_billable_status',
          'customer.set_billable_status',
        ],
      )
    })

    test('customers of one client are invisible to another', async () => {
      const mine = (
        await call('POST', '/v1/customers', { name: 'Mine', ingest_aliases: ['shared-alias'] })
      ).body.data
      const other = await t.tokenForClient('customers-other')
      const headers = { authorization: `Bearer ${other}` }
      assert.equal(
        (await t.fastify.inject({ method: 'GET', url: `/v1/customers/${mine.id}`, headers }))
          .statusCode,
        404,
      )
      const sameAlias = await t.fastify.inject({
        method: 'POST',
        url: '/v1/customers',
        headers,
        payload: { name: 'Theirs', ingest_aliases: ['shared-alias'] },
      })
      assert.equal(sameAlias.statusCode, 200, 'aliases are unique per client, not across clients')
    })
  })
}
