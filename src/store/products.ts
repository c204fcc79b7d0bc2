/**
 * Products, scoped by client. A product is stored as its settings as created plus its list of
 * scheduled updates, in a JSON form of their own (decimals as strings, instants as RFC 3339),
 * so that the stored shape does not move when the domain's types are refactored.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Positioned, ProductListQuery } from '../app/ports.js'
import { decimal } from '../domain/money/decimal.js'
import type {
  Product,
  ProductChanges,
  ProductSettings,
  ProductType,
  ProductUpdate,
} from '../domain/pricing/product.js'
import type { QuantityConversion } from '../domain/pricing/quantity.js'
import type { Database, ProductsTable } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

interface StoredConversion {
  conversion_factor: string
  operation: QuantityConversion['operation']
  name: string | null
}

type StoredSettings = Record<string, unknown>

function conversionToJson(conversion: QuantityConversion | null): StoredConversion | null {
  return conversion
    ? {
        conversion_factor: conversion.conversionFactor.toString(),
        operation: conversion.operation,
        name: conversion.name,
      }
    : null
}

function conversionFromJson(stored: StoredConversion | null): QuantityConversion | null {
  return stored
    ? {
        conversionFactor: decimal(stored.conversion_factor),
        operation: stored.operation,
        name: stored.name,
      }
    : null
}

/** Settings or changes to JSON: only the keys present are written (absent = unchanged). */
function changesToJson(changes: ProductChanges): StoredSettings {
  const stored: StoredSettings = {}
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue
    stored[key] =
      key === 'quantityConversion' ? conversionToJson(value as QuantityConversion | null) : value
  }
  return stored
}

function changesFromJson(stored: StoredSettings): ProductChanges {
  const changes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(stored)) {
    changes[key] =
      key === 'quantityConversion' ? conversionFromJson(value as StoredConversion | null) : value
  }
  return changes as ProductChanges
}

interface StoredUpdate {
  starting_at: string
  changes: StoredSettings
  created_at: string
  created_by: string
}

function updateToJson(update: ProductUpdate): StoredUpdate {
  return {
    starting_at: update.startingAt.toISOString(),
    changes: changesToJson(update.changes),
    created_at: update.createdAt.toISOString(),
    created_by: update.createdBy,
  }
}

function updateFromJson(stored: StoredUpdate): ProductUpdate {
  return {
    startingAt: new Date(stored.starting_at),
    changes: changesFromJson(stored.changes),
    createdAt: new Date(stored.created_at),
    createdBy: stored.created_by,
  }
}

function fromDbProduct(row: Omit<ProductsTable, 'seq'>): Product {
  return {
    id: row.id,
    type: row.type as ProductType,
    initial: changesFromJson(row.initial as StoredSettings) as ProductSettings,
    updates: (row.updates as StoredUpdate[]).map(updateFromJson),
    customFields: row.custom_fields as Record<string, string>,
    createdAt: row.created_at,
    createdBy: row.created_by,
    archivedAt: row.archived_at,
  }
}

export async function insertProduct(db: Executor, clientId: string, product: Product) {
  await db
    .insertInto('products')
    .values({
      client_id: clientId,
      id: product.id,
      type: product.type,
      initial: JSON.stringify(changesToJson(product.initial)),
      updates: JSON.stringify(product.updates.map(updateToJson)),
      custom_fields: JSON.stringify(product.customFields),
      created_at: product.createdAt,
      created_by: product.createdBy,
      archived_at: product.archivedAt,
    })
    .execute()
}

export async function updateProduct(db: Executor, clientId: string, product: Product) {
  await db
    .updateTable('products')
    .set({
      updates: JSON.stringify(product.updates.map(updateToJson)),
      custom_fields: JSON.stringify(product.customFields),
      archived_at: product.archivedAt,
    })
    .where('client_id', '=', clientId)
    .where('id', '=', product.id)
    .execute()
}

export async function findProducts(
  db: Executor,
  clientId: string,
  ids: readonly string[],
): Promise<Product[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('id', 'in', [...ids])
    .execute()
  return rows.map(fromDbProduct)
}

export async function listProducts(
  db: Executor,
  query: ProductListQuery,
): Promise<Positioned<Product>[]> {
  let select = db
    .selectFrom('products')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .orderBy('seq')
    .limit(query.limit)
  if (query.archived === 'ARCHIVED') select = select.where('archived_at', 'is not', null)
  if (query.archived === 'NOT_ARCHIVED') select = select.where('archived_at', 'is', null)
  if (query.after) select = select.where('seq', '>', query.after.key)
  const rows = await select.execute()
  return rows.map((row) => ({
    item: fromDbProduct(row),
    position: { timestamp: row.created_at, key: row.seq },
  }))
}
