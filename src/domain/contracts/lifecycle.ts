/**
 * What ending a contract earlier (`updateEndDate`) and archiving it do to its terms. The
 * reducer (`applyEdit` in contract.ts) calls these; they are pure and know nothing of storage.
 *
 * Ending earlier (semantics §4.17: "shortening truncates terms … removes future scheduled
 * invoices"; there are no invoices yet, so every term can be truncated):
 *  - a dated term that starts at or after the new end is removed (an access segment, a
 *    schedule item, an override, a subscription, a recurring commit or credit, a usage-filter
 *    entry); a commit, credit or charge left with no segment or item is removed with it;
 *  - a term that runs past the new end is cut at it (its `ending_before` becomes the new end).
 *    A cut access segment keeps its amount: the grant was agreed, only its window shrinks, and
 *    prorating it would invent a rule no source gives;
 *  - a postpaid commit's one invoice item (the true-up) dated after the new end moves to it,
 *    since the true-up falls due when the access ends and a postpaid commit always has one;
 *  - professional services have no dates and stay.
 * Moving the end later, or making the contract open-ended, changes only the contract's end:
 * "Terms and scheduled invoices are not extended" (the OpenAPI description).
 *
 * Archiving stamps `archived_at` on the contract and on every commit, credit, scheduled charge
 * and discount not archived before, so the ledgers close the active prepaid segments with an
 * expiration at that instant (decision 0009, rule 7; the archive operation's description). The
 * recurring instances, which are derived, are archived where they are derived, from the
 * contract's `archived_at` (`contractInstancesAt`, decision 0014).
 */
import type { AccessSegment } from './commits.js'
import type {
  ContractCharge,
  ContractCommit,
  ContractCredit,
  ContractRecurring,
  ContractSubscription,
  ContractTerms,
} from './contract.js'
import type { Override } from './overrides.js'

const time = (date: Date) => date.getTime()

/** The terms after the contract's end is set to `endingBefore` (null: open-ended). */
export function withEndDate(terms: ContractTerms, endingBefore: Date | null): ContractTerms {
  const shortens =
    endingBefore !== null &&
    (terms.endingBefore === null || time(endingBefore) < time(terms.endingBefore))
  if (!shortens) return { ...terms, endingBefore }
  return { ...truncated(terms, endingBefore), endingBefore }
}

function truncated(terms: ContractTerms, end: Date): ContractTerms {
  const before = (at: Date) => time(at) < time(end)
  const cut = (at: Date | null): Date => (at === null || time(at) > time(end) ? end : at)
  const segments = (list: readonly AccessSegment[]) =>
    list
      .filter((segment) => before(segment.startingAt))
      .map((segment) => ({
        ...segment,
        endingBefore: cut(segment.endingBefore),
      }))

  const commits = terms.commits
    .map((commit): ContractCommit => {
      const accessSchedule = {
        ...commit.accessSchedule,
        segments: segments(commit.accessSchedule.segments),
      }
      const schedule = commit.invoiceSchedule
      if (schedule === null) return { ...commit, accessSchedule }
      const items =
        commit.type === 'POSTPAID'
          ? schedule.items.map((item) => ({ ...item, timestamp: cut(item.timestamp) }))
          : schedule.items.filter((item) => before(item.timestamp))
      return { ...commit, accessSchedule, invoiceSchedule: { ...schedule, items } }
    })
    .filter((commit) => commit.accessSchedule.segments.length > 0)
  const credits = terms.credits
    .map((credit): ContractCredit => ({
      ...credit,
      accessSchedule: {
        ...credit.accessSchedule,
        segments: segments(credit.accessSchedule.segments),
      },
    }))
    .filter((credit) => credit.accessSchedule.segments.length > 0)
  const charges = (list: readonly ContractCharge[]) =>
    list
      .map((charge): ContractCharge => ({
        ...charge,
        schedule: {
          ...charge.schedule,
          items: charge.schedule.items.filter((item) => before(item.timestamp)),
        },
      }))
      .filter((charge) => charge.schedule.items.length > 0)
  const dated = <T extends { readonly startingAt: Date; readonly endingBefore: Date | null }>(
    list: readonly T[],
  ): T[] =>
    list
      .filter((term) => before(term.startingAt))
      .map((term) => ({ ...term, endingBefore: cut(term.endingBefore) }))

  return {
    ...terms,
    commits,
    credits,
    recurringCommits: dated<ContractRecurring>(terms.recurringCommits),
    recurringCredits: dated<ContractRecurring>(terms.recurringCredits),
    overrides: dated<Override>(terms.overrides),
    subscriptions: dated<ContractSubscription>(terms.subscriptions),
    scheduledCharges: charges(terms.scheduledCharges),
    discounts: charges(terms.discounts),
    // The first entry starts at the contract's start, before any valid end: it always stays.
    usageFilter: terms.usageFilter.filter((entry) => before(entry.startingAt)),
  }
}

/** The terms archived at `at`; archiving an archived contract changes nothing. */
export function archived(terms: ContractTerms, at: Date): ContractTerms {
  if (terms.archivedAt !== null) return terms
  const stamp = <T extends { readonly archivedAt: Date | null }>(term: T): T =>
    term.archivedAt === null ? { ...term, archivedAt: at } : term
  return {
    ...terms,
    archivedAt: at,
    commits: terms.commits.map(stamp),
    credits: terms.credits.map(stamp),
    scheduledCharges: terms.scheduledCharges.map(stamp),
    discounts: terms.discounts.map(stamp),
  }
}
