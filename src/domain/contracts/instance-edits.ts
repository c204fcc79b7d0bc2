/**
 * Edits and archives naming a recurring commit's or credit's instance (decisions 0012, 0014).
 *
 * Instances are derived, never stored (0012), so an edit naming one has no stored term to
 * change. The contract's history records it as the usual `editCommit` / `editCredit` /
 * `archiveCommit` / `archiveCredit` edit (the stored form already names the balance by id, and
 * an instance's id is stable); the reducer keeps it, in the order recorded, as an
 * `InstancePatch` of the terms; and every derivation of the instances applies the patches
 * (`applyInstancePatches`, called by the app's `contractBalancesAt`). Manual ledger entries need
 * no patch: ledgers read them from the history by balance id.
 *
 * The domain cannot tell an instance id from any other (the ids are the app's hash), so the use
 * cases check an id against the derived instances before recording; the reducer only refuses a
 * patch on terms that have no recurring of that kind, which could never have named an instance.
 */
import type { ContractCommit, ContractCredit, ContractTerms } from './contract.js'
import { applyBalanceUpdate, type BalanceUpdate } from './contract-edits.js'

export type BalanceKind = 'COMMIT' | 'CREDIT'

interface PatchFields {
  readonly kind: BalanceKind
  /** The instance's id (`recurringInstanceId(recurring, index, 'balance')`). */
  readonly balanceId: string
}

/** One recorded change to one instance. */
export type InstancePatch =
  | (PatchFields & { readonly action: 'edit'; readonly update: BalanceUpdate })
  | (PatchFields & { readonly action: 'archive'; readonly at: Date })

/** Whether `id` names one of the terms' own (stored) commits or credits of this kind. */
export function isOwnBalance(terms: ContractTerms, kind: BalanceKind, id: string): boolean {
  const list = kind === 'COMMIT' ? terms.commits : terms.credits
  return list.some((balance) => balance.id === id)
}

/** Whether the terms have any recurring commit or credit (of `kind`, when given). */
export function hasRecurring(terms: ContractTerms, kind?: BalanceKind): boolean {
  if (kind === 'COMMIT') return terms.recurringCommits.length > 0
  if (kind === 'CREDIT') return terms.recurringCredits.length > 0
  return terms.recurringCommits.length > 0 || terms.recurringCredits.length > 0
}

/** The reducer's step for an edit or archive naming an instance: the patch is kept, in order. */
export function withInstancePatch(terms: ContractTerms, patch: InstancePatch): ContractTerms {
  if (!hasRecurring(terms, patch.kind)) {
    const what = patch.kind === 'COMMIT' ? 'commit' : 'credit'
    throw new Error(
      `an ${patch.action} names ${patch.balanceId}, which is no ${what} of ${terms.id} and no instance of a recurring ${what}`,
    )
  }
  return { ...terms, instancePatches: [...(terms.instancePatches ?? []), patch] }
}

/**
 * The instances with every patch naming them applied in the order recorded: an edit is the
 * same update a stored commit or credit takes (`applyBalanceUpdate`); an archive sets
 * `archivedAt` once. Patches naming an instance not derived (not started at this view's instant,
 * or cut by a later end date) are left out; patches of the other kind are ignored.
 */
export function applyInstancePatches<B extends ContractCommit | ContractCredit>(
  instances: readonly B[],
  patches: readonly InstancePatch[] | undefined,
): B[] {
  if (!patches || patches.length === 0) return [...instances]
  return instances.map((instance) =>
    patches
      .filter((patch) => patch.kind === instance.kind && patch.balanceId === instance.id)
      .reduce<B>((patched, patch) => {
        if (patch.action === 'edit') return applyBalanceUpdate(patched, patch.update)
        return patched.archivedAt === null ? { ...patched, archivedAt: patch.at } : patched
      }, instance),
  )
}
