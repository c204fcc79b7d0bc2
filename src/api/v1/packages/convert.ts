/**
 * Packages on the wire. A package request is the contract create request with relative dates,
 * so it is read by the contract's own conversion (`fromApiCreate`): every relative date is first
 * written as a distinct placeholder instant, then each placeholder in the converted terms is
 * replaced by the relative instant it stands for. One conversion, so a package and a contract
 * can never read a term differently.
 *
 * What `get` shows is kept beside the terms as a view of the request (`packageView`, ids only),
 * and made the Package wire shape when shown (`toApiPackage`), with the names loaded then.
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
import { USD_CENTS_CREDIT_TYPE_ID } from '../../../domain/pricing/credit-type.js'
import type { PackageNames } from '../../../app/packages/package-names.js'
import type {
  CommitTemplate,
  CommitTemplateInput,
  CreateContractPayload,
  CreatePackagePayload,
  CreditTemplate,
  CreditTemplateInput,
  OverrideSpecifierInput,
  OverrideSpecifierTemplate,
  OverrideTemplate,
  OverrideTemplateInput,
  OverwriteRateInput,
  Package as ApiPackage,
  RecurringCommitTemplate,
  RecurringCommitTemplateInput,
  RelativeScheduleDuration,
  RelativeScheduleDurationInput,
  RelativeSchedulePointInTimeInput,
  ScheduledChargeTemplate,
  ScheduledChargeTemplateInput,
  SubscriptionTemplate,
  SubscriptionTemplateInput,
  UsageStatementScheduleTemplateInput,
} from '../../generated/types.js'
import { present } from '../../wire.js'
import { creditTypeRef, fromApiCreate, productRef } from '../contracts/convert.js'

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

// ---------------------------------------------------------------------------------------------
// The stored view: the request as sent, server ids on each term and schedule item, products and
// credit types as `{ id }` references. Names are not stored: they are read when a package is
// shown (a product can be renamed), and `toApiPackage` fills them in.

type Ref = { readonly id: string }
type Item<S extends { readonly schedule_items: readonly object[] }> = S['schedule_items'][number]

/** A schedule with ids on its items; no credit type stands for USD cents. */
type StoredSchedule<S extends { readonly credit_type_id?: string; schedule_items: object[] }> =
  Omit<S, 'credit_type_id' | 'schedule_items'> & {
    readonly credit_type?: Ref
    readonly schedule_items: (Item<S> & { id: string })[]
  }
type StoredAccess = StoredSchedule<RelativeScheduleDurationInput>
type StoredPoints = StoredSchedule<RelativeSchedulePointInTimeInput & { do_not_invoice?: boolean }>

type StoredCommit = Omit<
  CommitTemplateInput,
  'product_id' | 'access_schedule' | 'invoice_schedule'
> & {
  readonly id: string
  readonly product: Ref
  readonly access_schedule: StoredAccess
  readonly invoice_schedule?: StoredPoints
}
type StoredCredit = Omit<CreditTemplateInput, 'product_id' | 'access_schedule'> & {
  readonly id: string
  readonly product: Ref
  readonly access_schedule: StoredAccess
}
type StoredOverride = Omit<OverrideTemplateInput, 'overwrite_rate'> & {
  readonly id: string
  readonly overwrite_rate?: Omit<OverwriteRateInput, 'credit_type_id'> & { credit_type?: Ref }
}
type StoredCharge = Omit<ScheduledChargeTemplateInput, 'product_id' | 'schedule'> & {
  readonly id: string
  readonly product: Ref
  readonly schedule: StoredPoints
}
/** A recurring commit or credit (a credit has no invoice amount). */
type StoredRecurring = Omit<RecurringCommitTemplateInput, 'product_id'> & {
  readonly id: string
  readonly product: Ref
}
type StoredSubscription = Omit<SubscriptionTemplateInput, 'subscription_rate'> & {
  readonly id: string
  readonly subscription_rate: {
    readonly billing_frequency: BillingFrequency
    readonly product: Ref
  }
}
type BillingFrequency = SubscriptionTemplateInput['subscription_rate']['billing_frequency']

type TemplateLists =
  | 'commits'
  | 'credits'
  | 'overrides'
  | 'scheduled_charges'
  | 'recurring_commits'
  | 'recurring_credits'
  | 'subscriptions'
type StoredPackage = Omit<CreatePackagePayload, TemplateLists | 'usage_statement_schedule'> & {
  readonly commits: readonly StoredCommit[]
  readonly credits: readonly StoredCredit[]
  readonly overrides: readonly StoredOverride[]
  readonly scheduled_charges: readonly StoredCharge[]
  readonly recurring_commits: readonly StoredRecurring[]
  readonly recurring_credits: readonly StoredRecurring[]
  readonly subscriptions: readonly StoredSubscription[]
  readonly usage_statement_schedule: UsageStatementScheduleTemplateInput
}

/** What `get` answers for the package, as stored when it is created (see `StoredPackage`). */
export function packageView(body: CreatePackagePayload, newId: () => string): OpaqueJson {
  const withIds = <T extends object>(items: readonly T[] | undefined) =>
    (items ?? []).map((item) => ({ id: newId(), ...item }))
  const schedule = <S extends { credit_type_id?: string; schedule_items: object[] }>({
    credit_type_id: creditTypeId,
    schedule_items: items,
    ...rest
  }: S): StoredSchedule<S> => ({
    ...rest,
    ...(creditTypeId === undefined ? {} : { credit_type: { id: creditTypeId } }),
    schedule_items: withIds(items as Item<S>[]),
  })
  const {
    commits,
    credits,
    overrides,
    scheduled_charges: charges,
    recurring_commits: recurringCommits,
    recurring_credits: recurringCredits,
    subscriptions,
    usage_statement_schedule: statements,
    ...rest
  } = body
  const view: StoredPackage = {
    ...rest,
    commits: withIds(commits).map(
      ({ product_id: productId, access_schedule: access, invoice_schedule: invoice, ...rest }) => ({
        ...rest,
        product: { id: productId },
        access_schedule: schedule(access),
        ...(invoice === undefined ? {} : { invoice_schedule: schedule(invoice) }),
      }),
    ),
    credits: withIds(credits).map(
      ({ product_id: productId, access_schedule: access, ...rest }) => ({
        ...rest,
        product: { id: productId },
        access_schedule: schedule(access),
      }),
    ),
    overrides: withIds(overrides).map(({ overwrite_rate: rate, ...rest }) => {
      if (rate === undefined) return rest
      const { credit_type_id: creditTypeId, ...terms } = rate
      const credit = creditTypeId === undefined ? {} : { credit_type: { id: creditTypeId } }
      return { ...rest, overwrite_rate: { ...terms, ...credit } }
    }),
    scheduled_charges: withIds(charges).map(
      ({ product_id: productId, schedule: points, ...rest }) => ({
        ...rest,
        product: { id: productId },
        schedule: schedule(points),
      }),
    ),
    recurring_commits: withIds(recurringCommits).map(recurringView),
    recurring_credits: withIds(recurringCredits).map(recurringView),
    subscriptions: withIds(subscriptions).map(({ subscription_rate: rate, ...rest }) => ({
      ...rest,
      subscription_rate: {
        billing_frequency: rate.billing_frequency,
        product: { id: rate.product_id },
      },
    })),
    usage_statement_schedule: statements ?? {
      frequency: 'MONTHLY',
      day: 'FIRST_OF_MONTH',
    },
  }
  return view as unknown as OpaqueJson
}

/** The amounts keep their `credit_type_id`, as the RecurringCommitTemplate schema shows them. */
function recurringView<T extends { id: string; product_id: string }>({
  product_id: productId,
  ...rest
}: T) {
  return { ...rest, product: { id: productId } }
}

// ---------------------------------------------------------------------------------------------
// The Package wire shape.

/**
 * The Package wire shape of a stored package: products and credit types named (products as of
 * `names.now`), and every field the schema requires that the request could leave out given the
 * value a contract provisioned from the package gets (the defaults of `newContract`).
 */
export function toApiPackage(pkg: Package, names: PackageNames): ApiPackage {
  const stored = pkg.view as unknown as StoredPackage
  const product = (ref: Ref) => productRef(ref.id, names)
  const creditType = (ref: Ref | undefined) =>
    creditTypeRef(ref?.id ?? USD_CENTS_CREDIT_TYPE_ID, names)
  const access = ({ credit_type: credit, ...rest }: StoredAccess): RelativeScheduleDuration => ({
    ...rest,
    credit_type: creditType(credit),
  })
  const points = ({ credit_type: credit, ...rest }: StoredPoints) => ({
    ...rest,
    credit_type: creditType(credit),
  })

  // Terms name other templates of the package by the temporary_id the request gave them.
  const templateIds = (items: readonly { id: string; temporary_id?: string }[]) =>
    new Map(items.flatMap((item) => (item.temporary_id ? [[item.temporary_id, item.id]] : [])))
  const commitIds = templateIds(stored.commits)
  const recurringIds = templateIds(stored.recurring_commits)
  const subscriptionIds = templateIds(stored.subscriptions)
  const resolve = (ids: readonly string[] | undefined, ...maps: ReadonlyMap<string, string>[]) =>
    ids?.map((id) => maps.map((map) => map.get(id)).find((found) => found !== undefined) ?? id)

  const specifier = ({
    commit_ids: commits,
    recurring_commit_ids: recurring,
    any_commit_or_credit_ids: any,
    ...rest
  }: OverrideSpecifierInput): OverrideSpecifierTemplate => ({
    ...rest,
    ...present('commit_template_ids', resolve(commits, commitIds), same),
    ...present('recurring_commit_template_ids', resolve(recurring, recurringIds), same),
    ...present('any_commit_or_credit_template_ids', resolve(any, commitIds, recurringIds), same),
  })

  const recurring = ({
    access_amount: accessAmount,
    invoice_amount: invoiceAmount,
    subscription_config: config,
    ...rest
  }: StoredRecurring): RecurringCommitTemplate => ({
    ...rest,
    product: product(rest.product),
    access_amount: recurringAmount(accessAmount),
    ...present('invoice_amount', invoiceAmount, recurringAmount),
    rate_type: rest.rate_type ?? 'LIST_RATE',
    ...present('subscription_config', config, (given) => ({
      allocation: given.allocation ?? 'INDIVIDUAL',
      apply_seat_increase_config: given.apply_seat_increase_config,
      subscription_template_id: subscriptionIds.get(given.subscription_id) ?? given.subscription_id,
    })),
  })

  const commits = stored.commits.map(
    ({ access_schedule: schedule, invoice_schedule: invoice, ...rest }): CommitTemplate => ({
      ...rest,
      product: product(rest.product),
      access_schedule: access(schedule),
      ...present('invoice_schedule', invoice, (given) => ({
        ...points(given),
        do_not_invoice: given.do_not_invoice ?? false,
      })),
    }),
  )
  // The schema requires a credit's `type` without describing it; a contract's credit says CREDIT.
  const credits = stored.credits.map(
    ({ access_schedule: schedule, ...rest }): CreditTemplate & { type: 'CREDIT' } => ({
      ...rest,
      type: 'CREDIT',
      product: product(rest.product),
      access_schedule: access(schedule),
    }),
  )
  const overrides = stored.overrides.map(
    ({
      tiers,
      overwrite_rate: rate,
      override_specifiers: specifiers,
      ...rest
    }): OverrideTemplate => ({
      ...rest,
      override_specifiers: specifiers.map(specifier),
      ...present('override_tiers', tiers, same),
      ...present('overwrite_rate', rate, ({ credit_type: credit, ...terms }) => ({
        ...terms,
        ...present('credit_type', credit, creditType),
      })),
    }),
  )
  const charges = stored.scheduled_charges.map(
    ({ schedule, ...rest }): ScheduledChargeTemplate => ({
      ...rest,
      product: product(rest.product),
      schedule: points(schedule),
    }),
  )
  const subscriptions = stored.subscriptions.map(
    ({ subscription_rate: rate, proration, ...rest }): SubscriptionTemplate => ({
      ...rest,
      subscription_rate: {
        billing_frequency: rate.billing_frequency,
        product: product(rate.product),
      },
      proration: {
        ...proration,
        is_prorated: proration.is_prorated ?? true,
        invoice_behavior: proration.invoice_behavior ?? 'BILL_IMMEDIATELY',
      },
    }),
  )

  return {
    ...stored,
    commits,
    credits,
    overrides,
    scheduled_charges: charges,
    recurring_commits: stored.recurring_commits.map(recurring),
    recurring_credits: stored.recurring_credits.map(recurring),
    subscriptions,
    id: pkg.id,
    name: pkg.name,
    created_at: pkg.createdAt.toISOString(),
    created_by: pkg.createdBy,
    ...(pkg.archivedAt === null ? {} : { archived_at: pkg.archivedAt.toISOString() }),
  }
}

/**
 * A recurring amount keeps its `credit_type_id`. Packages created before that was so stored it
 * as a `credit_type` reference; either form reads the same.
 */
function recurringAmount<A extends { credit_type_id: string }>(amount: A): A {
  const { credit_type: legacy, ...rest } = amount as A & { credit_type?: Ref }
  return { ...rest, credit_type_id: legacy?.id ?? amount.credit_type_id } as A
}

const same = <T>(value: T) => value
