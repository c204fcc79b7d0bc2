/**
 * Edits about a contract's commits and credits that leave its terms as they are:
 * `addManualBalanceEntry` (addManualBalanceLedgerEntry) and `disableTrueup`
 * (commits/disableTrueup). Both are recorded in the contract's history like every edit
 * (decision 0010), and what they mean is read from the history:
 *  - manual adjustments are ledger inputs, not terms (decision 0009: the ledger is derived from
 *    the access schedule and the stored adjustments), so `manualAdjustmentsOf` collects them for
 *    `ledgerAsOf`/`balanceAsOf`;
 *  - a disabled true-up is read by invoicing (`isTrueupDisabled`); no wire field shows it.
 * Keeping them out of `ContractTerms` keeps the terms' stored form and wire views unchanged.
 */
import type { Dec } from '../money/decimal.js'
import type { Problem } from '../problem.js'
import type { ContractCommit, ContractCredit, ContractHistory, ContractTerms } from './contract.js'
import { hasRecurring } from './instance-edits.js'
import { checkManualEntry, type ManualAdjustment } from './ledger.js'

/** The payload of an `addManualBalanceEntry` edit (the edit's id, time and author aside). */
export interface ManualBalanceEntryEdit {
  readonly kind: 'addManualBalanceEntry'
  /** The commit or credit adjusted. */
  readonly balanceId: string
  readonly adjustment: ManualAdjustment
  readonly perGroupAmounts: Readonly<Record<string, Dec>> | null
}

/** The payload of a `disableTrueup` edit. */
export interface DisableTrueupEdit {
  readonly kind: 'disableTrueup'
  readonly commitId: string
}

export type BalanceEdit = ManualBalanceEntryEdit | DisableTrueupEdit

/**
 * The reducer's step for these kinds: the terms do not change (the history carries the
 * adjustment or the disabled true-up). It still checks the edit names a balance of the terms,
 * as replaying an edit about nothing would hide a bug. A manual entry may also name a recurring
 * instance (decision 0014), whose id only the app can derive: the use case checked it against
 * the derived instances, so here it is enough that the terms have recurrings at all.
 */
export function applyBalanceEdit(terms: ContractTerms, edit: BalanceEdit): ContractTerms {
  const id = edit.kind === 'disableTrueup' ? edit.commitId : edit.balanceId
  const instance = edit.kind === 'addManualBalanceEntry' && hasRecurring(terms)
  if (!findBalance(terms, id) && !instance) {
    throw new Error(`a ${edit.kind} edit names ${id}, which is no balance of ${terms.id}`)
  }
  return terms
}

export function findBalance(
  terms: ContractTerms,
  id: string,
): ContractCommit | ContractCredit | undefined {
  return terms.commits.find((commit) => commit.id === id) ?? terms.credits.find((c) => c.id === id)
}

/**
 * Every manual adjustment in the history, by the commit or credit it adjusts, in the order
 * recorded. Adjustments of a segment that a later edit removed are left to the caller to drop
 * (`adjustmentsFor`): removing a segment removes its adjustments (§4.17).
 */
export function manualAdjustmentsOf(
  history: ContractHistory,
): ReadonlyMap<string, readonly ManualAdjustment[]> {
  const byBalance = new Map<string, ManualAdjustment[]>()
  for (const edit of history.edits) {
    if (edit.kind !== 'addManualBalanceEntry') continue
    byBalance.set(edit.balanceId, [...(byBalance.get(edit.balanceId) ?? []), edit.adjustment])
  }
  return byBalance
}

/** The adjustments of `balance` whose segment it still has (what `ledgerAsOf` accepts). */
export function adjustmentsFor(
  balance: ContractCommit | ContractCredit,
  all: ReadonlyMap<string, readonly ManualAdjustment[]> | undefined,
): readonly ManualAdjustment[] {
  const segmentIds = new Set(balance.accessSchedule.segments.map((segment) => segment.id))
  return (all?.get(balance.id) ?? []).filter((adjustment) => segmentIds.has(adjustment.segmentId))
}

export function isTrueupDisabled(history: ContractHistory, commitId: string): boolean {
  return history.edits.some((edit) => edit.kind === 'disableTrueup' && edit.commitId === commitId)
}

/**
 * What is wrong with adding `entry` to the balance `balanceId` names among `balances`: a
 * contract's commits and credits with its recurring instances started by now
 * (`contractBalancesAt`), so an instance takes manual entries like a stored balance.
 */
export function checkManualBalanceEntry(
  balances: readonly (ContractCommit | ContractCredit)[],
  contractId: string,
  balanceId: string,
  entry: ManualAdjustment & { readonly perGroupAmounts: Readonly<Record<string, Dec>> | null },
): readonly Problem[] {
  const balance = balances.find((each) => each.id === balanceId)
  if (!balance) {
    return [
      {
        field: 'body.id',
        message: `names no commit or credit of contract ${contractId} (a recurring instance exists once its access has started)`,
      },
    ]
  }
  return checkManualEntry(balance, entry)
}

/** What is wrong with disabling the true-up of the commit `commitId` names. */
export function checkDisableTrueup(terms: ContractTerms, commitId: string): readonly Problem[] {
  const commit = terms.commits.find((each) => each.id === commitId)
  if (!commit) {
    return [{ field: 'body.commit_id', message: `names no commit of contract ${terms.id}` }]
  }
  if (commit.type !== 'POSTPAID') {
    return [
      {
        field: 'body.commit_id',
        message: 'names a PREPAID commit; only POSTPAID commits have a true-up',
      },
    ]
  }
  if (commit.archivedAt !== null) {
    return [{ field: 'body.commit_id', message: 'names an archived commit' }]
  }
  return []
}
