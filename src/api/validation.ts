/**
 * Request validation from the spec-generated schemas, before any handler runs. Bodies are
 * validated strictly (no type coercion: `"5"` is not a number); path and query strings are
 * coerced, since on the wire they are text. Messages name the offending field.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { metronomeSchemas } from './generated/index.js'

// Under NodeNext these CommonJS packages expose their constructor on `default`.
const Ajv = AjvModule.default
const addFormats = addFormatsModule.default

export type HttpPart = 'body' | 'querystring' | 'params' | 'headers'

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    allErrors: false,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  })
  addFormats(ajv)
  ajv.addSchema(metronomeSchemas)
  return ajv
}

const strictAjv = makeAjv(false)
const coercingAjv = makeAjv(true)

export function compileValidator(schema: object, part: HttpPart): ValidateFunction {
  return (part === 'body' ? strictAjv : coercingAjv).compile(schema)
}

/** Compiles against the strict instance; used by tests to check response shapes. */
export function compileResponseValidator(schema: object): ValidateFunction {
  return strictAjv.compile(schema)
}

const partNames: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

/** One sentence naming the field, e.g. `body[3].timestamp must match format "date-time"`. */
export function describeValidationError(error: ErrorObject, part: string): string {
  const field = `${partNames[part] ?? part}${pointerToPath(error.instancePath)}`
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `${field}.${String(params['missingProperty'])} is required`
    case 'additionalProperties':
      return `${field}.${String(params['additionalProperty'])} is not an allowed property`
    case 'enum':
      return `${field} must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`
    case 'type':
      return `${field} must be ${String(params['type']).replace(',', ' or ')}`
    default:
      return `${field} ${error.message ?? 'is invalid'}`
  }
}

function pointerToPath(pointer: string): string {
  if (pointer === '') return ''
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
}

/** Where a request holds text PostgreSQL cannot store, and why. */
export interface UnstorableText {
  readonly path: string
  readonly message: string
}

// A surrogate code point only matches on its own in unicode mode: a proper pair is one character.
const LONE_SURROGATE = /\p{Cs}/u

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)'
  // JSON allows "\ud800" escapes; UTF-8 (and so PostgreSQL text and jsonb) cannot encode them.
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it has a lone UTF-16 surrogate)'
  return null
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate, so a request
 * carrying either anywhere (a value or a key) is refused up front with a 400 naming where,
 * instead of failing in the database.
 */
export function findUnstorableText(value: unknown, path: string): UnstorableText | null {
  if (typeof value === 'string') {
    const message = unstorable(value)
    return message ? { path, message } : null
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}[${index}]`)
      if (found) return found
    }
    return null
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyMessage = unstorable(key)
      const found = keyMessage
        ? { path: `${path} (a key)`, message: keyMessage }
        : findUnstorableText(item, `${path}.${key}`)
      if (found) return found
    }
  }
  return null
}
