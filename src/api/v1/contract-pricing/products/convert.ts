/**
 * Products on the wire. Requests name settings in snake_case (`CreateProductListItemPayload`,
 * `UpdateProductListItemPayload`); responses are `ProductListItem`: the settings as created
 * (`initial`), as in force now (`current`), and each update with only the fields it changed.
 * Conversion factors are decimals inside and JSON numbers on the wire, as the spec types them.
 */
import { decimal } from '../../../../domain/money/decimal.js'
import {
  productCurrent,
  type CompositeScope,
  type Product,
  type ProductChanges,
  type ProductSettings,
  type SqlBreakdownGranularity,
} from '../../../../domain/pricing/product.js'
import {
  canonicalRoundingMethod,
  type QuantityConversion,
  type QuantityRounding,
} from '../../../../domain/pricing/quantity.js'
import type {
  QuantityConversion as WireConversion,
  QuantityRounding as WireRounding,
} from '../../../generated/index.js'

/** The setting fields both request bodies share (update lacks `composite_scope`). */
export interface WireSettings {
  name?: string
  tags?: string[]
  billable_metric_id?: string
  quantity_conversion?: WireConversion
  quantity_rounding?: WireRounding
  pricing_group_key?: string[]
  presentation_group_key?: string[]
  composite_product_ids?: string[]
  composite_tags?: string[]
  composite_scope?: CompositeScope
  exclude_free_usage?: boolean
  include_composite_spend?: boolean
  is_refundable?: boolean
  netsuite_internal_item_id?: string
  netsuite_overage_item_id?: string
  sql_breakdown_granularity?: SqlBreakdownGranularity
}

function fromApiConversion(wire: NonNullable<WireConversion>): QuantityConversion {
  return {
    // A JSON number's shortest text is the value the client wrote (0.1 stays 0.1).
    conversionFactor: decimal(String(wire.conversion_factor)),
    operation: wire.operation,
    name: wire.name ?? null,
  }
}

function fromApiRounding(wire: NonNullable<WireRounding>): QuantityRounding {
  return { roundingMethod: wire.rounding_method, decimalPlaces: wire.decimal_places }
}

/** The settings a request gives; an absent field is absent (unchanged), `null` clears. */
export function fromApiChanges(wire: WireSettings): ProductChanges {
  const changes: { -readonly [K in keyof ProductSettings]?: ProductSettings[K] } = {}
  if (wire.name !== undefined) changes.name = wire.name
  if (wire.tags !== undefined) changes.tags = wire.tags
  if (wire.billable_metric_id !== undefined) changes.billableMetricId = wire.billable_metric_id
  if (wire.quantity_conversion !== undefined) {
    changes.quantityConversion = wire.quantity_conversion
      ? fromApiConversion(wire.quantity_conversion)
      : null
  }
  if (wire.quantity_rounding !== undefined) {
    changes.quantityRounding = wire.quantity_rounding
      ? fromApiRounding(wire.quantity_rounding)
      : null
  }
  if (wire.pricing_group_key !== undefined) changes.pricingGroupKey = wire.pricing_group_key
  if (wire.presentation_group_key !== undefined) {
    changes.presentationGroupKey = wire.presentation_group_key
  }
  if (wire.composite_product_ids !== undefined) {
    changes.compositeProductIds = wire.composite_product_ids
  }
  if (wire.composite_tags !== undefined) changes.compositeTags = wire.composite_tags
  if (wire.composite_scope !== undefined) changes.compositeScope = wire.composite_scope
  if (wire.exclude_free_usage !== undefined) changes.excludeFreeUsage = wire.exclude_free_usage
  if (wire.include_composite_spend !== undefined) {
    changes.includeCompositeSpend = wire.include_composite_spend
  }
  if (wire.is_refundable !== undefined) changes.isRefundable = wire.is_refundable
  if (wire.netsuite_internal_item_id !== undefined) {
    changes.netsuiteInternalItemId = wire.netsuite_internal_item_id
  }
  if (wire.netsuite_overage_item_id !== undefined) {
    changes.netsuiteOverageItemId = wire.netsuite_overage_item_id
  }
  if (wire.sql_breakdown_granularity !== undefined) {
    changes.sqlBreakdownGranularity = wire.sql_breakdown_granularity
  }
  return changes
}

function toApiConversion(conversion: QuantityConversion) {
  return {
    conversion_factor: Number(conversion.conversionFactor.toString()),
    operation: conversion.operation,
    ...(conversion.name === null ? {} : { name: conversion.name }),
  }
}

function toApiRounding(rounding: QuantityRounding) {
  return {
    rounding_method: canonicalRoundingMethod(rounding.roundingMethod),
    decimal_places: rounding.decimalPlaces,
  }
}

/**
 * The fields `changes` sets, in wire form. `null` means "unset" in a view and is left out, but in
 * an update a `null` quantity conversion or rounding is a change (it removed one), and
 * `clearedAsNull` writes it as the `null` the spec allows there. `sql_breakdown_granularity` is
 * stored but not shown: the spec's `ProductListItem` has no such field.
 */
function toApiFields(changes: ProductChanges, clearedAsNull: boolean) {
  const nullable = <T, W>(value: T | null | undefined, toWire: (value: T) => W) =>
    value === undefined || (value === null && !clearedAsNull)
      ? undefined
      : value === null
        ? null
        : toWire(value)
  const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined
  const copy = (values: readonly string[] | null | undefined) =>
    values === null || values === undefined ? undefined : [...values]
  const fields = {
    name: given(changes.name),
    tags: copy(changes.tags),
    billable_metric_id: given(changes.billableMetricId),
    quantity_conversion: nullable(changes.quantityConversion, toApiConversion),
    quantity_rounding: nullable(changes.quantityRounding, toApiRounding),
    pricing_group_key: copy(changes.pricingGroupKey),
    presentation_group_key: copy(changes.presentationGroupKey),
    composite_product_ids: copy(changes.compositeProductIds),
    composite_tags: copy(changes.compositeTags),
    composite_scope: given(changes.compositeScope),
    exclude_free_usage: given(changes.excludeFreeUsage),
    include_composite_spend: given(changes.includeCompositeSpend),
    is_refundable: given(changes.isRefundable),
    netsuite_internal_item_id: given(changes.netsuiteInternalItemId),
    netsuite_overage_item_id: given(changes.netsuiteOverageItemId),
  }
  // Fields left undefined are dropped, so the JSON carries exactly the fields that are set.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof typeof fields]?: Exclude<(typeof fields)[K], undefined>
  }
}

/**
 * A `ProductListItem`. The product has no start of its own (its settings as created apply at
 * every instant no update covers), so `initial` and `current` carry no `starting_at`; both carry
 * the product's creation, as the spec's example does for `current`.
 */
export function toApiProduct(product: Product, now: Date) {
  const created = { created_at: product.createdAt.toISOString(), created_by: product.createdBy }
  const state = (settings: ProductSettings) => ({
    ...toApiFields(settings, false),
    name: settings.name,
    ...created,
  })
  return {
    id: product.id,
    type: product.type,
    initial: state(product.initial),
    current: state(productCurrent(product, now)),
    updates: product.updates.map((update) => ({
      ...toApiFields(update.changes, true),
      starting_at: update.startingAt.toISOString(),
      created_at: update.createdAt.toISOString(),
      created_by: update.createdBy,
    })),
    archived_at: product.archivedAt ? product.archivedAt.toISOString() : null,
    custom_fields: { ...product.customFields },
  }
}
