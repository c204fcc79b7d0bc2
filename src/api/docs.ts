/**
 * Our own OpenAPI document, served at /docs: built by @fastify/swagger from the registered
 * routes' schemas, so it lists exactly what is implemented. The route schemas point into the
 * shared generated definitions (`metronome#/definitions/X`); here those become ordinary
 * `#/components/schemas/X` references, with only the definitions actually reached included.
 */
import { metronomeSchemas } from './generated/index.js'

type Json = unknown

// @fastify/swagger rewrites `definitions` to `components/schemas` in shared references.
const SHARED_REF = /^metronome#\/(?:definitions|components\/schemas)\/(.+)$/

export function buildDocsDocument(document: Record<string, unknown>): Record<string, unknown> {
  const reached = new Map<string, Json>()
  const rewrite = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(rewrite)
    if (typeof value !== 'object' || value === null) return value
    const result: Record<string, Json> = {}
    for (const [key, child] of Object.entries(value)) {
      const shared = key === '$ref' && typeof child === 'string' ? SHARED_REF.exec(child) : null
      if (shared?.[1]) {
        const name = decodeURIComponent(shared[1])
        if (!reached.has(name)) {
          reached.set(name, null)
          reached.set(name, rewrite(metronomeSchemas.definitions[name]))
        }
        result[key] = `#/components/schemas/${encodeURIComponent(name)}`
      } else {
        result[key] = rewrite(child)
      }
    }
    return result
  }
  const paths = rewrite(document['paths'])
  const components = (document['components'] ?? {}) as Record<string, unknown>
  const schemas = Object.fromEntries([...reached.entries()].sort(([a], [b]) => a.localeCompare(b)))
  return { ...document, paths, components: { ...components, schemas } }
}
