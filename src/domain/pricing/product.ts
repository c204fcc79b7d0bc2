/**
 * Products and their scheduled edits (semantics §3.1). A product is what a line item bills; it
 * carries no price. Its settings change by scheduled updates: each update takes effect at its
 * `startingAt` (an hour boundary, past or future), so a product's view depends on the instant
 * asked about. The type never changes.
 *
 * Validation reports every problem at once, each named by its wire field path under `root`
 * (`body` unless told), e.g. `body.quantity_rounding.decimal_places`. A problem reads as
 * `<field> <message>` (see `describeProblems`).
 */
import type { Problem } from '../problem.js'
import {
  checkQuantityConversion,
  checkQuantityRounding,
  type QuantityConversion,
  type QuantityRounding,
} from './quantity.js'

/** PROFESSIONAL_SERVICE is accepted on create as another spelling of PRO_SERVICE. */
export type ProductType = 'USAGE' | 'SUBSCRIPTION' | 'COMPOSITE' | 'FIXED' | 'PRO_SERVICE'
export type ProductTypeInput = ProductType | 'PROFESSIONAL_SERVICE'

export function productType(input: ProductTypeInput): ProductType {
  return input === 'PROFESSIONAL_SERVICE' ? 'PRO_SERVICE' : input
}

export type CompositeScope = 'CUSTOMER' | 'CONTRACT'
export type SqlBreakdownGranularity = 'HOUR' | 'SERVICE_PERIOD'

/** The settings an update may change; `null` means "not set". */
export interface ProductSettings {
  readonly name: string
  readonly tags: readonly string[]
  readonly billableMetricId: string | null
  readonly quantityConversion: QuantityConversion | null
  readonly quantityRounding: QuantityRounding | null
  readonly pricingGroupKey: readonly string[] | null
  readonly presentationGroupKey: readonly string[] | null
  readonly compositeProductIds: readonly string[] | null
  readonly compositeTags: readonly string[] | null
  readonly compositeScope: CompositeScope | null
  readonly excludeFreeUsage: boolean | null
  readonly includeCompositeSpend: boolean | null
  readonly isRefundable: boolean | null
  readonly netsuiteInternalItemId: string | null
  readonly netsuiteOverageItemId: string | null
  readonly sqlBreakdownGranularity: SqlBreakdownGranularity | null
}

/**
 * What one update changes: a field that is absent keeps its value ("defaults to product's
 * current ..."); `null` clears the two settings the wire lets a caller clear (quantity
 * conversion and rounding are nullable objects).
 */
export type ProductChanges = {
  readonly [K in keyof ProductSettings]?: ProductSettings[K]
}

export interface ProductUpdate {
  /** When the changes take effect; on an hour boundary. */
  readonly startingAt: Date
  readonly changes: ProductChanges
  readonly createdAt: Date
  readonly createdBy: string
}

export interface Product {
  readonly id: string
  readonly type: ProductType
  /** The settings as created; they apply at every instant no update covers. */
  readonly initial: ProductSettings
  /** Every update in the order it was made (that order breaks ties on `startingAt`). */
  readonly updates: readonly ProductUpdate[]
  readonly customFields: Readonly<Record<string, string>>
  readonly createdAt: Date
  readonly createdBy: string
  readonly archivedAt: Date | null
}

/** The settings in force at `at` (inclusive start): the same product seen at one instant. */
export interface ProductView extends ProductSettings {
  readonly id: string
  readonly type: ProductType
  readonly customFields: Readonly<Record<string, string>>
  readonly archivedAt: Date | null
}

/**
 * The updates whose `startingAt` is at or before `at`, applied in `startingAt` order; updates
 * with the same `startingAt` apply in the order they were made, so the later edit wins.
 */
export function productAsOf(product: Product, at: Date): ProductView {
  const settings = updatesInEffect(product.updates, at).reduce(
    (current, update) => applyChanges(current, update.changes),
    product.initial,
  )
  return {
    ...settings,
    id: product.id,
    type: product.type,
    customFields: product.customFields,
    archivedAt: product.archivedAt,
  }
}

/** What the wire calls `current`: the view at the caller's `now`. */
export function productCurrent(product: Product, now: Date): ProductView {
  return productAsOf(product, now)
}

/** The updates in effect at `at`, in the order they apply. */
export function updatesInEffect(updates: readonly ProductUpdate[], at: Date): ProductUpdate[] {
  // Array.prototype.sort is stable, so equal starts keep the order the updates were made.
  return updates
    .filter((update) => update.startingAt.getTime() <= at.getTime())
    .sort((a, b) => a.startingAt.getTime() - b.startingAt.getTime())
}

/** Every setting unset; typed as the whole record, so a new setting cannot be forgotten here. */
const unsetSettings: ProductSettings = {
  name: '',
  tags: [],
  billableMetricId: null,
  quantityConversion: null,
  quantityRounding: null,
  pricingGroupKey: null,
  presentationGroupKey: null,
  compositeProductIds: null,
  compositeTags: null,
  compositeScope: null,
  excludeFreeUsage: null,
  includeCompositeSpend: null,
  isRefundable: null,
  netsuiteInternalItemId: null,
  netsuiteOverageItemId: null,
  sqlBreakdownGranularity: null,
}

const settingKeys = Object.keys(unsetSettings) as (keyof ProductSettings)[]

/** The settings with every field the changes give replaced; other keys of `changes` ignored. */
export function applyChanges(settings: ProductSettings, changes: ProductChanges): ProductSettings {
  const next: Record<string, unknown> = { ...settings }
  for (const key of settingKeys) {
    if (changes[key] !== undefined) next[key] = changes[key]
  }
  return next as unknown as ProductSettings
}

/** A new product with `update` scheduled after every update made before it. */
export function withUpdate(product: Product, update: ProductUpdate): Product {
  return { ...product, updates: [...product.updates, update] }
}

const HOUR_MS = 3_600_000

export function isHourBoundary(at: Date): boolean {
  // Before 1970 the remainder is -0, which equals 0: boundaries stay boundaries.
  return at.getTime() % HOUR_MS === 0
}

export function checkHourBoundary(at: Date, field: string): readonly Problem[] {
  return isHourBoundary(at)
    ? []
    : [{ field, message: 'must be on an hour boundary (e.g. 1:00, not 1:30)' }]
}

/**
 * True when the pricing and presentation keys together are, as a set, one of the metric's
 * compound group keys; also true when neither is given. The OpenAPI document: "The superset of
 * values in the pricing group key and presentation group key must be set as one compound group
 * key on the billable metric."
 */
export function groupKeysFitMetric(
  pricingKeys: readonly string[] | null,
  presentationKeys: readonly string[] | null,
  metricGroupKeys: readonly (readonly string[])[],
): boolean {
  if (pricingKeys === null && presentationKeys === null) return true
  const wanted = new Set([...(pricingKeys ?? []), ...(presentationKeys ?? [])])
  return metricGroupKeys.some((groupKey) => {
    const candidate = new Set(groupKey)
    return candidate.size === wanted.size && [...wanted].every((key) => candidate.has(key))
  })
}

/** A product as a create request describes it, after wire parsing. */
export interface ProductCreateInput extends ProductChanges {
  readonly type: ProductTypeInput
  readonly name: string
}

/** The settings a create request gives, with everything it leaves out unset. */
export function initialSettings(input: ProductCreateInput): ProductSettings {
  return applyChanges({ ...unsetSettings, name: input.name }, input)
}

export interface ProductCheckOptions {
  /** The wire path of the body; `body` unless told. */
  readonly root?: string
  /**
   * The compound group keys of the billable metric the product will use, when the caller has
   * loaded it; without them the group-key fit is not checked here.
   */
  readonly metricGroupKeys?: readonly (readonly string[])[]
}

/** Settings that mean something only with a billable metric. */
const usageOnly = [
  ['billableMetricId', 'billable_metric_id'],
  ['quantityConversion', 'quantity_conversion'],
  ['quantityRounding', 'quantity_rounding'],
  ['pricingGroupKey', 'pricing_group_key'],
  ['presentationGroupKey', 'presentation_group_key'],
] as const satisfies readonly (readonly [keyof ProductSettings, string])[]

const compositeOnly = [
  ['compositeProductIds', 'composite_product_ids'],
  ['compositeTags', 'composite_tags'],
  ['compositeScope', 'composite_scope'],
  ['excludeFreeUsage', 'exclude_free_usage'],
  ['includeCompositeSpend', 'include_composite_spend'],
] as const satisfies readonly (readonly [keyof ProductSettings, string])[]

export function checkProductCreate(
  input: ProductCreateInput,
  options: ProductCheckOptions = {},
): readonly Problem[] {
  const root = options.root ?? 'body'
  const type = productType(input.type)
  const problems = [...checkFieldsForType(type, input, root), ...checkSettingValues(input, root)]
  if (type === 'USAGE' && !input.billableMetricId) {
    problems.push({
      field: `${root}.billable_metric_id`,
      message: 'is required for USAGE products',
    })
  }
  if (type === 'COMPOSITE' && isEmpty(input.compositeProductIds) && isEmpty(input.compositeTags)) {
    problems.push({
      field: `${root}.composite_product_ids`,
      message: 'or composite_tags is required for COMPOSITE products',
    })
  }
  problems.push(
    ...checkGroupKeyFit(
      input.pricingGroupKey ?? null,
      input.presentationGroupKey ?? null,
      options.metricGroupKeys,
      root,
    ),
  )
  return problems
}

/** A product update request after wire parsing: when it starts and what it changes. */
export interface ProductUpdateInput {
  readonly startingAt: Date
  readonly changes: ProductChanges
}

/**
 * Checks an update against the product's (immutable) type, and the group keys as they will be
 * from the update's start; `metricGroupKeys` are those of the billable metric in force then
 * (`productAsOf(withUpdate(...), startingAt).billableMetricId`).
 */
export function checkProductUpdate(
  product: Product,
  update: ProductUpdateInput,
  options: ProductCheckOptions = {},
): readonly Problem[] {
  const root = options.root ?? 'body'
  const problems = [
    ...checkHourBoundary(update.startingAt, `${root}.starting_at`),
    ...checkFieldsForType(product.type, update.changes, root),
    ...checkSettingValues(update.changes, root),
  ]
  const { changes } = update
  if (product.type === 'USAGE' && changes.billableMetricId === null) {
    problems.push({ field: `${root}.billable_metric_id`, message: 'cannot be removed' })
  }
  const touchesGrouping =
    changes.billableMetricId !== undefined ||
    changes.pricingGroupKey !== undefined ||
    changes.presentationGroupKey !== undefined
  if (touchesGrouping) {
    // The update is the newest, so at its own start it applies after every other update.
    const after = applyChanges(productAsOf(product, update.startingAt), changes)
    problems.push(
      ...checkGroupKeyFit(
        after.pricingGroupKey,
        after.presentationGroupKey,
        options.metricGroupKeys,
        root,
      ),
    )
  }
  return problems
}

function checkFieldsForType(type: ProductType, changes: ProductChanges, root: string): Problem[] {
  const problems: Problem[] = []
  const given = (key: keyof ProductSettings) => changes[key] !== undefined && changes[key] !== null
  if (type !== 'USAGE') {
    for (const [key, wire] of usageOnly) {
      if (given(key)) {
        problems.push({ field: `${root}.${wire}`, message: 'is only for USAGE products' })
      }
    }
  }
  if (type !== 'COMPOSITE') {
    for (const [key, wire] of compositeOnly) {
      if (given(key)) {
        problems.push({ field: `${root}.${wire}`, message: 'is only for COMPOSITE products' })
      }
    }
  }
  if (type !== 'USAGE' && type !== 'COMPOSITE' && given('netsuiteOverageItemId')) {
    problems.push({
      field: `${root}.netsuite_overage_item_id`,
      message: 'is only for USAGE and COMPOSITE products',
    })
  }
  return problems
}

function checkSettingValues(changes: ProductChanges, root: string): Problem[] {
  const problems: Problem[] = []
  if (changes.quantityConversion) {
    problems.push(
      ...checkQuantityConversion(changes.quantityConversion, `${root}.quantity_conversion`),
    )
  }
  if (changes.quantityRounding) {
    problems.push(...checkQuantityRounding(changes.quantityRounding, `${root}.quantity_rounding`))
  }
  return problems
}

function checkGroupKeyFit(
  pricingKeys: readonly string[] | null,
  presentationKeys: readonly string[] | null,
  metricGroupKeys: readonly (readonly string[])[] | undefined,
  root: string,
): Problem[] {
  if (metricGroupKeys === undefined) return []
  if (groupKeysFitMetric(pricingKeys, presentationKeys, metricGroupKeys)) return []
  const message = 'must be, as a set, one of the billable metric’s compound group keys'
  return pricingKeys === null
    ? [{ field: `${root}.presentation_group_key`, message }]
    : presentationKeys === null
      ? [{ field: `${root}.pricing_group_key`, message }]
      : [{ field: `${root}.pricing_group_key`, message: `with presentation_group_key ${message}` }]
}

function isEmpty(values: readonly string[] | null | undefined): boolean {
  return !values || values.length === 0
}
