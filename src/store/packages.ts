/**
 * Packages, scoped by client (decision 0011). A package is one JSON document in a stored form of
 * its own: its terms with decimals as `{ "$dec": "…" }` and relative instants as their steps,
 * its view as sent, and its aliases (also kept in `package_aliases` so that an alias is found
 * without reading every package).
 */
import type { Kysely, Transaction } from 'kysely'
import type {
  PackageContractQuery,
  PackageContractSummary,
  PackageListQuery,
  Positioned,
} from '../app/ports.js'
import type { OpaqueJson } from '../domain/contracts/contract.js'
import type { Package, PackageTerms } from '../domain/contracts/packages.js'
import { Dec, decimal } from '../domain/money/decimal.js'
import type { Database, PackagesTable } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>
type Json = Record<string, unknown>

const DEC_TAG = '$dec'

function encode(value: unknown): unknown {
  if (value instanceof Dec) return { [DEC_TAG]: value.toString() }
  if (Array.isArray(value)) return value.map(encode)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, encode(field)]))
  }
  return value
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 1 && entries[0]?.[0] === DEC_TAG) return decimal(entries[0][1] as string)
    return Object.fromEntries(entries.map(([key, field]) => [key, decode(field)]))
  }
  return value
}

function packageToJson(pkg: Package): Json {
  return {
    name: pkg.name,
    created_by: pkg.createdBy,
    aliases: pkg.aliases.map((alias) => ({
      name: alias.name,
      starting_at: alias.startingAt?.toISOString() ?? null,
      ending_before: alias.endingBefore?.toISOString() ?? null,
    })),
    terms: encode(pkg.terms),
    view: pkg.view,
  }
}

function fromRow(row: Omit<PackagesTable, 'seq'>): Package {
  const document = row.document as Json
  const date = (value: unknown) => (value === null ? null : new Date(value as string))
  return {
    id: row.id,
    name: document['name'] as string,
    uniquenessKey: row.uniqueness_key,
    aliases: (document['aliases'] as Json[]).map((alias) => ({
      name: alias['name'] as string,
      startingAt: date(alias['starting_at']),
      endingBefore: date(alias['ending_before']),
    })),
    terms: decode(document['terms']) as PackageTerms,
    view: document['view'] as OpaqueJson,
    createdAt: row.created_at,
    createdBy: document['created_by'] as string,
    archivedAt: row.archived_at,
  }
}

/** Stores a new package; false (nothing written) when its uniqueness key is already used. */
export async function insertPackage(db: Executor, clientId: string, pkg: Package) {
  const inserted = await db
    .insertInto('packages')
    .values({
      client_id: clientId,
      id: pkg.id,
      uniqueness_key: pkg.uniquenessKey,
      document: JSON.stringify(packageToJson(pkg)),
      created_at: pkg.createdAt,
      archived_at: pkg.archivedAt,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted === undefined) return false
  if (pkg.aliases.length > 0) {
    await db
      .insertInto('package_aliases')
      .values(
        pkg.aliases.map((alias) => ({
          client_id: clientId,
          package_id: pkg.id,
          name: alias.name,
          starting_at: alias.startingAt,
          ending_before: alias.endingBefore,
        })),
      )
      .execute()
  }
  return true
}

export async function isUniquenessKeyUsed(db: Executor, clientId: string, key: string) {
  const row = await db
    .selectFrom('packages')
    .select('id')
    .where('client_id', '=', clientId)
    .where('uniqueness_key', '=', key)
    .executeTakeFirst()
  return row !== undefined
}

export async function findPackage(db: Executor, clientId: string, id: string) {
  const row = await db
    .selectFrom('packages')
    .select(['id', 'uniqueness_key', 'document', 'created_at', 'archived_at', 'client_id'])
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Every unarchived package that holds (or held, or will hold) the alias. */
export async function findPackagesWithAlias(db: Executor, clientId: string, name: string) {
  const rows = await db
    .selectFrom('packages')
    .select([
      'packages.id',
      'packages.uniqueness_key',
      'packages.document',
      'packages.created_at',
      'packages.archived_at',
      'packages.client_id',
    ])
    .where('packages.client_id', '=', clientId)
    .where('packages.archived_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('package_aliases')
          .select('package_aliases.package_id')
          .whereRef('package_aliases.client_id', '=', 'packages.client_id')
          .whereRef('package_aliases.package_id', '=', 'packages.id')
          .where('package_aliases.name', '=', name),
      ),
    )
    .execute()
  return rows.map(fromRow)
}

export async function listPackages(
  db: Executor,
  query: PackageListQuery,
): Promise<Positioned<Package>[]> {
  let select = db
    .selectFrom('packages')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .orderBy('seq')
    .limit(query.limit)
  if (query.archived === 'ARCHIVED') select = select.where('archived_at', 'is not', null)
  if (query.archived === 'NOT_ARCHIVED') select = select.where('archived_at', 'is', null)
  if (query.after) select = select.where('seq', '>', query.after.key)
  const rows = await select.execute()
  return rows.map((row) => ({
    item: fromRow(row),
    position: { timestamp: row.created_at, key: row.seq },
  }))
}

export async function archivePackage(db: Executor, clientId: string, id: string, at: Date) {
  await db
    .updateTable('packages')
    .set({ archived_at: at })
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .execute()
}

export async function linkContract(
  db: Executor,
  clientId: string,
  packageId: string,
  contractId: string,
) {
  await db
    .insertInto('package_contracts')
    .values({ client_id: clientId, package_id: packageId, contract_id: contractId })
    .execute()
}

/** The contracts provisioned from a package, in provisioning order, with their current term. */
export async function listPackageContracts(
  db: Executor,
  query: PackageContractQuery,
): Promise<Positioned<PackageContractSummary>[]> {
  let select = db
    .selectFrom('package_contracts')
    .innerJoin('contracts', (join) =>
      join
        .onRef('contracts.client_id', '=', 'package_contracts.client_id')
        .onRef('contracts.id', '=', 'package_contracts.contract_id'),
    )
    .select([
      'package_contracts.seq',
      'contracts.id',
      'contracts.customer_id',
      'contracts.starting_at',
      'contracts.ending_before',
      'contracts.archived_at',
      'contracts.created_at',
    ])
    .where('package_contracts.client_id', '=', query.clientId)
    .where('package_contracts.package_id', '=', query.packageId)
    .orderBy('package_contracts.seq')
    .limit(query.limit)
  if (!query.includeArchived) select = select.where('contracts.archived_at', 'is', null)
  if (query.startingAtOrAfter) {
    select = select.where('contracts.starting_at', '>=', query.startingAtOrAfter)
  }
  if (query.covering) {
    const covering = query.covering
    select = select
      .where('contracts.starting_at', '<=', covering)
      .where((eb) =>
        eb.or([
          eb('contracts.ending_before', 'is', null),
          eb('contracts.ending_before', '>', covering),
        ]),
      )
  }
  if (query.after) select = select.where('package_contracts.seq', '>', query.after.key)
  const rows = await select.execute()
  return rows.map((row) => ({
    item: {
      contractId: row.id,
      customerId: row.customer_id,
      startingAt: row.starting_at,
      endingBefore: row.ending_before,
      archivedAt: row.archived_at,
    },
    position: { timestamp: row.created_at, key: row.seq },
  }))
}
