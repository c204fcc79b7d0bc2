/**
 * Rate cards, their alias assignments and their rates, scoped by client. Price terms are stored
 * in a JSON form of their own (snake_case, decimals as strings) so that the stored shape does not
 * move when the domain's types are refactored.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Positioned, RateCardListQuery } from '../app/ports.js'
import { decimal, type Dec } from '../domain/money/decimal.js'
import type {
  BillingFrequency,
  CommitRateTerms,
  PricingGroupValues,
  RateCardAliasAssignment,
  RateCardEntry,
  RateTerms,
  RateType,
} from '../domain/pricing/rate-card.js'
import type {
  CreditTypeConversion,
  RateCardAlias,
  RateCardDetails,
} from '../domain/pricing/rate-card-details.js'
import type { Database, RateCardsTable } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

interface StoredConversion {
  custom_credit_type_id: string
  fiat_per_custom_credit: string
}

interface StoredTier {
  size: string | null
  price: string
}

interface StoredCommitTerms {
  rate_type: RateType
  price: string | null
  tiers: StoredTier[] | null
  minimum: string | null
}

interface StoredTerms extends StoredCommitTerms {
  credit_type_id: string | null
  is_prorated: boolean | null
  quantity: string | null
  custom_rate: Record<string, unknown> | null
}

const text = (value: Dec | null) => (value === null ? null : value.toString())
const dec = (value: string | null) => (value === null ? null : decimal(value))

function commitTermsToJson(terms: CommitRateTerms): StoredCommitTerms {
  return {
    rate_type: terms.rateType,
    price: text(terms.price),
    tiers:
      terms.tiers?.map((tier) => ({ size: text(tier.size), price: tier.price.toString() })) ?? null,
    minimum: text(terms.minimum),
  }
}

function commitTermsFromJson(stored: StoredCommitTerms): CommitRateTerms {
  return {
    rateType: stored.rate_type,
    price: dec(stored.price),
    tiers:
      stored.tiers?.map((tier) => ({ size: dec(tier.size), price: decimal(tier.price) })) ?? null,
    minimum: dec(stored.minimum),
  }
}

function termsToJson(terms: RateTerms): StoredTerms {
  return {
    ...commitTermsToJson(terms),
    credit_type_id: terms.creditTypeId,
    is_prorated: terms.isProrated,
    quantity: text(terms.quantity),
    custom_rate: terms.customRate ? { ...terms.customRate } : null,
  }
}

function termsFromJson(stored: StoredTerms): RateTerms {
  return {
    ...commitTermsFromJson(stored),
    creditTypeId: stored.credit_type_id,
    isProrated: stored.is_prorated,
    quantity: dec(stored.quantity),
    customRate: stored.custom_rate,
  }
}

function conversionsToJson(conversions: readonly CreditTypeConversion[]): string {
  const stored: StoredConversion[] = conversions.map((conversion) => ({
    custom_credit_type_id: conversion.customCreditTypeId,
    fiat_per_custom_credit: conversion.fiatPerCustomCredit.toString(),
  }))
  return JSON.stringify(stored)
}

function fromDbRateCard(
  row: Omit<RateCardsTable, 'seq'>,
  aliases: readonly RateCardAlias[],
): RateCardDetails {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    fiatCreditTypeId: row.fiat_credit_type_id,
    creditTypeConversions: (row.credit_type_conversions as StoredConversion[]).map((stored) => ({
      customCreditTypeId: stored.custom_credit_type_id,
      fiatPerCustomCredit: decimal(stored.fiat_per_custom_credit),
    })),
    aliases,
    customFields: row.custom_fields as Record<string, string>,
    productOrder: row.product_order as string[],
    createdAt: row.created_at,
    createdBy: row.created_by,
    archivedAt: row.archived_at,
  }
}

async function insertAliases(
  db: Executor,
  clientId: string,
  rateCardId: string,
  aliases: readonly RateCardAlias[],
) {
  if (aliases.length === 0) return
  await db
    .insertInto('rate_card_aliases')
    .values(
      aliases.map((alias) => ({
        client_id: clientId,
        rate_card_id: rateCardId,
        name: alias.name,
        starting_at: alias.startingAt,
        ending_before: alias.endingBefore,
      })),
    )
    .execute()
}

export async function insertRateCard(db: Executor, clientId: string, card: RateCardDetails) {
  await db
    .insertInto('rate_cards')
    .values({
      client_id: clientId,
      id: card.id,
      name: card.name,
      description: card.description,
      fiat_credit_type_id: card.fiatCreditTypeId,
      credit_type_conversions: conversionsToJson(card.creditTypeConversions),
      custom_fields: JSON.stringify(card.customFields),
      product_order: JSON.stringify(card.productOrder),
      created_at: card.createdAt,
      created_by: card.createdBy,
      archived_at: card.archivedAt,
    })
    .execute()
  await insertAliases(db, clientId, card.id, card.aliases)
}

const sameAlias = (a: RateCardAlias, b: RateCardAlias) =>
  a.name === b.name &&
  a.startingAt?.getTime() === b.startingAt?.getTime() &&
  a.endingBefore?.getTime() === b.endingBefore?.getTime()

/**
 * Writes the card's mutable parts. Aliases: assignments no longer listed are removed; listed
 * ones already held keep their place in the assignment order (re-sending an alias does not
 * re-assign it); the rest are assigned now, after every earlier assignment.
 */
export async function updateRateCard(db: Executor, clientId: string, card: RateCardDetails) {
  await db
    .updateTable('rate_cards')
    .set({
      name: card.name,
      description: card.description,
      credit_type_conversions: conversionsToJson(card.creditTypeConversions),
      product_order: JSON.stringify(card.productOrder),
      archived_at: card.archivedAt,
    })
    .where('client_id', '=', clientId)
    .where('id', '=', card.id)
    .execute()
  const held = await aliasRows(db, clientId, [card.id])
  const stale = held.filter((row) => !card.aliases.some((alias) => sameAlias(alias, row)))
  if (stale.length > 0) {
    await db
      .deleteFrom('rate_card_aliases')
      .where('client_id', '=', clientId)
      .where(
        'seq',
        'in',
        stale.map((row) => row.seq),
      )
      .execute()
  }
  const fresh = card.aliases.filter((alias) => !held.some((row) => sameAlias(alias, row)))
  await insertAliases(db, clientId, card.id, fresh)
}

async function aliasRows(db: Executor, clientId: string, rateCardIds: readonly string[]) {
  if (rateCardIds.length === 0) return []
  const rows = await db
    .selectFrom('rate_card_aliases')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('rate_card_id', 'in', [...rateCardIds])
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    seq: row.seq,
    rateCardId: row.rate_card_id,
    name: row.name,
    startingAt: row.starting_at,
    endingBefore: row.ending_before,
  }))
}

async function withAliases(
  db: Executor,
  clientId: string,
  rows: readonly Omit<RateCardsTable, 'seq'>[],
): Promise<RateCardDetails[]> {
  const aliases = await aliasRows(
    db,
    clientId,
    rows.map((row) => row.id),
  )
  return rows.map((row) =>
    fromDbRateCard(
      row,
      aliases
        .filter((alias) => alias.rateCardId === row.id)
        .map(({ name, startingAt, endingBefore }) => ({ name, startingAt, endingBefore })),
    ),
  )
}

/** With `forUpdate`, the card's row stays locked until the transaction ends. */
export async function findRateCard(
  db: Executor,
  clientId: string,
  id: string,
  forUpdate = false,
): Promise<RateCardDetails | null> {
  let select = db
    .selectFrom('rate_cards')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('id', '=', id)
  if (forUpdate) select = select.forUpdate()
  const row = await select.executeTakeFirst()
  return row ? ((await withAliases(db, clientId, [row]))[0] ?? null) : null
}

export async function listRateCards(
  db: Executor,
  query: RateCardListQuery,
): Promise<Positioned<RateCardDetails>[]> {
  let select = db
    .selectFrom('rate_cards')
    .selectAll()
    .where('client_id', '=', query.clientId)
    .where('archived_at', 'is', null)
    .orderBy('seq')
    .limit(query.limit)
  if (query.after) select = select.where('seq', '>', query.after.key)
  const rows = await select.execute()
  const cards = await withAliases(db, query.clientId, rows)
  return cards.map((item, index) => ({
    item,
    position: { timestamp: rows[index]!.created_at, key: rows[index]!.seq },
  }))
}

/** Every assignment of `name` on the client's rate cards, in assignment order. */
export async function findRateCardAliasAssignments(
  db: Executor,
  clientId: string,
  name: string,
): Promise<RateCardAliasAssignment[]> {
  const rows = await db
    .selectFrom('rate_card_aliases')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('name', '=', name)
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    rateCardId: row.rate_card_id,
    name: row.name,
    startingAt: row.starting_at,
    endingBefore: row.ending_before,
  }))
}

export async function insertRates(
  db: Executor,
  clientId: string,
  rateCardId: string,
  rates: readonly RateCardEntry[],
) {
  // One statement per 500 rates keeps each well under PostgreSQL's bind-parameter limit.
  for (let index = 0; index < rates.length; index += 500) {
    await db
      .insertInto('rates')
      .values(
        rates.slice(index, index + 500).map((rate) => ({
          client_id: clientId,
          rate_card_id: rateCardId,
          id: rate.id,
          product_id: rate.productId,
          starting_at: rate.startingAt,
          ending_before: rate.endingBefore,
          entitled: rate.entitled,
          pricing_group_values: rate.pricingGroupValues
            ? JSON.stringify(rate.pricingGroupValues)
            : null,
          billing_frequency: rate.billingFrequency,
          rate: JSON.stringify(termsToJson(rate.rate)),
          commit_rate: rate.commitRate ? JSON.stringify(commitTermsToJson(rate.commitRate)) : null,
          created_at: rate.createdAt,
        })),
      )
      .execute()
  }
}

/** The card's rates in the order they were added. */
export async function findRates(
  db: Executor,
  clientId: string,
  rateCardId: string,
): Promise<RateCardEntry[]> {
  const rows = await db
    .selectFrom('rates')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('rate_card_id', '=', rateCardId)
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    productId: row.product_id,
    startingAt: row.starting_at,
    endingBefore: row.ending_before,
    entitled: row.entitled,
    pricingGroupValues: (row.pricing_group_values ?? null) as PricingGroupValues | null,
    billingFrequency: row.billing_frequency as BillingFrequency | null,
    rate: termsFromJson(row.rate as StoredTerms),
    commitRate: row.commit_rate ? commitTermsFromJson(row.commit_rate as StoredCommitTerms) : null,
    createdAt: row.created_at,
  }))
}
