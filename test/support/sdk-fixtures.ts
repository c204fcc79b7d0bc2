/**
 * What SDK tests start from, made through the official client (each answers the new id), and
 * matchers for what the SDK throws and shows.
 */
import Metronome from '@metronome/sdk'

type ProductType = Metronome.V1.Contracts.ProductCreateParams['type']

export async function createCustomer(client: Metronome, name: string): Promise<string> {
  return (await client.v1.customers.create({ name })).data.id
}

export async function createProduct(
  client: Metronome,
  type: ProductType,
  name: string,
): Promise<string> {
  return (await client.v1.contracts.products.create({ name, type })).data.id
}

export async function createContract(
  client: Metronome,
  params: Metronome.V1.ContractCreateParams,
): Promise<string> {
  return (await client.v1.contracts.create(params)).data.id
}

/** For `assert.rejects`: a 400 whose message matches `field`. */
export const badRequest = (field: RegExp) => (error: unknown) =>
  error instanceof Metronome.BadRequestError && field.test(error.message)

/** A balance's ledger as `[type, amount]` pairs; none is an empty ledger. */
export const ledgerOf = (balance: { ledger?: ReadonlyArray<{ type: string; amount: number }> }) =>
  (balance.ledger ?? []).map((entry) => [entry.type, entry.amount])

/** The v2 contract with the ledgers and balances of its commits and credits. */
export async function retrieveWithBalances(
  client: Metronome,
  ids: { customer_id: string; contract_id: string },
) {
  return (
    await client.v2.contracts.retrieve({ ...ids, include_ledgers: true, include_balance: true })
  ).data
}
