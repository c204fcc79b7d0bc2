/**
 * The legacy `POST /v1/billable-metrics` describes matching events with a JSON Schema (`filter`)
 * over the whole event. This reads the subset that maps onto a streaming definition —
 * `event_type` and `properties.<name>` constrained by `enum`/`const`, `not: {enum}`, and
 * `required` — and refuses any other schema feature with a 400 rather than guessing.
 */
import type { PropertyFilter, EventTypeFilter } from '../../../domain/usage/billable-metric.js'

type Json = Record<string, unknown>

export type LegacyFilterResult =
  | {
      readonly ok: true
      readonly eventTypeFilter: EventTypeFilter | null
      readonly propertyFilters: PropertyFilter[]
    }
  | { readonly ok: false; readonly message: string }

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const ALLOWED_OBJECT_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties'])

function valuesOf(schema: unknown, path: string): { in?: string[]; notIn?: string[] } | string {
  if (!isObject(schema)) return `${path} must be a schema object`
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)])
  const result: { in?: string[]; notIn?: string[] } = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const') result.in = strings(value)
    else if (
      key === 'not' &&
      isObject(value) &&
      ('enum' in value || 'const' in value) &&
      Object.keys(value).length === 1
    ) {
      result.notIn = strings(value['enum'] ?? value['const'])
    } else if (key !== 'type')
      return `${path}.${key} is not supported (use enum, const, not.enum or required)`
  }
  return result
}

function checkObject(schema: Json, path: string): string | null {
  const extra = Object.keys(schema).find((key) => !ALLOWED_OBJECT_KEYS.has(key))
  return extra === undefined ? null : `${path}.${extra} is not supported`
}

export function readLegacyFilter(filter: Json): LegacyFilterResult {
  const fail = (message: string): LegacyFilterResult => ({
    ok: false,
    message: `body.filter: ${message}`,
  })
  const problem = checkObject(filter, 'filter')
  if (problem) return fail(problem)
  const top = isObject(filter['properties']) ? filter['properties'] : {}
  const unknownTop = Object.keys(top).find((key) => key !== 'event_type' && key !== 'properties')
  if (unknownTop)
    return fail(`properties.${unknownTop} is not supported (only event_type and properties)`)
  let eventTypeFilter: EventTypeFilter | null = null
  if (top['event_type'] !== undefined) {
    const values = valuesOf(top['event_type'], 'properties.event_type')
    if (typeof values === 'string') return fail(values)
    eventTypeFilter = {
      ...(values.in ? { inValues: values.in } : {}),
      ...(values.notIn ? { notInValues: values.notIn } : {}),
    }
  }
  const propertiesSchema = top['properties'] === undefined ? {} : top['properties']
  if (!isObject(propertiesSchema)) return fail('properties.properties must be a schema object')
  const nestedProblem = checkObject(propertiesSchema, 'properties.properties')
  if (nestedProblem) return fail(nestedProblem)
  const required = new Set(
    Array.isArray(propertiesSchema['required']) ? propertiesSchema['required'].map(String) : [],
  )
  const nested = isObject(propertiesSchema['properties']) ? propertiesSchema['properties'] : {}
  const propertyFilters: PropertyFilter[] = []
  for (const [name, schema] of Object.entries(nested)) {
    const values = valuesOf(schema, `properties.properties.properties.${name}`)
    if (typeof values === 'string') return fail(values)
    propertyFilters.push({
      name,
      ...(required.has(name) ? { exists: true } : {}),
      ...(values.in ? { inValues: values.in } : {}),
      ...(values.notIn ? { notInValues: values.notIn } : {}),
    })
    required.delete(name)
  }
  for (const name of required) propertyFilters.push({ name, exists: true })
  return { ok: true, eventTypeFilter, propertyFilters }
}
