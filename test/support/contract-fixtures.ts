/**
 * What API tests of contracts start from, made through a test app: customers, products, rate
 * cards with their rates, contracts. Each answers the new id.
 */
import { randomUUID } from 'node:crypto'
import {
  initialSettings,
  type Product,
  type ProductType,
} from '../../src/domain/pricing/product.js'
import { jsonCalls, type TestApp } from './app.js'

/** A customer with a random name, of the default client unless a token is given. */
export async function createCustomer(t: TestApp, token = t.token): Promise<string> {
  const body = await jsonCalls(t).ok('/v1/customers', { name: `c ${randomUUID()}` }, token)
  return body.data.id as string
}

/** A product made through the API; a USAGE one needs a billable metric (see `storeProduct`). */
export async function createProduct(t: TestApp, type: ProductType, name: string): Promise<string> {
  const body = await jsonCalls(t).ok('/v1/contract-pricing/products/create', { name, type })
  return body.data.id as string
}

/**
 * A product written straight into the store, created in 2019 (before any date the tests use):
 * USAGE products made through the API would otherwise need a metric.
 */
export async function storeProduct(
  t: TestApp,
  type: ProductType,
  name: string,
  tags: string[] = [],
): Promise<string> {
  const product: Product = {
    id: randomUUID(),
    type,
    initial: initialSettings({ type, name, tags }),
    updates: [],
    customFields: {},
    createdAt: new Date('2019-01-01T00:00:00Z'),
    createdBy: 'test',
    archivedAt: null,
  }
  await t.app.store.insertProduct(t.clientId, product)
  return product.id
}

export async function createRateCard(
  t: TestApp,
  payload: Record<string, unknown> = { name: 'Card' },
): Promise<string> {
  const body = await jsonCalls(t).ok('/v1/contract-pricing/rate-cards/create', payload)
  return body.data.id as string
}

/** Adds an entitled FLAT rate of `price` from `startingAt` to the rate card. */
export async function addFlatRate(
  t: TestApp,
  rate: { rateCardId: string; productId: string; price: number; startingAt: string },
  extra: Record<string, unknown> = {},
): Promise<void> {
  await jsonCalls(t).ok('/v1/contract-pricing/rate-cards/addRate', {
    rate_card_id: rate.rateCardId,
    product_id: rate.productId,
    starting_at: rate.startingAt,
    entitled: true,
    rate_type: 'FLAT',
    price: rate.price,
    ...extra,
  })
}

export async function createContract(
  t: TestApp,
  payload: Record<string, unknown>,
): Promise<string> {
  const body = await jsonCalls(t).ok('/v1/contracts/create', payload)
  return body.data.id as string
}

/** A new customer with one contract of `terms`; `ids` names that contract in get and edit bodies. */
export async function createCustomerContract(t: TestApp, terms: Record<string, unknown>) {
  const customer = await createCustomer(t)
  const contract = await createContract(t, { customer_id: customer, ...terms })
  return { customer, contract, ids: { customer_id: customer, contract_id: contract } }
}
