/**
 * Renewal (semantics §4.11, decisions 0009 and 0012). A contract created with
 * `transition {type: RENEWAL, from_contract_id}` takes over from the old contract at its own
 * `starting_at`: every commit and credit of the old contract (recurring instances included)
 * whose segment is in use then rolls `min(remaining, rollover_fraction × segment amount)` into
 * a new rollover balance on the new contract, and that segment closes with a `*_ROLLOVER`
 * entry and the expiration of the rest.
 *
 * The new balances are terms of the new contract (stored with its create). The old contract
 * records a `renewal` edit in its own history (decision 0010: a contract is its history) that
 * leaves its terms as they are; `renewalOf` reads it back as the `rollover` option of
 * `ledgerAsOf`, so the old ledgers recompute the same entry `rollover()` wrote (decision 0009:
 * the amount is derived, never stored).
 */
import { adjustmentsFor } from './balance-edits.js'
import type { ManualAdjustment, Transition } from './ledger.js'
import { ledgerAsOf, rollover, rollsOverAt } from './ledger.js'
import type { ContractCommit, ContractCredit, ContractHistory, ContractTerms } from './contract.js'

/** The payload of a `renewal` edit on the old contract (its id, time and author aside). */
export interface RenewalEdit {
  readonly kind: 'renewal'
  readonly newContractId: string
  /** The new contract's `starting_at`: where the old segments in use close. */
  readonly transitionAt: Date
}

/** The renewal the history records, as `ledgerAsOf`'s `rollover` option; null: never renewed. */
export function renewalOf(history: ContractHistory): Transition | null {
  let found: Transition | null = null
  for (const edit of history.edits) {
    if (edit.kind === 'renewal')
      found = { at: edit.transitionAt, newContractId: edit.newContractId }
  }
  return found
}

export interface RolloverBalances {
  readonly commits: readonly ContractCommit[]
  readonly credits: readonly ContractCredit[]
}

/**
 * The rollover balances the new contract gets from the old one's `balances` (its commits and
 * credits and the recurring instances started by the transition). Each lasts until the new
 * contract ends; an open-ended new contract gives it the rolling segment's own length from the
 * transition, since a segment must end. `newId` gives the new balance, segment and invoice
 * item ids (only for the balances that do roll).
 */
export function rolloversInto(
  renewal: Pick<ContractTerms, 'id' | 'startingAt' | 'endingBefore'>,
  balances: readonly (ContractCommit | ContractCredit)[],
  adjustments: ReadonlyMap<string, readonly ManualAdjustment[]>,
  newId: () => string,
): RolloverBalances {
  const at = renewal.startingAt
  const commits: ContractCommit[] = []
  const credits: ContractCredit[] = []
  for (const old of balances) {
    const segment = old.accessSchedule.segments.find((each) => rollsOverAt(each, at))
    if (!segment || old.rolloverFraction === null) continue
    const length = segment.endingBefore.getTime() - segment.startingAt.getTime()
    const accessEndingBefore = renewal.endingBefore ?? new Date(at.getTime() + length)
    const ledger = ledgerAsOf(old, adjustmentsFor(old, adjustments), { asOf: at })
    const result = rollover(old, ledger, at, {
      contractId: renewal.id,
      id: newId(),
      segmentId: newId(),
      invoiceItemId: newId(),
      accessEndingBefore,
    })
    if (!result) continue
    const extras = {
      netsuiteSalesOrderId: old.netsuiteSalesOrderId,
      hierarchyConfiguration: old.hierarchyConfiguration,
    }
    if (result.rolledOver.kind === 'COMMIT') {
      commits.push({ ...result.rolledOver, ...extras, spendTrackerAttributes: null })
    } else {
      credits.push({ ...result.rolledOver, ...extras })
    }
  }
  return { commits, credits }
}
