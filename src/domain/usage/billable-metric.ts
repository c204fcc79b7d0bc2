/**
 * Streaming billable metric definitions and their validation (semantics §2.2). A definition
 * says which events match (event type filter, property filters ANDed) and how their values
 * aggregate (aggregation type and key), and how usage may be sliced (compound group keys).
 *
 * Validation reports every problem at once, each named by its wire field path. A problem reads
 * as `<field> <message>` (see `describeProblems`), so rule messages start lower-case after the
 * field, while the two messages Metronome itself returns are kept verbatim as whole sentences.
 */
import type { Problem } from '../problem.js'

export type { Problem } from '../problem.js'

export type AggregationType = 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE' | 'LATEST'

export interface PropertyFilter {
  readonly name: string
  readonly exists?: boolean
  readonly inValues?: readonly string[]
  readonly notInValues?: readonly string[]
}

export interface EventTypeFilter {
  readonly inValues?: readonly string[]
  readonly notInValues?: readonly string[]
}

export interface StreamingMetricDefinition {
  readonly aggregationType: AggregationType
  readonly aggregationKey: string | null
  readonly eventTypeFilter: EventTypeFilter | null
  readonly propertyFilters: readonly PropertyFilter[]
  readonly groupKeys: readonly (readonly string[])[]
}

export function checkMetricDefinition(definition: StreamingMetricDefinition): readonly Problem[] {
  return [
    ...checkAggregation(definition),
    ...checkEventTypeFilter(definition.eventTypeFilter),
    ...checkPropertyFilters(definition.propertyFilters),
    ...checkGroupKeys(definition),
  ]
}

function checkAggregation(definition: StreamingMetricDefinition): Problem[] {
  const { aggregationType: type, aggregationKey: key } = definition
  const field = 'aggregation_key'
  if (type === 'COUNT') {
    return key === null ? [] : [{ field, message: 'is not applicable to COUNT' }]
  }
  if (key === null) return [{ field, message: `is required for ${type}` }]
  if (!definition.propertyFilters.some((filter) => filter.name === key)) {
    return [
      { field, message: 'The specified aggregation key must be one of the property filter names.' },
    ]
  }
  return []
}

function checkValues(values: readonly string[] | undefined, field: string): Problem[] {
  return values !== undefined && values.length === 0
    ? [{ field, message: 'must not be empty' }]
    : []
}

function checkEventTypeFilter(filter: EventTypeFilter | null): Problem[] {
  if (!filter) return []
  return [
    ...checkValues(filter.inValues, 'event_type_filter.in_values'),
    ...checkValues(filter.notInValues, 'event_type_filter.not_in_values'),
  ]
}

function checkPropertyFilters(filters: readonly PropertyFilter[]): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  filters.forEach((filter, index) => {
    const field = `property_filters[${index}]`
    if (filter.name === '') problems.push({ field: `${field}.name`, message: 'must not be empty' })
    if (seen.has(filter.name)) {
      problems.push({ field: `${field}.name`, message: `repeats the filter '${filter.name}'` })
    }
    seen.add(filter.name)
    problems.push(...checkValues(filter.inValues, `${field}.in_values`))
    problems.push(...checkValues(filter.notInValues, `${field}.not_in_values`))
    if (filter.exists === false && filter.inValues !== undefined) {
      problems.push({
        field: `${field}.exists`,
        message: 'cannot be false together with in_values',
      })
    }
  })
  return problems
}

function checkGroupKeys(definition: StreamingMetricDefinition): Problem[] {
  const problems: Problem[] = []
  const seenSets = new Set<string>()
  definition.groupKeys.forEach((keys, index) => {
    const field = `group_keys[${index}]`
    if (keys.length === 0) problems.push({ field, message: 'must not be empty' })
    if (new Set(keys).size !== keys.length) problems.push({ field, message: 'repeats a key' })
    // Compound keys are sets: ['a', 'b'] and ['b', 'a'] slice usage the same way.
    const setName = JSON.stringify([...new Set(keys)].sort())
    if (seenSets.has(setName)) problems.push({ field, message: 'repeats another group key' })
    seenSets.add(setName)
    keys.forEach((key, position) => {
      const problem = checkGroupKeyFilter(definition.propertyFilters, key)
      if (problem !== null) problems.push({ field: `${field}[${position}]`, message: problem })
    })
  })
  return problems
}

/**
 * A group key must be guaranteed or pinned by a filter (exists: true, or a non-empty in_values),
 * so that its values stay within what the metric is defined over.
 */
function checkGroupKeyFilter(filters: readonly PropertyFilter[], key: string): string | null {
  const filter = filters.find((candidate) => candidate.name === key)
  if (!filter) return `Group key '${key}' does not match one of the property filter names.`
  const pinned = filter.inValues !== undefined && filter.inValues.length > 0
  return filter.exists === true || pinned
    ? null
    : `Group key '${key}' must have an exists or in_values property filter.`
}

/** True when `keys`, as a set, is one of the metric's compound group keys. */
export function groupKeyMatches(
  definition: StreamingMetricDefinition,
  keys: readonly string[],
): boolean {
  const wanted = new Set(keys)
  return definition.groupKeys.some((groupKey) => {
    const candidate = new Set(groupKey)
    return candidate.size === wanted.size && [...candidate].every((key) => wanted.has(key))
  })
}
