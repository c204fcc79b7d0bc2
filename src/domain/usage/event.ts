/**
 * How a usage event's properties read, and whether an event matches a metric. These rules
 * mirror PostgreSQL's `properties ->> 'name'` on jsonb so that the SQL aggregation and this
 * reference agree: strings read as themselves, finite numbers as JavaScript prints them,
 * booleans as 'true'/'false', JSON null and absent properties as no value.
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

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

function has(properties: Readonly<Record<string, unknown>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(properties, name)
}

/** Text of a property as filters, group values and UNIQUE see it; null when absent or null. */
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
  // Objects and arrays: their JSON text (jsonb spaces it differently; unsupported as a value).
  return JSON.stringify(value)
}

/** The property as a decimal, when its text is a number; otherwise null (it does not count). */
export function propertyNumber(
  properties: Readonly<Record<string, unknown>>,
  name: string,
): Dec | null {
  const text = propertyText(properties, name)
  if (text === null || !NUMBER.test(text)) return null
  const value = properties[name]
  if (typeof value === 'object') return null
  return new Dec(text)
}

export function matchesMetric(definition: StreamingMetricDefinition, event: UsageEvent): boolean {
  const eventTypes = definition.eventTypeFilter
  if (eventTypes?.inValues && !eventTypes.inValues.includes(event.eventType)) return false
  if (eventTypes?.notInValues && eventTypes.notInValues.includes(event.eventType)) return false
  return definition.propertyFilters.every((filter) => {
    const present = has(event.properties, filter.name)
    if (filter.exists === true && !present) return false
    if (filter.exists === false && present) return false
    const text = propertyText(event.properties, filter.name)
    if (filter.inValues && (text === null || !filter.inValues.includes(text))) return false
    if (filter.notInValues && text !== null && filter.notInValues.includes(text)) return false
    return true
  })
}
