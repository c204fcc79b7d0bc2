/**
 * Packages (decision 0011): customer-agnostic contract templates whose dates are relative to the
 * start of the contract provisioned from them. A package holds the same terms a contract create
 * takes, with every instant replaced by steps from the contract's start (`starting_at_offset`,
 * then `duration` for an end); `materializePackage` turns it into a contract create request for
 * one start. Packages never change after creation, except for being archived.
 */
import type { Problem } from '../problem.js'
import {
  checkContractCreate,
  type ContractCreateContext,
  type ContractCreateInput,
  type OpaqueJson,
} from './contract.js'

export type DateUnit = 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'

export interface RelativeDate {
  readonly unit: DateUnit
  readonly value: number
}

/**
 * An instant of a provisioned contract: its start moved by each step in order (an item's start
 * is one step, its end two: the offset, then the duration from that start).
 */
export interface RelativeInstant {
  readonly steps: readonly RelativeDate[]
}

/** `T` with every instant relative to the contract's start. */
export type Relative<T> = T extends Date
  ? RelativeInstant
  : T extends readonly (infer Item)[]
    ? readonly Relative<Item>[]
    : T extends { readonly toFixed: unknown }
      ? T
      : T extends object
        ? { readonly [K in keyof T]: Relative<T[K]> }
        : T

/** The fields a package may not carry: they belong to the provisioning request. */
type ProvisioningFields =
  | 'customerId'
  | 'startingAt'
  | 'packageId'
  | 'packageAlias'
  | 'uniquenessKey'
  | 'transition'
  | 'customFields'
  | 'presentFields'

/** A contract's terms, dates relative to its start. */
export type PackageTerms = Relative<Omit<ContractCreateInput, ProvisioningFields>>

/** An alias of a package, in force over `[startingAt, endingBefore)` (null: unbounded). */
export interface PackageAliasEntry {
  readonly name: string
  readonly startingAt: Date | null
  readonly endingBefore: Date | null
}

export interface Package {
  readonly id: string
  readonly name: string
  readonly uniquenessKey: string | null
  readonly aliases: readonly PackageAliasEntry[]
  readonly terms: PackageTerms
  /**
   * The package as the caller described it (snake_case, server ids added), what `get` shows;
   * kept beside the typed terms because the view has fields the terms do not model.
   */
  readonly view: OpaqueJson
  readonly createdAt: Date
  readonly createdBy: string
  readonly archivedAt: Date | null
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic.

const DAY_MS = 86_400_000

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()
}

/** `at` plus whole months, the day clamped to the target month's last (Jan 31 + 1 → Feb 28). */
export function addMonths(at: Date, months: number): Date {
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const day = Math.min(at.getUTCDate(), daysInMonth(year, month))
  const timeOfDay = at.getTime() - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
  return new Date(Date.UTC(year, month, day) + timeOfDay)
}

/**
 * `start` moved by the steps in order. Consecutive month and year steps are summed before the day
 * is clamped, so `+1 month, +1 month` from Jan 31 is Mar 31 — the same as `+2 months` — and a
 * schedule of monthly segments never drifts off its start's day. Day and week steps are exact.
 */
export function resolveRelative(start: Date, steps: readonly RelativeDate[]): Date {
  let anchor = start
  let months = 0
  for (const step of steps) {
    if (step.unit === 'MONTHS') months += step.value
    else if (step.unit === 'YEARS') months += 12 * step.value
    else {
      anchor = addMonths(anchor, months)
      months = 0
      anchor = new Date(anchor.getTime() + step.value * (step.unit === 'WEEKS' ? 7 : 1) * DAY_MS)
    }
  }
  return addMonths(anchor, months)
}

// ---------------------------------------------------------------------------------------------
// Materialization.

function isRelativeInstant(value: object): value is RelativeInstant {
  return Array.isArray((value as { steps?: unknown }).steps) && Object.keys(value).length === 1
}

/** Every relative instant inside `value` made absolute; other values are kept as they are. */
function resolveAll(value: unknown, start: Date): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveAll(item, start))
  if (value === null || typeof value !== 'object') return value
  // Decimals and dates are not templates: only plain objects are walked.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  if (isRelativeInstant(value)) return resolveRelative(start, value.steps)
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, resolveAll(field, start)]),
  )
}

/** The provisioning request's own fields: who, when, and what a package may not decide. */
export type ProvisioningRequest = Pick<
  ContractCreateInput,
  'customerId' | 'startingAt' | 'uniquenessKey' | 'transition' | 'customFields'
>

/**
 * The contract create request a package provisions for a customer starting at `startingAt`:
 * the package's terms with absolute dates, plus the request's own fields. It names no package,
 * so the contract checks run on the terms themselves.
 */
export function materializePackage(
  pkg: Pick<Package, 'terms'>,
  request: ProvisioningRequest,
): ContractCreateInput {
  const terms = resolveAll(pkg.terms, request.startingAt) as Omit<
    ContractCreateInput,
    ProvisioningFields
  >
  return {
    ...terms,
    customerId: request.customerId,
    startingAt: request.startingAt,
    ...(request.uniquenessKey === undefined ? {} : { uniquenessKey: request.uniquenessKey }),
    ...(request.transition === undefined ? {} : { transition: request.transition }),
    ...(request.customFields === undefined ? {} : { customFields: request.customFields }),
    presentFields: [],
  }
}

/** The package an alias names at `at`: the most recently created one holding it then. */
export function packageForAlias<P extends Pick<Package, 'aliases' | 'createdAt'>>(
  packages: readonly P[],
  name: string,
  at: Date,
): P | null {
  const holding = packages.filter((pkg) =>
    pkg.aliases.some(
      (alias) =>
        alias.name === name &&
        (alias.startingAt === null || alias.startingAt.getTime() <= at.getTime()) &&
        (alias.endingBefore === null || at.getTime() < alias.endingBefore.getTime()),
    ),
  )
  holding.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
  return holding[0] ?? null
}

// ---------------------------------------------------------------------------------------------
// Checks.

/** Contract wire paths and the package fields that stand for them. */
const packagePaths: readonly (readonly [RegExp, string])[] = [
  [/^body\.ending_before$/, 'body.duration'],
  [/^body\.name$/, 'body.contract_name'],
  [/\.invoice_generation_starting_at$/, '.invoice_generation_starting_at_offset'],
  [/\.starting_at$/, '.starting_at_offset'],
  [/\.ending_before$/, '.duration'],
  [/\.timestamp$/, '.date_offset'],
]

/** A contract check's path, named as the package request spells the field. */
export function packagePath(contractPath: string): string {
  for (const [pattern, replacement] of packagePaths) {
    if (pattern.test(contractPath)) return contractPath.replace(pattern, replacement)
  }
  return contractPath
}

export interface PackageCreateInput {
  readonly name: string
  readonly uniquenessKey?: string
  readonly aliases: readonly PackageAliasEntry[]
  readonly terms: PackageTerms
}

/**
 * Every problem with a package, by the package request's wire paths: its own fields, then the
 * contract checks on its terms provisioned at `sampleStart` for a customer that exists.
 */
export function checkPackageCreate(
  input: PackageCreateInput,
  context: Omit<ContractCreateContext, 'customerExists' | 'transitionFrom' | 'packageFound'>,
  sampleStart: Date,
): Problem[] {
  const problems: Problem[] = []
  if (input.name.trim() === '') problems.push({ field: 'body.name', message: 'must not be empty' })
  input.aliases.forEach((alias, index) => {
    const root = `body.aliases[${index}]`
    if (alias.name.trim() === '')
      problems.push({ field: `${root}.name`, message: 'must not be empty' })
    if (
      alias.startingAt !== null &&
      alias.endingBefore !== null &&
      alias.endingBefore.getTime() <= alias.startingAt.getTime()
    ) {
      problems.push({ field: `${root}.ending_before`, message: 'must be after starting_at' })
    }
  })
  const sample = materializePackage(input, { customerId: 'package', startingAt: sampleStart })
  const contractProblems = checkContractCreate(sample, {
    ...context,
    customerExists: true,
    packageFound: false,
    transitionFrom: null,
  })
  for (const problem of contractProblems) {
    problems.push({
      field: packagePath(problem.field),
      // The order rule names the item before by its instant, which a package gives as an offset.
      message: problem.message.replace(/(schedule_items\[\d+\])\.timestamp/g, '$1.date_offset'),
    })
  }
  return problems
}

/** Relative offsets and durations must be whole and not negative; durations positive. */
export function checkRelativeDate(
  value: RelativeDate,
  field: string,
  kind: 'offset' | 'duration',
): Problem[] {
  if (!Number.isInteger(value.value)) return [{ field, message: 'must be a whole number' }]
  if (kind === 'offset' && value.value < 0) return [{ field, message: 'must not be negative' }]
  if (kind === 'duration' && value.value <= 0) return [{ field, message: 'must be positive' }]
  return []
}
