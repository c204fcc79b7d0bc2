/**
 * Packages on the wire. A package request is the contract create request with relative dates,
 * so it is read by the contract's own conversion (`fromApiCreate`): every relative date is first
 * written as a distinct placeholder instant, then each placeholder in the converted terms is
 * replaced by the relative instant it stands for. One conversion, so a package and a contract
 * can never read a term differently.
 */
import type { ContractCreateInput, OpaqueJson } from '../../../domain/contracts/contract.js'
import {
  checkRelativeDate,
  type Package,
  type PackageCreateInput,
  type PackageTerms,
  type RelativeDate,
  type RelativeInstant,
} from '../../../domain/contracts/packages.js'
import type { Problem } from '../../../domain/problem.js'
import type {
  CreateContractPayload,
  CreatePackagePayload,
  Package as ApiPackage,
} from '../../generated/types.js'
import { fromApiCreate } from '../contracts/convert.js'

type Json = Record<string, unknown>

const PROVISIONING_KEYS: ReadonlySet<string> = new Set([
  'customerId',
  'startingAt',
  'packageId',
  'packageAlias',
  'uniquenessKey',
  'transition',
  'customFields',
  'presentFields',
])

/** Placeholders are whole seconds from a year no real contract uses. */
const PLACEHOLDER_BASE = Date.UTC(1000, 0, 1)
const placeholderIso = (index: number) => new Date(PLACEHOLDER_BASE + index * 1000).toISOString()
const placeholderIndex = (at: Date) => (at.getTime() - PLACEHOLDER_BASE) / 1000

const without = (value: Json, ...keys: string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)))

/** The package request as the domain takes it, and what the conversion itself refuses. */
export function fromApiPackage(body: CreatePackagePayload): {
  readonly input: PackageCreateInput
  readonly problems: readonly Problem[]
} {
  const problems: Problem[] = []
  const instants: RelativeInstant[] = []
  /** A placeholder for the instant `steps` after the contract's start. */
  const at = (steps: readonly RelativeDate[]) => {
    instants.push({ steps })
    return placeholderIso(instants.length - 1)
  }
  const offset = (value: RelativeDate | undefined, field: string) => {
    if (value === undefined) return []
    problems.push(...checkRelativeDate(value, field, 'offset'))
    return [value]
  }
  const duration = (value: RelativeDate, field: string) => {
    problems.push(...checkRelativeDate(value, field, 'duration'))
    return value
  }
  /** `starting_at`/`ending_before` for an item with an offset and an optional duration. */
  const span = (item: Json, root: string, required: boolean) => {
    const start = offset(
      item['starting_at_offset'] as RelativeDate | undefined,
      `${root}.starting_at_offset`,
    )
    const length = item['duration'] as RelativeDate | undefined
    return {
      ...(required || start.length > 0 ? { starting_at: at(start) } : {}),
      ...(length === undefined
        ? {}
        : { ending_before: at([...start, duration(length, `${root}.duration`)]) }),
    }
  }
  const access = (schedule: Json | undefined, root: string) =>
    schedule && {
      ...without(schedule, 'schedule_items'),
      schedule_items: (schedule['schedule_items'] as Json[]).map((item, index) => ({
        amount: item['amount'],
        ...span(item, `${root}.schedule_items[${index}]`, true),
      })),
    }
  const points = (schedule: Json | undefined, root: string) =>
    schedule && {
      ...without(schedule, 'schedule_items'),
      schedule_items: ((schedule['schedule_items'] as Json[] | undefined) ?? []).map(
        (item, index) => ({
          ...without(item, 'date_offset'),
          timestamp: at(
            offset(
              item['date_offset'] as RelativeDate,
              `${root}.schedule_items[${index}].date_offset`,
            ),
          ),
        }),
      ),
    }
  const list = (items: readonly object[] | undefined) => (items ?? []) as Json[]

  const contract: Json = {
    customer_id: '00000000-0000-0000-0000-000000000000',
    starting_at: at([]),
    ...(body.duration === undefined
      ? {}
      : { ending_before: at([duration(body.duration, 'body.duration')]) }),
    ...(body.contract_name === undefined ? {} : { name: body.contract_name }),
    ...without(
      body as unknown as Json,
      'name',
      'contract_name',
      'uniqueness_key',
      'aliases',
      'duration',
      'commits',
      'credits',
      'recurring_commits',
      'recurring_credits',
      'overrides',
      'scheduled_charges',
      'subscriptions',
      'usage_statement_schedule',
      'billing_provider',
      'delivery_method',
    ),
    commits: list(body.commits).map((commit, index) => ({
      ...commit,
      access_schedule: access(
        commit['access_schedule'] as Json,
        `body.commits[${index}].access_schedule`,
      ),
      ...(commit['invoice_schedule'] === undefined
        ? {}
        : {
            invoice_schedule: points(
              commit['invoice_schedule'] as Json,
              `body.commits[${index}].invoice_schedule`,
            ),
          }),
    })),
    credits: list(body.credits).map((credit, index) => ({
      ...credit,
      access_schedule: access(
        credit['access_schedule'] as Json,
        `body.credits[${index}].access_schedule`,
      ),
    })),
    ...Object.fromEntries(
      (['recurring_commits', 'recurring_credits'] as const).map((key) => [
        key,
        list(body[key]).map((recurring, index) => ({
          ...without(recurring, 'starting_at_offset', 'duration'),
          ...span(recurring, `body.${key}[${index}]`, true),
        })),
      ]),
    ),
    overrides: list(body.overrides).map((override, index) => ({
      ...without(override, 'starting_at_offset', 'duration'),
      ...span(override, `body.overrides[${index}]`, true),
    })),
    scheduled_charges: list(body.scheduled_charges).map((charge, index) => ({
      ...charge,
      schedule: points(charge['schedule'] as Json, `body.scheduled_charges[${index}].schedule`),
    })),
    subscriptions: list(body.subscriptions).map((subscription, index) => ({
      ...without(subscription, 'starting_at_offset', 'duration'),
      ...span(subscription, `body.subscriptions[${index}]`, false),
    })),
    ...(body.usage_statement_schedule === undefined
      ? {}
      : {
          usage_statement_schedule: {
            frequency: body.usage_statement_schedule.frequency,
            day: body.usage_statement_schedule.day ?? 'FIRST_OF_MONTH',
            ...(body.usage_statement_schedule.invoice_generation_starting_at_offset === undefined
              ? {}
              : {
                  invoice_generation_starting_at: at(
                    offset(
                      body.usage_statement_schedule.invoice_generation_starting_at_offset,
                      'body.usage_statement_schedule.invoice_generation_starting_at_offset',
                    ),
                  ),
                }),
          },
        }),
  }

  const converted = fromApiCreate(contract as unknown as CreateContractPayload)
  problems.push(...converted.problems)
  const relative = (value: unknown): unknown => {
    if (value instanceof Date) {
      const instant = instants[placeholderIndex(value)]
      if (instant === undefined)
        throw new Error(`a package date is not relative: ${value.toISOString()}`)
      return instant
    }
    if (Array.isArray(value)) return value.map(relative)
    if (value === null || typeof value !== 'object') return value
    if (Object.getPrototypeOf(value) !== Object.prototype) return value
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, relative(field)]))
  }
  // The provisioning request's own fields are not the package's (ContractCreateInput keys).
  const terms = Object.fromEntries(
    Object.entries(converted.input satisfies ContractCreateInput).filter(
      ([key]) => !PROVISIONING_KEYS.has(key),
    ),
  )
  return {
    input: {
      name: body.name,
      ...(body.uniqueness_key === undefined ? {} : { uniquenessKey: body.uniqueness_key }),
      aliases: (body.aliases ?? []).map((alias) => ({
        name: alias.name,
        startingAt: alias.starting_at === undefined ? null : new Date(alias.starting_at),
        endingBefore: alias.ending_before === undefined ? null : new Date(alias.ending_before),
      })),
      terms: relative(terms) as PackageTerms,
    },
    problems,
  }
}

/**
 * What `get` answers for the package: the request as sent, server ids on each term and schedule
 * item, and products and credit types as the `{ id }` references the Package schema shows.
 */
export function packageView(body: CreatePackagePayload, newId: () => string): OpaqueJson {
  const withIds = (items: readonly object[] | undefined) =>
    (items ?? []).map((item) => reference({ id: newId(), ...(item as Json) }, newId))
  const view: Json = {
    ...without(body as unknown as Json, 'commits', 'credits', 'overrides', 'scheduled_charges'),
    commits: withIds(body.commits),
    credits: withIds(body.credits),
    overrides: withIds(body.overrides),
    scheduled_charges: withIds(body.scheduled_charges),
    recurring_commits: withIds(body.recurring_commits),
    recurring_credits: withIds(body.recurring_credits),
    subscriptions: withIds(body.subscriptions),
    usage_statement_schedule: body.usage_statement_schedule ?? {
      frequency: 'MONTHLY',
      day: 'FIRST_OF_MONTH',
    },
  }
  return view
}

/** Ids on schedule items; `product_id` and `credit_type_id` become `{ id }` references. */
function reference(value: Json, newId: () => string): Json {
  const out: Json = {}
  for (const [key, field] of Object.entries(value)) {
    if (key === 'product_id') out['product'] = { id: field }
    else if (key === 'credit_type_id') out['credit_type'] = { id: field }
    else if (key === 'schedule_items' && Array.isArray(field)) {
      out[key] = (field as Json[]).map((item) => ({ id: newId(), ...item }))
    } else if (field !== null && typeof field === 'object' && !Array.isArray(field)) {
      out[key] = reference(field as Json, newId)
    } else out[key] = field
  }
  return out
}

/**
 * The Package wire shape of a stored package. The view was built by `packageView` from a
 * schema-checked request, which is what lets it stand for the response type.
 */
export function toApiPackage(pkg: Package): ApiPackage {
  const view = {
    ...pkg.view,
    id: pkg.id,
    name: pkg.name,
    created_at: pkg.createdAt.toISOString(),
    created_by: pkg.createdBy,
    ...(pkg.archivedAt === null ? {} : { archived_at: pkg.archivedAt.toISOString() }),
  }
  return view as unknown as ApiPackage
}
