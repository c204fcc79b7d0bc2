/**
 * Contract-pricing products through the HTTP edge: create/get/list/update/archive, the
 * `ProductListItem` shape (`initial`, `current`, `updates`), scheduled and retroactive edits,
 * billable-metric and group-key checks, and a 400 naming the field for every bad input with
 * nothing written.
 */
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { operations } from '../../src/api/generated/index.js'
import { compileResponseValidator } from '../../src/api/validation.js'
import { DEFAULT_CLIENT_NAME } from '../../src/app/tenancy/bootstrap.js'
import { productAsOf } from '../../src/domain/pricing/product.js'
import { databaseKinds } from '../support/databases.js'
import { requestJson, useTestApp } from '../support/app.js'

const FUTURE = '2100-01-01T00:00:00.000Z'
const PAST = '2020-01-01T00:00:00.000Z'
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** Checks a 200 body against the spec's response schema of the operation. */
function assertSpecShape(operationId: string, body: unknown) {
  const operation = operations.find((candidate) => candidate.operationId === operationId)
  const validate = compileResponseValidator(operation!.responses['200']!.schema!)
  assert.ok(validate(body), `${operationId}: ${JSON.stringify(validate.errors)}`)
}

interface Product {
  id: string
  type: string
  initial: Record<string, unknown>
  current: Record<string, unknown>
  updates: Array<Record<string, unknown>>
  archived_at: string | null
  custom_fields: Record<string, string>
}

for (const kind of await databaseKinds()) {
  describe(`products API on ${kind}`, () => {
    const t = useTestApp(kind)
    /** Group keys: [region, tier] together, or model alone. */
    let metricId: string
    /** Group keys: model alone. */
    let modelMetricId: string
    let archivedMetricId: string
    /** A SQL metric returning the quantity and a `region` column. */
    let sqlMetricId: string

    // Status and body only: some tests compare whole answers.
    const call = async (url: string, payload?: unknown, token = t.token) => {
      const { status, body } = await requestJson(t, url, payload, {
        token,
        method: url.startsWith('/v1/auditLogs') ? 'GET' : 'POST',
      })
      return { status, body }
    }
    const createMetric = async (body: Record<string, unknown>) => {
      const response = await call('/v1/billable-metrics/create', body)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.data.id as string
    }
    const create = async (body: Record<string, unknown>) => {
      const response = await call('/v1/contract-pricing/products/create', body)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.data.id as string
    }
    const get = async (id: string): Promise<Product> => {
      const response = await call('/v1/contract-pricing/products/get', { id })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.data
    }
    const update = (body: Record<string, unknown>) =>
      call('/v1/contract-pricing/products/update', body)
    const listAll = async (archiveFilter?: string) => {
      const response = await call(
        '/v1/contract-pricing/products/list?limit=100',
        archiveFilter ? { archive_filter: archiveFilter } : {},
      )
      assert.equal(response.status, 200)
      return response.body.data as Product[]
    }

    before(async () => {
      metricId = await createMetric({
        name: 'requests',
        aggregation_type: 'COUNT',
        property_filters: ['region', 'tier', 'model'].map((name) => ({ name, exists: true })),
        group_keys: [['region', 'tier'], ['model']],
      })
      modelMetricId = await createMetric({
        name: 'by model',
        aggregation_type: 'COUNT',
        property_filters: [{ name: 'model', exists: true }],
        group_keys: [['model']],
      })
      archivedMetricId = await createMetric({ name: 'old', aggregation_type: 'COUNT' })
      const archived = await call('/v1/billable-metrics/archive', { id: archivedMetricId })
      assert.equal(archived.status, 200)
      sqlMetricId = await createMetric({
        name: 'sql by region',
        sql: 'SELECT COUNT(*) AS value, properties.region AS region FROM events GROUP BY properties.region',
      })
    })

    test('a USAGE product reads back as a ProductListItem with every setting it was given', async () => {
      const id = await create({
        name: 'API requests',
        type: 'USAGE',
        billable_metric_id: metricId,
        tags: ['api'],
        pricing_group_key: ['region'],
        presentation_group_key: ['tier'],
        quantity_conversion: { conversion_factor: 1024, operation: 'DIVIDE', name: 'MB to GB' },
        quantity_rounding: { rounding_method: 'ROUND_UP', decimal_places: 2 },
        custom_fields: { team: 'core' },
      })
      const product = await get(id)
      const settings = {
        name: 'API requests',
        tags: ['api'],
        billable_metric_id: metricId,
        pricing_group_key: ['region'],
        presentation_group_key: ['tier'],
        quantity_conversion: { conversion_factor: 1024, operation: 'DIVIDE', name: 'MB to GB' },
        quantity_rounding: { rounding_method: 'ROUND_UP', decimal_places: 2 },
      }
      assert.equal(product.id, id)
      assert.equal(product.type, 'USAGE')
      assert.deepEqual(
        { ...product.initial, created_at: undefined },
        { ...settings, created_by: 'bootstrap', created_at: undefined },
      )
      assert.ok(Date.parse(product.initial['created_at'] as string) <= Date.now())
      assert.deepEqual(product.current, product.initial)
      assert.deepEqual(product.updates, [])
      assert.equal(product.archived_at, null)
      assert.deepEqual(product.custom_fields, { team: 'core' })
      assert.equal(
        typeof (product.initial['quantity_conversion'] as { conversion_factor: unknown })
          .conversion_factor,
        'number',
      )
    })

    test('each product type is accepted; PROFESSIONAL_SERVICE reads back as PRO_SERVICE', async () => {
      const usage = await create({ name: 'u', type: 'USAGE', billable_metric_id: modelMetricId })
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: 'f', type: 'FIXED' }, 'FIXED'],
        [{ name: 's', type: 'SUBSCRIPTION' }, 'SUBSCRIPTION'],
        [{ name: 'p', type: 'PROFESSIONAL_SERVICE' }, 'PRO_SERVICE'],
        [{ name: 'q', type: 'PRO_SERVICE' }, 'PRO_SERVICE'],
        [
          {
            name: 'c',
            type: 'COMPOSITE',
            composite_product_ids: [usage],
            composite_tags: ['api'],
            include_composite_spend: true,
          },
          'COMPOSITE',
        ],
        [{ name: 'ct', type: 'COMPOSITE', composite_tags: ['api'] }, 'COMPOSITE'],
      ]
      for (const [body, type] of cases) {
        const product = await get(await create(body))
        assert.equal(product.type, type, JSON.stringify(body))
        assert.equal(product.current['name'], body['name'])
      }
      const composite = (await listAll()).find((product) => product.initial['name'] === 'c')!
      assert.deepEqual(composite.initial['composite_product_ids'], [usage])
      assert.equal(composite.initial['include_composite_spend'], true)
    })

    test('a SQL metric offers its non-quantity columns as group keys', async () => {
      const id = await create({
        name: 'sql product',
        type: 'USAGE',
        billable_metric_id: sqlMetricId,
        pricing_group_key: ['region'],
        sql_breakdown_granularity: 'HOUR',
      })
      assert.deepEqual((await get(id)).current['pricing_group_key'], ['region'])
      const wrong = await call('/v1/contract-pricing/products/create', {
        name: 'sql product',
        type: 'USAGE',
        billable_metric_id: sqlMetricId,
        pricing_group_key: ['zone'],
      })
      assert.equal(wrong.status, 400)
      assert.match(wrong.body.message, /^body\.pricing_group_key /)
    })

    test('bad creates are a 400 naming the field and write nothing', async () => {
      const existing = (await listAll('ALL')).length
      const usage = { name: 'x', type: 'USAGE', billable_metric_id: metricId }
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        ['USAGE without a metric', { name: 'x', type: 'USAGE' }, /^body\.billable_metric_id /],
        [
          'unknown metric',
          { ...usage, billable_metric_id: UNKNOWN_ID },
          /^body\.billable_metric_id names no billable metric/,
        ],
        [
          'archived metric',
          { ...usage, billable_metric_id: archivedMetricId },
          /^body\.billable_metric_id names an archived billable metric/,
        ],
        [
          'metric id not a uuid',
          { ...usage, billable_metric_id: 'm1' },
          /body\.billable_metric_id/,
        ],
        [
          'pricing key only part of a compound key',
          { ...usage, pricing_group_key: ['region'] },
          /^body\.pricing_group_key /,
        ],
        [
          'presentation key on no compound key',
          { ...usage, presentation_group_key: ['colour'] },
          /^body\.presentation_group_key /,
        ],
        [
          'keys spanning two compound keys',
          { ...usage, pricing_group_key: ['region', 'tier'], presentation_group_key: ['model'] },
          /^body\.pricing_group_key with presentation_group_key /,
        ],
        [
          'non-USAGE with a metric',
          { name: 'x', type: 'FIXED', billable_metric_id: metricId },
          /^body\.billable_metric_id is only for USAGE products/,
        ],
        [
          'non-USAGE with rounding',
          {
            name: 'x',
            type: 'SUBSCRIPTION',
            quantity_rounding: { rounding_method: 'ROUND_UP', decimal_places: 0 },
          },
          /^body\.quantity_rounding is only for USAGE products/,
        ],
        [
          'rounding with negative decimal places',
          { ...usage, quantity_rounding: { rounding_method: 'ROUND_UP', decimal_places: -1 } },
          /body\.quantity_rounding\.decimal_places/,
        ],
        [
          'rounding with fractional decimal places',
          { ...usage, quantity_rounding: { rounding_method: 'ROUND_UP', decimal_places: 1.5 } },
          /^body\.quantity_rounding\.decimal_places must be a whole number/,
        ],
        [
          'unknown rounding method',
          { ...usage, quantity_rounding: { rounding_method: 'ROUND_SIDEWAYS', decimal_places: 1 } },
          /body\.quantity_rounding\.rounding_method/,
        ],
        [
          'conversion factor of zero',
          { ...usage, quantity_conversion: { conversion_factor: 0, operation: 'MULTIPLY' } },
          /^body\.quantity_conversion\.conversion_factor must be greater than 0/,
        ],
        [
          'composite without products or tags',
          { name: 'x', type: 'COMPOSITE' },
          /^body\.composite_product_ids or composite_tags is required/,
        ],
        [
          'composite naming an unknown product',
          { name: 'x', type: 'COMPOSITE', composite_product_ids: [UNKNOWN_ID] },
          /^body\.composite_product_ids\[0\] names no product/,
        ],
        [
          'composite fields on a FIXED product',
          { name: 'x', type: 'FIXED', composite_tags: ['a'] },
          /^body\.composite_tags is only for COMPOSITE products/,
        ],
        ['unknown type', { name: 'x', type: 'BUNDLE' }, /body\.type/],
        ['missing name', { type: 'FIXED' }, /body\.name/],
      ]
      for (const [label, body, message] of cases) {
        const response = await call('/v1/contract-pricing/products/create', body)
        assert.equal(response.status, 400, `${label}: ${JSON.stringify(response.body)}`)
        assert.match(response.body.message, message, label)
      }
      assert.equal((await listAll('ALL')).length, existing)
    })

    test('an update scheduled in the future leaves current unchanged and shows in updates', async () => {
      const id = await create({ name: 'Storage', type: 'USAGE', billable_metric_id: metricId })
      const response = await update({
        product_id: id,
        starting_at: FUTURE,
        name: 'Storage (GB)',
        quantity_conversion: { conversion_factor: 0.5, operation: 'MULTIPLY' },
      })
      assert.equal(response.status, 200)
      assert.deepEqual(response.body, { data: { id } })
      const product = await get(id)
      assert.equal(product.current['name'], 'Storage')
      assert.equal(product.current['quantity_conversion'], undefined)
      assert.equal(product.updates.length, 1)
      const [scheduled] = product.updates
      assert.deepEqual(
        { ...scheduled, created_at: undefined },
        {
          name: 'Storage (GB)',
          quantity_conversion: { conversion_factor: 0.5, operation: 'MULTIPLY' },
          starting_at: FUTURE,
          created_by: 'bootstrap',
          created_at: undefined,
        },
      )
      assert.deepEqual(product.initial, { ...product.current })
    })

    test('a retroactive update changes current; a null conversion clears it', async () => {
      const id = await create({
        name: 'Bandwidth',
        type: 'USAGE',
        billable_metric_id: metricId,
        quantity_conversion: { conversion_factor: 1000, operation: 'DIVIDE' },
        presentation_group_key: ['model'],
      })
      const response = await update({
        product_id: id,
        starting_at: PAST,
        name: 'Egress',
        quantity_conversion: null,
        billable_metric_id: modelMetricId,
        tags: ['network'],
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const product = await get(id)
      assert.equal(product.current['name'], 'Egress')
      assert.equal(product.current['quantity_conversion'], undefined)
      assert.equal(product.current['billable_metric_id'], modelMetricId)
      assert.deepEqual(product.current['tags'], ['network'])
      assert.deepEqual(product.current['presentation_group_key'], ['model'])
      assert.equal(product.initial['name'], 'Bandwidth')
      assert.equal(product.updates[0]!['quantity_conversion'], null)
      assert.equal('pricing_group_key' in product.updates[0]!, false, 'only changed fields')
    })

    test('bad updates are a 400 (404 for an unknown product) naming the field and write nothing', async () => {
      const usage = await create({
        name: 'grouped',
        type: 'USAGE',
        billable_metric_id: metricId,
        pricing_group_key: ['region', 'tier'],
      })
      const fixed = await create({ name: 'fee', type: 'FIXED' })
      const composite = await create({ name: 'mix', type: 'COMPOSITE', composite_tags: ['a'] })
      const on = (productId: string, fields: Record<string, unknown>) => ({
        product_id: productId,
        starting_at: PAST,
        ...fields,
      })
      const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
        [
          'starting_at not on an hour boundary',
          on(usage, { starting_at: '2020-01-01T00:30:00Z', name: 'n' }),
          400,
          /^body\.starting_at must be on an hour boundary/,
        ],
        [
          'starting_at not a date-time',
          on(usage, { starting_at: 'soon' }),
          400,
          /body\.starting_at/,
        ],
        ['missing starting_at', { product_id: usage, name: 'n' }, 400, /body\.starting_at/],
        ['unknown product', on(UNKNOWN_ID, { name: 'n' }), 404, /not found/],
        ['product id not a uuid', on('p1', { name: 'n' }), 400, /body\.product_id/],
        [
          'new metric lacks the product’s group keys',
          on(usage, { billable_metric_id: modelMetricId }),
          400,
          /^body\.pricing_group_key /,
        ],
        [
          'unknown new metric',
          on(usage, { billable_metric_id: UNKNOWN_ID }),
          400,
          /^body\.billable_metric_id names no billable metric/,
        ],
        [
          'archived new metric',
          on(usage, { billable_metric_id: archivedMetricId }),
          400,
          /^body\.billable_metric_id names an archived billable metric/,
        ],
        [
          'keys not a compound key of the metric in force',
          on(usage, { pricing_group_key: ['tier'] }),
          400,
          /^body\.pricing_group_key /,
        ],
        [
          'metric on a FIXED product',
          on(fixed, { billable_metric_id: metricId }),
          400,
          /^body\.billable_metric_id is only for USAGE products/,
        ],
        [
          'rounding with negative decimal places',
          on(usage, { quantity_rounding: { rounding_method: 'ROUND_DOWN', decimal_places: -2 } }),
          400,
          /body\.quantity_rounding\.decimal_places/,
        ],
        [
          'composite naming itself',
          on(composite, { composite_product_ids: [composite] }),
          400,
          /^body\.composite_product_ids\[0\] cannot name the product itself/,
        ],
        [
          'composite naming an unknown product',
          on(composite, { composite_product_ids: [UNKNOWN_ID] }),
          400,
          /^body\.composite_product_ids\[0\] names no product/,
        ],
        ['a type change', on(fixed, { type: 'USAGE' }), 400, /^body\.type cannot change/],
      ]
      for (const [label, body, status, message] of cases) {
        const response = await update(body)
        assert.equal(response.status, status, `${label}: ${JSON.stringify(response.body)}`)
        assert.match(response.body.message, message, label)
      }
      for (const id of [usage, fixed, composite]) assert.deepEqual((await get(id)).updates, [])
    })

    test('an archived product is readable, listed by archive_filter, and no longer updatable', async () => {
      const id = await create({ name: 'Legacy', type: 'FIXED' })
      const archived = await call('/v1/contract-pricing/products/archive', { product_id: id })
      assert.deepEqual(archived, { status: 200, body: { data: { id } } })
      const first = (await get(id)).archived_at
      assert.ok(first !== null && Date.parse(first) <= Date.now())
      // Archiving again succeeds and keeps the first instant, so a retry is harmless.
      const again = await call('/v1/contract-pricing/products/archive', { product_id: id })
      assert.equal(again.status, 200)
      assert.equal((await get(id)).archived_at, first)
      const ids = (products: Product[]) => products.map((product) => product.id)
      assert.equal(ids(await listAll()).includes(id), false, 'default is NOT_ARCHIVED')
      assert.equal(ids(await listAll('NOT_ARCHIVED')).includes(id), false)
      assert.ok(ids(await listAll('ARCHIVED')).includes(id))
      assert.ok(ids(await listAll('ALL')).includes(id))
      assert.ok((await listAll('ARCHIVED')).every((product) => product.archived_at !== null))
      const edit = await update({ product_id: id, starting_at: FUTURE, name: 'Revived' })
      assert.equal(edit.status, 400)
      assert.match(edit.body.message, /^body\.product_id names an archived product/)
      const unknown = await call('/v1/contract-pricing/products/archive', {
        product_id: UNKNOWN_ID,
      })
      assert.equal(unknown.status, 404)
    })

    test('list pages with limit and next_page in the query', async () => {
      const token = await t.tokenForClient(`products-paging-${kind}`)
      const created: string[] = []
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const response = await call(
          '/v1/contract-pricing/products/create',
          { name, type: 'FIXED' },
          token,
        )
        created.push(response.body.data.id)
      }
      const seen: string[] = []
      let url: string | null = '/v1/contract-pricing/products/list?limit=2'
      let pages = 0
      while (url) {
        const page = await call(url, {}, token)
        assert.equal(page.status, 200)
        assert.ok(page.body.data.length <= 2)
        seen.push(...page.body.data.map((product: Product) => product.id))
        pages += 1
        url = page.body.next_page
          ? `/v1/contract-pricing/products/list?limit=2&next_page=${page.body.next_page}`
          : null
      }
      assert.deepEqual(seen, created)
      assert.equal(pages, 3)
      const bad = await call('/v1/contract-pricing/products/list?next_page=nope', {}, token)
      assert.equal(bad.status, 400)
      assert.match(bad.body.message, /next_page/)
      const tooMany = await call('/v1/contract-pricing/products/list?limit=101', {}, token)
      assert.equal(tooMany.status, 400)
      assert.match(tooMany.body.message, /query\.limit/)
      const filter = await call(
        '/v1/contract-pricing/products/list',
        { archive_filter: 'SOME' },
        token,
      )
      assert.equal(filter.status, 400)
      assert.match(filter.body.message, /body\.archive_filter/)
    })

    test('products belong to their client', async () => {
      const id = await create({ name: 'Mine', type: 'FIXED' })
      const other = await t.tokenForClient(`products-other-${kind}`)
      assert.equal((await call('/v1/contract-pricing/products/get', { id }, other)).status, 404)
      const edit = { product_id: id, starting_at: FUTURE, name: 'Theirs' }
      assert.equal((await call('/v1/contract-pricing/products/update', edit, other)).status, 404)
      const composite = await call(
        '/v1/contract-pricing/products/create',
        { name: 'c', type: 'COMPOSITE', composite_product_ids: [id] },
        other,
      )
      assert.equal(composite.status, 400)
      const metric = await call(
        '/v1/contract-pricing/products/create',
        { name: 'u', type: 'USAGE', billable_metric_id: metricId },
        other,
      )
      assert.equal(metric.status, 400)
      assert.match(metric.body.message, /^body\.billable_metric_id names no billable metric/)
      assert.deepEqual(
        (await call('/v1/contract-pricing/products/list', { archive_filter: 'ALL' }, other)).body
          .data,
        [],
      )
    })

    test('get and list answers match the spec’s response schemas', async () => {
      const id = await create({
        name: 'Shaped',
        type: 'USAGE',
        billable_metric_id: metricId,
        presentation_group_key: ['model'],
        quantity_conversion: { conversion_factor: 2.5, operation: 'MULTIPLY', name: 'x2.5' },
      })
      await update({ product_id: id, starting_at: PAST, quantity_conversion: null })
      await update({
        product_id: id,
        starting_at: FUTURE,
        quantity_rounding: { rounding_method: 'ROUND_DOWN', decimal_places: 0 },
      })
      await create({ name: 'Composite', type: 'COMPOSITE', composite_product_ids: [id] })
      const got = await call('/v1/contract-pricing/products/get', { id })
      assertSpecShape('getProduct-v1', got.body)
      const listed = await call('/v1/contract-pricing/products/list', { archive_filter: 'ALL' })
      assertSpecShape('listProducts-v1', listed.body)
      assertSpecShape(
        'createProduct-v1',
        (await call('/v1/contract-pricing/products/create', { name: 'f', type: 'FIXED' })).body,
      )
    })

    test('every product write appends an audit entry', async () => {
      const id = await create({ name: 'Audited', type: 'FIXED' })
      await update({ product_id: id, starting_at: FUTURE, name: 'Audited 2' })
      await call('/v1/contract-pricing/products/archive', { product_id: id })
      const logs = await call(`/v1/auditLogs?resource_type=product&resource_id=${id}&sort=date_asc`)
      assert.deepEqual(
        logs.body.data.map((entry: { action: string }) => entry.action),
        ['product.create', 'product.update', 'product.archive'],
      )
    })

    // The worked example of docs/pricing.md, "Products: scheduled edits". Keep the two in step.
    test('docs/pricing.md: a product renamed from a future instant', async () => {
      const id = await create({ name: 'Support', type: 'FIXED' })
      const renamed = await update({
        product_id: id,
        starting_at: '2100-01-01T00:00:00Z',
        name: 'Premium support',
      })
      assert.equal(renamed.status, 200)
      const wire = await get(id)
      assert.equal(wire.current['name'], 'Support')
      assert.deepEqual(
        wire.updates.map(({ name, starting_at }) => ({ name, starting_at })),
        [{ name: 'Premium support', starting_at: '2100-01-01T00:00:00.000Z' }],
      )
      const client = (await t.app.store.findClientByName(DEFAULT_CLIENT_NAME))!
      const product = (await t.app.store.findProduct(client.id, id))!
      assert.equal(productAsOf(product, new Date('2099-12-31T23:00:00Z')).name, 'Support')
      assert.equal(productAsOf(product, new Date('2100-01-01T00:00:00Z')).name, 'Premium support')
    })
  })
}
