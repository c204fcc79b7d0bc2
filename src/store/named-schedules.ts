/**
 * Named schedules of any owner (rate cards, contracts, customers): one row per
 * (owner, name) holding the whole ordered segment list as JSON, instants as RFC 3339 text.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type {
  NamedScheduleListQuery,
  NamedScheduleOfOwner,
  NamedScheduleOwner,
} from '../app/ports.js'
import type { NamedScheduleSegment } from '../domain/pricing/named-schedule.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

interface StoredSegment {
  starting_at: string
  ending_before: string | null
  value: unknown
}

export async function findNamedSchedule(
  db: Executor,
  clientId: string,
  owner: NamedScheduleOwner,
  scheduleName: string,
): Promise<NamedScheduleSegment[]> {
  const row = await db
    .selectFrom('named_schedules')
    .select('segments')
    .where('client_id', '=', clientId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('schedule_name', '=', scheduleName)
    .executeTakeFirst()
  if (!row) return []
  return segmentsFromJson(row.segments as StoredSegment[])
}

function segmentsFromJson(stored: readonly StoredSegment[]): NamedScheduleSegment[] {
  return stored.map((segment) => ({
    startingAt: new Date(segment.starting_at),
    endingBefore: segment.ending_before === null ? null : new Date(segment.ending_before),
    value: segment.value,
  }))
}

/** A transaction-scoped advisory lock on one (owner, name): it exists before any row does. */
export async function lockNamedSchedule(
  db: Executor,
  clientId: string,
  owner: NamedScheduleOwner,
  scheduleName: string,
) {
  const key = JSON.stringify([clientId, owner.kind, owner.id, scheduleName])
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db)
}

export async function saveNamedSchedule(
  db: Executor,
  clientId: string,
  owner: NamedScheduleOwner,
  scheduleName: string,
  segments: readonly NamedScheduleSegment[],
  at: Date,
) {
  const stored: StoredSegment[] = segments.map((segment) => ({
    starting_at: segment.startingAt.toISOString(),
    ending_before: segment.endingBefore?.toISOString() ?? null,
    // JSON has no undefined: a value the caller left out would vanish, so it is stored as null.
    value: segment.value === undefined ? null : segment.value,
  }))
  await db
    .insertInto('named_schedules')
    .values({
      client_id: clientId,
      owner_kind: owner.kind,
      owner_id: owner.id,
      schedule_name: scheduleName,
      segments: JSON.stringify(stored),
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['client_id', 'owner_kind', 'owner_id', 'schedule_name'])
        .doUpdateSet({ segments: JSON.stringify(stored), updated_at: at }),
    )
    .execute()
}

/** Every schedule of the owners, by owner id then name (listNamedSchedules). */
export async function listNamedSchedules(
  db: Executor,
  query: NamedScheduleListQuery,
): Promise<NamedScheduleOfOwner[]> {
  if (query.ownerIds.length === 0) return []
  let select = db
    .selectFrom('named_schedules')
    .select(['owner_id', 'schedule_name', 'segments'])
    .where('client_id', '=', query.clientId)
    .where('owner_kind', '=', query.ownerKind)
    .where('owner_id', 'in', [...query.ownerIds])
    .orderBy('owner_id')
    .orderBy('schedule_name')
  if (query.scheduleName !== null) select = select.where('schedule_name', '=', query.scheduleName)
  const rows = await select.execute()
  return rows.map((row) => ({
    ownerId: row.owner_id,
    scheduleName: row.schedule_name,
    segments: segmentsFromJson(row.segments as StoredSegment[]),
  }))
}
