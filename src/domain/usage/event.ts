/**
 * How a usage event's properties read, and whether an event matches a metric.
 *
 * These rules mirror PostgreSQL's `properties ->> 'name'` on jsonb, so that the SQL aggregation
 * and this reference agree: only own properties count; strings read as themselves, finite
 * numbers as JavaScript prints them, booleans as 'true'/'false', and JSON null and absent
 * properties as no value. A property is a number only when its whole text is a decimal literal.
 */
import { Dec } from '../money/decimal.js'
import type { StreamingMetricDefinition } from './billable-metric.js'

export interface UsageEvent {
  readonly transactionId: string
  readonly customerRef: string
  readonly eventType: string
  readonly timestamp: Date
  readonly properties: Readonly<Record<string, unknown>>
}

/** The same pattern guards the SQL `::numeric` cast, so both accept exactly these texts. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

function has(properties: Readonly<Record<string, unknown>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(properties, name)
}

/** Text of a property as filters, group values and UNIQUE see it; null when absent or JSON null. */
export function propertyText(
  properties: Readonly<Record<string, unknown>>,
  name: string,
): string | null {
  if (!has(properties, name)) return null
  const value = properties[name]
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  // Objects and arrays read as their JSON text. jsonb spaces that text differently, so matching
  // or grouping on structured values is an unsupported edge case.
  return JSON.stringify(value) ?? null
}

/** The property as a decimal when its text is a number; otherwise null (it does not count). */
export function propertyNumber(
  properties: Readonly<Record<string, unknown>>,
  name: string,
): Dec | null {
  // Structured values are never numbers, whatever their JSON text looks like.
  if (typeof properties[name] === 'object' && properties[name] !== null) return null
  const text = propertyText(properties, name)
  return text !== null && NUMBER.test(text) ? new Dec(text) : null
}

export function matchesMetric(definition: StreamingMetricDefinition, event: UsageEvent): boolean {
  const eventTypes = definition.eventTypeFilter
  if (eventTypes?.inValues && !eventTypes.inValues.includes(event.eventType)) return false
  if (eventTypes?.notInValues && eventTypes.notInValues.includes(event.eventType)) return false
  // Property filters are ANDed; within one filter every given rule must hold as well.
  return definition.propertyFilters.every((filter) => {
    // A key holding JSON null still exists, as jsonb_exists sees it.
    const present = has(event.properties, filter.name)
    if (filter.exists === true && !present) return false
    if (filter.exists === false && present) return false
    const text = propertyText(event.properties, filter.name)
    if (filter.inValues && (text === null || !filter.inValues.includes(text))) return false
    if (filter.notInValues && text !== null && filter.notInValues.includes(text)) return false
    return true
  })
}
