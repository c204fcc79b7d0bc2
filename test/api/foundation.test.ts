/**
 * The HTTP edge through `inject()`: authentication, validation, errors, envelopes, the audit
 * log and tenant isolation, on the embedded store (and PostgreSQL when reachable).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { USD_CENTS_CREDIT_TYPE_ID } from '../../src/domain/pricing/credit-type.js'
import { endpoints } from '../../src/api/endpoints.js'
import { databaseKinds } from '../support/databases.js'
import { useTestApp } from '../support/app.js'

for (const kind of await databaseKinds()) {
  describe(`foundation API on ${kind}`, () => {
    const t = useTestApp(kind)

    const auth = () => ({ authorization: `Bearer ${t.token}` })
    const auditCount = async (token = t.token) => {
      const response = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?limit=100',
        headers: { authorization: `Bearer ${token}` },
      })
      return (response.json() as { data: unknown[] }).data.length
    }

    test('a missing or wrong token is 401 with a message and no retry', async () => {
      const missing = await t.fastify.inject({ method: 'GET', url: '/v1/credit-types/list' })
      assert.equal(missing.statusCode, 401)
      assert.match(missing.json().message, /bearer token/i)
      assert.equal(missing.headers['x-should-retry'], 'false')
      const wrong = await t.fastify.inject({
        method: 'GET',
        url: '/v1/credit-types/list',
        headers: { authorization: 'Bearer not-a-token' },
      })
      assert.equal(wrong.statusCode, 401)
      assert.deepEqual(wrong.json(), { message: 'Invalid API token' })
      const wrongV2 = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { authorization: 'Bearer nope' },
        payload: {},
      })
      assert.equal(wrongV2.statusCode, 401)
      assert.equal(await auditCount(), 0)
    })

    test('an unknown route is a JSON 404 for v1 and v2, with or without a token', async () => {
      const v1 = await t.fastify.inject({
        method: 'POST',
        url: '/v1/nope',
        headers: auth(),
        payload: {},
      })
      assert.equal(v1.statusCode, 404)
      assert.match(String(v1.headers['content-type']), /application\/json/)
      assert.deepEqual(Object.keys(v1.json()), ['message'])
      const v2 = await t.fastify.inject({ method: 'POST', url: '/v2/nope', payload: {} })
      assert.equal(v2.statusCode, 404)
      assert.equal(typeof v2.json().code, 'string')
      assert.equal(v2.headers['x-should-retry'], 'false')
      const missingOp = await t.fastify.inject({
        method: 'POST',
        url: '/v1/alerts/create',
        headers: auth(),
        payload: {},
      })
      assert.equal(
        missingOp.statusCode,
        404,
        'an operation not implemented yet is absent, not faked',
      )
    })

    test('every response carries a request id; a client-supplied one is echoed', async () => {
      const response = await t.fastify.inject({
        method: 'GET',
        url: '/v1/services',
        headers: auth(),
      })
      assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/)
      const echoed = await t.fastify.inject({
        method: 'GET',
        url: '/v1/services',
        headers: { ...auth(), 'x-request-id': 'req-abc-123' },
      })
      assert.equal(echoed.headers['x-request-id'], 'req-abc-123')
    })

    test('pricing units: the USD (cents) fiat type under its well-known id, paginated', async () => {
      const response = await t.fastify.inject({
        method: 'GET',
        url: '/v1/credit-types/list',
        headers: auth(),
      })
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), {
        data: [{ id: USD_CENTS_CREDIT_TYPE_ID, name: 'USD (cents)', is_currency: true }],
        next_page: null,
      })
    })

    test('pricing units pages by cursor without repeats or gaps', async () => {
      const client = await t.app.store.findClientByName('default')
      assert.ok(client)
      const extra = [1, 2, 3, 4].map((n) => ({
        id: `00000000-0000-4000-8000-00000000000${n}`,
        name: `unit ${n}`,
        isCurrency: false,
      }))
      const other = await t.tokenForClient('pagination-client')
      const otherClient = await t.app.store.findClientByName('pagination-client')
      assert.ok(otherClient)
      await t.app.store.insertCreditTypes(otherClient.id, extra, new Date('2026-01-01T00:00:00Z'))
      const seen: string[] = []
      let nextPage: string | null = null
      let pages = 0
      do {
        const query: string = nextPage ? `limit=2&next_page=${nextPage}` : 'limit=2'
        const response = await t.fastify.inject({
          method: 'GET',
          url: `/v1/credit-types/list?${query}`,
          headers: { authorization: `Bearer ${other}` },
        })
        assert.equal(response.statusCode, 200)
        const body = response.json() as { data: Array<{ id: string }>; next_page: string | null }
        assert.ok(body.data.length <= 2)
        seen.push(...body.data.map((row) => row.id))
        nextPage = body.next_page
        pages += 1
      } while (nextPage && pages < 10)
      assert.equal(pages, 3)
      assert.deepEqual(
        new Set(seen),
        new Set([...extra.map((row) => row.id), USD_CENTS_CREDIT_TYPE_ID]),
      )
      assert.equal(seen.length, 5)
    })

    test('a malformed cursor or a limit out of range is a 400 naming the field', async () => {
      const badCursor = await t.fastify.inject({
        method: 'GET',
        url: '/v1/credit-types/list?next_page=zzz',
        headers: auth(),
      })
      assert.equal(badCursor.statusCode, 400)
      assert.match(badCursor.json().message, /next_page/)
      const badLimit = await t.fastify.inject({
        method: 'GET',
        url: '/v1/credit-types/list?limit=101',
        headers: auth(),
      })
      assert.equal(badLimit.statusCode, 400)
      assert.match(badLimit.json().message, /query\.limit/)
      const notNumber = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?limit=abc',
        headers: auth(),
      })
      assert.equal(notNumber.statusCode, 400)
      assert.match(notNumber.json().message, /query\.limit/)
      const badSort = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?sort=sideways',
        headers: auth(),
      })
      assert.equal(badSort.statusCode, 400)
      assert.match(badSort.json().message, /query\.sort must be one of: date_asc, date_desc/)
      const badDate = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?starting_on=yesterday',
        headers: auth(),
      })
      assert.equal(badDate.statusCode, 400)
      assert.match(badDate.json().message, /query\.starting_on/)
    })

    test('services lists the address the API accepts connections at', async () => {
      const response = await t.fastify.inject({
        method: 'GET',
        url: '/v1/services',
        headers: auth(),
      })
      assert.deepEqual(response.json(), {
        services: [{ name: 'metrum-api', usage: 'accepts_connections_at', ips: ['127.0.0.1'] }],
      })
    })

    test('a write through the API appends an audit entry; bad writes append none', async () => {
      const before = await auditCount()
      const bad = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: auth(),
        payload: { name: 42 },
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.json().message, /body\.name must be string/)
      const malformed = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { ...auth(), 'content-type': 'application/json' },
        payload: '{"name": ',
      })
      assert.equal(malformed.statusCode, 400)
      assert.match(malformed.json().message, /not valid JSON/)
      assert.equal(await auditCount(), before)

      const created = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { ...auth(), 'user-agent': 'audit-test/1.0', 'x-request-id': 'audit-req-1' },
        payload: { name: 'ci' },
      })
      assert.equal(created.statusCode, 200)
      const token = created.json().data as { id: string; token: string; name: string }
      assert.equal(token.name, 'ci')
      const logs = await t.fastify.inject({
        method: 'GET',
        url: `/v1/auditLogs?resource_type=api_token&resource_id=${token.id}`,
        headers: auth(),
      })
      const entries = logs.json().data as Array<Record<string, unknown>>
      assert.equal(entries.length, 1)
      const entry = entries[0]!
      assert.equal(entry['action'], 'api_token.create')
      assert.equal(entry['resource_type'], 'api_token')
      assert.equal(entry['resource_id'], token.id)
      assert.equal(entry['status'], 'success')
      assert.deepEqual(entry['request'], {
        id: 'audit-req-1',
        ip: '127.0.0.1',
        user_agent: 'audit-test/1.0',
      })
      assert.equal((entry['actor'] as { name: string }).name, 'bootstrap')
      // The new token works and belongs to the same client.
      const withNew = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs',
        headers: { authorization: `Bearer ${token.token}` },
      })
      assert.equal(withNew.statusCode, 200)
      assert.ok((withNew.json().data as unknown[]).length >= 1)
    })

    test('audit logs page in both sort orders and honour the spec filter rules', async () => {
      const token = await t.tokenForClient('audit-paging')
      const headers = { authorization: `Bearer ${token}` }
      for (let i = 0; i < 5; i += 1) {
        const response = await t.fastify.inject({
          method: 'POST',
          url: '/_metrum/tokens',
          headers,
          payload: { name: `t${i}` },
        })
        assert.equal(response.statusCode, 200)
      }
      const walk = async (sort: string) => {
        const ids: string[] = []
        let url: string | null = `/v1/auditLogs?limit=2&sort=${sort}`
        for (let guard = 0; url && guard < 10; guard += 1) {
          const response: { statusCode: number; json(): unknown } = await t.fastify.inject({
            method: 'GET',
            url,
            headers,
          })
          assert.equal(response.statusCode, 200)
          const body = response.json() as {
            data: Array<{ id: string; timestamp: string }>
            next_page: string | null
          }
          ids.push(...body.data.map((row) => row.id))
          url = body.next_page ? `/v1/auditLogs?limit=2&next_page=${body.next_page}` : null
        }
        return ids
      }
      const ascending = await walk('date_asc')
      const descending = await walk('date_desc')
      assert.equal(ascending.length, 5)
      assert.deepEqual(descending, [...ascending].reverse())

      const combined = await t.fastify.inject({
        method: 'GET',
        url: `/v1/auditLogs?next_page=${encodeURIComponent(Buffer.from(JSON.stringify({ t: new Date().toISOString(), k: '1', s: 'date_asc' })).toString('base64url'))}&starting_on=2026-01-01T00:00:00Z`,
        headers,
      })
      assert.equal(combined.statusCode, 400)
      assert.match(combined.json().message, /next_page/)
      const half = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?resource_type=api_token',
        headers,
      })
      assert.equal(half.statusCode, 400)
      assert.match(half.json().message, /resource_type and resource_id/)
      const future = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs?starting_on=2100-01-01T00:00:00Z',
        headers,
      })
      assert.deepEqual(future.json(), { data: [], next_page: null })
    })

    test('two clients never see each other’s audit logs or tokens', async () => {
      const tokenA = await t.tokenForClient('tenant-a')
      const tokenB = await t.tokenForClient('tenant-b')
      const madeByA = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { authorization: `Bearer ${tokenA}` },
        payload: { name: 'a-secret' },
      })
      const idA = madeByA.json().data.id as string
      const listB = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs',
        headers: { authorization: `Bearer ${tokenB}` },
      })
      assert.deepEqual(listB.json(), { data: [], next_page: null })
      const filteredB = await t.fastify.inject({
        method: 'GET',
        url: `/v1/auditLogs?resource_type=api_token&resource_id=${idA}`,
        headers: { authorization: `Bearer ${tokenB}` },
      })
      assert.deepEqual(filteredB.json().data, [])
      const listA = await t.fastify.inject({
        method: 'GET',
        url: '/v1/auditLogs',
        headers: { authorization: `Bearer ${tokenA}` },
      })
      assert.deepEqual(
        (listA.json().data as Array<{ resource_id: string }>).map((e) => e.resource_id),
        [idA],
      )
    })

    test('gzip request bodies are accepted; unknown encodings are 415', async () => {
      const gz = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(Buffer.from(JSON.stringify({ name: 'zipped' }))),
      })
      assert.equal(gz.statusCode, 200)
      assert.equal(gz.json().data.name, 'zipped')
      const br = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'br' },
        payload: 'xx',
      })
      assert.equal(br.statusCode, 415)
    })

    test('a POST with no body at all is treated as {}', async () => {
      const response = await t.fastify.inject({
        method: 'POST',
        url: '/_metrum/tokens',
        headers: auth(),
      })
      assert.equal(response.statusCode, 200)
      assert.equal(response.json().data.name, 'api')
    })

    test('health checks the database; metrics are Prometheus text', async () => {
      const health = await t.fastify.inject({ method: 'GET', url: '/_metrum/health' })
      assert.deepEqual(health.json(), { status: 'ok', database: 'ok' })
      const metrics = await t.fastify.inject({ method: 'GET', url: '/_metrum/metrics' })
      assert.equal(metrics.statusCode, 200)
      assert.match(metrics.body, /metrum_http_request_duration_seconds_bucket/)
      assert.match(metrics.body, /process_cpu_user_seconds_total/)
    })

    test('/docs serves an OpenAPI document of exactly the implemented operations', async () => {
      const response = await t.fastify.inject({ method: 'GET', url: '/docs/json' })
      assert.equal(response.statusCode, 200)
      const document = response.json() as {
        paths: Record<string, Record<string, { operationId?: string }>>
        components: { schemas: Record<string, unknown> }
      }
      const ids = Object.values(document.paths)
        .flatMap((methods) => Object.values(methods).map((op) => op.operationId))
        .filter(Boolean)
        .sort()
      const implemented = endpoints
        .filter((endpoint) => endpoint.status === 'implemented')
        .map((endpoint) => endpoint.operation.operationId)
        .sort()
      assert.deepEqual(ids, implemented)
      assert.ok('AuditLog' in document.components.schemas)
      assert.doesNotMatch(response.body, /metronome#/)
      const ui = await t.fastify.inject({ method: 'GET', url: '/docs' })
      assert.ok(ui.statusCode === 200 || ui.statusCode === 302)
    })
  })
}
