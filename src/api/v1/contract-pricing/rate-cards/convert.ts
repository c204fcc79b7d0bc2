/** Rate cards and rates on the wire (`RateCard`, `RatePayload`, `RateSchedule`, …) and back. */
import type { RateRow } from '../../../../app/rate-cards/rate-rows.js'
import type { CreditType } from '../../../../domain/pricing/credit-type.js'
import type { ProductView } from '../../../../domain/pricing/product.js'
import type {
  CommitRateTerms,
  NewRate,
  RateCardEntry,
  RateSelector,
  RateTerms,
  Tier,
} from '../../../../domain/pricing/rate-card.js'
import type {
  CreditTypeConversion,
  RateCardAlias,
  RateCardDetails,
} from '../../../../domain/pricing/rate-card-details.js'
import type {
  CommitRate,
  CreditTypeConversionInput,
  Rate,
  RateCard,
  RateCardAlias as WireAlias,
  RatePayload,
  RateSchedule,
  RateSelector as WireSelector,
  RateSelectorWithProductTags,
  RateWithCommitRate,
  Tier as WireTier,
} from '../../../generated/index.js'
import { fromNumber, toNumber } from '../../../wire.js'

/** An optional wire number, null when absent (the rate-card domain's "not set"). */
const optionalDec = (value: number | undefined) => (value === undefined ? null : fromNumber(value))

function fromApiTiers(tiers: WireTier[] | undefined): Tier[] | null {
  return tiers
    ? tiers.map((tier) => ({ size: optionalDec(tier.size), price: fromNumber(tier.price) }))
    : null
}

function fromApiCommitRate(commitRate: CommitRate): CommitRateTerms {
  return {
    rateType: commitRate.rate_type,
    price: optionalDec(commitRate.price),
    tiers: fromApiTiers(commitRate.tiers),
    minimum: optionalDec(commitRate.minimum_config?.minimum),
  }
}

/** A rate as sent; a missing credit type stays null for the use case to default from the card. */
export function fromApiRate(payload: Omit<RatePayload, never>): NewRate {
  const terms: RateTerms = {
    ...fromApiCommitRate(payload),
    creditTypeId: payload.credit_type_id ?? null,
    isProrated: payload.is_prorated ?? null,
    quantity: optionalDec(payload.quantity),
    customRate: payload.custom_rate ?? null,
  }
  return {
    productId: payload.product_id,
    startingAt: new Date(payload.starting_at),
    endingBefore: payload.ending_before ? new Date(payload.ending_before) : null,
    entitled: payload.entitled,
    pricingGroupValues: payload.pricing_group_values ?? null,
    billingFrequency: payload.billing_frequency ?? null,
    rate: terms,
    commitRate: payload.commit_rate ? fromApiCommitRate(payload.commit_rate) : null,
  }
}

export function fromApiAlias(alias: WireAlias): RateCardAlias {
  return {
    name: alias.name,
    startingAt: alias.starting_at ? new Date(alias.starting_at) : null,
    endingBefore: alias.ending_before ? new Date(alias.ending_before) : null,
  }
}

export function fromApiConversion(conversion: CreditTypeConversionInput): CreditTypeConversion {
  return {
    customCreditTypeId: conversion.custom_credit_type_id,
    fiatPerCustomCredit: fromNumber(conversion.fiat_per_custom_credit),
  }
}

export function fromApiSelector(
  selector: WireSelector | RateSelectorWithProductTags,
): RateSelector {
  return {
    ...(selector.product_id === undefined ? {} : { productId: selector.product_id }),
    ...('product_tags' in selector && selector.product_tags !== undefined
      ? { productTags: selector.product_tags }
      : {}),
    ...(selector.pricing_group_values === undefined
      ? {}
      : { pricingGroupValues: selector.pricing_group_values }),
    ...(selector.partial_pricing_group_values === undefined
      ? {}
      : { partialPricingGroupValues: selector.partial_pricing_group_values }),
    ...(selector.billing_frequency === undefined
      ? {}
      : { billingFrequency: selector.billing_frequency }),
  }
}

function toApiCreditType(id: string, creditTypes: ReadonlyMap<string, CreditType>) {
  // Credit types are never deleted, so the name is always there; the id is a last resort.
  return { id, name: creditTypes.get(id)?.name ?? id }
}

export function toApiRateCard(
  card: RateCardDetails,
  creditTypes: ReadonlyMap<string, CreditType>,
): RateCard {
  return {
    id: card.id,
    name: card.name,
    created_at: card.createdAt.toISOString(),
    created_by: card.createdBy,
    ...(card.description === null ? {} : { description: card.description }),
    fiat_credit_type: toApiCreditType(card.fiatCreditTypeId, creditTypes),
    credit_type_conversions: card.creditTypeConversions.map((conversion) => ({
      custom_credit_type: toApiCreditType(conversion.customCreditTypeId, creditTypes),
      fiat_per_custom_credit: conversion.fiatPerCustomCredit.toString(),
    })),
    aliases: card.aliases.map((alias) => ({
      name: alias.name,
      ...(alias.startingAt ? { starting_at: alias.startingAt.toISOString() } : {}),
      ...(alias.endingBefore ? { ending_before: alias.endingBefore.toISOString() } : {}),
    })),
    custom_fields: { ...card.customFields },
  }
}

function toApiTiers(tiers: readonly Tier[]): WireTier[] {
  return tiers.map((tier) => ({
    ...(tier.size === null ? {} : { size: toNumber(tier.size) }),
    price: toNumber(tier.price),
  }))
}

export function toApiCommitRate(terms: CommitRateTerms): CommitRate {
  return {
    rate_type: terms.rateType,
    ...(terms.price === null ? {} : { price: toNumber(terms.price) }),
    ...(terms.tiers === null ? {} : { tiers: toApiTiers(terms.tiers) }),
    ...(terms.minimum === null ? {} : { minimum_config: { minimum: toNumber(terms.minimum) } }),
  }
}

export function toApiRate(
  entry: RateCardEntry,
  creditTypes: ReadonlyMap<string, CreditType>,
): Rate {
  const terms = entry.rate
  return {
    ...toApiCommitRate(terms),
    ...(terms.customRate === null ? {} : { custom_rate: { ...terms.customRate } }),
    ...(terms.quantity === null ? {} : { quantity: toNumber(terms.quantity) }),
    ...(terms.isProrated === null ? {} : { is_prorated: terms.isProrated }),
    ...(entry.pricingGroupValues === null
      ? {}
      : { pricing_group_values: { ...entry.pricingGroupValues } }),
    ...(terms.creditTypeId === null
      ? {}
      : { credit_type: toApiCreditType(terms.creditTypeId, creditTypes) }),
  }
}

export function toApiRateWithCommitRate(
  entry: RateCardEntry,
  creditTypes: ReadonlyMap<string, CreditType>,
): RateWithCommitRate {
  // RateWithCommitRate has no minimum_config of its own; a commit rate keeps its own.
  const rate = toApiRate(entry, creditTypes)
  delete rate.minimum_config
  return {
    ...rate,
    ...(entry.commitRate === null ? {} : { commit_rate: toApiCommitRate(entry.commitRate) }),
  }
}

/**
 * Where a rate row sits, as rate schedules of rate cards and of contracts both show it: the
 * product (name, tags and custom fields as of the row), its pricing group values and the period.
 */
export function toApiRateRowPlace(
  entry: Pick<RateCardEntry, 'productId' | 'pricingGroupValues'>,
  product: Pick<ProductView, 'name' | 'tags' | 'customFields'>,
  period: { readonly startingAt: Date; readonly endingBefore: Date | null },
) {
  return {
    product_id: entry.productId,
    product_name: product.name,
    product_tags: [...product.tags],
    product_custom_fields: { ...product.customFields },
    ...(entry.pricingGroupValues === null
      ? {}
      : { pricing_group_values: { ...entry.pricingGroupValues } }),
    starting_at: period.startingAt.toISOString(),
    ...(period.endingBefore === null ? {} : { ending_before: period.endingBefore.toISOString() }),
  }
}

export function toApiRateRow(
  row: RateRow,
  creditTypes: ReadonlyMap<string, CreditType>,
): RateSchedule {
  const { segment, product } = row
  const entry = segment.entry
  return {
    ...toApiRateRowPlace(entry, product, segment),
    entitled: entry.entitled,
    rate: toApiRate(entry, creditTypes),
    ...(entry.commitRate === null ? {} : { commit_rate: toApiCommitRate(entry.commitRate) }),
    ...(entry.billingFrequency === null ? {} : { billing_frequency: entry.billingFrequency }),
  }
}
