/**
 * Edits and archives naming a recurring commit's or credit's instance (decisions 0012, 0014).
 *
 * Instances are derived, never stored (0012), so an edit naming one has no stored term to
 * change. The contract's history records it as the usual `editCommit` / `editCredit` /
 * `archiveCommit` / `archiveCredit` edit, or as an update or archive of a v2 `edit` (the stored
 * forms already name the balance by id, and an instance's id is stable); the reducer keeps it,
 * in the order recorded, as an `InstancePatch` of the terms (`withBalanceChange`); and every
 * derivation of the instances applies the patches (`contractInstancesAt`, called by the app's
 * `contractBalancesAt`). Manual ledger entries need no patch: ledgers read them from the
 * history by balance id.
 *
 * Archiving the whole contract archives the instances too, without a patch: an archived
 * contract's instances are those started by its archive, each archived then unless archived
 * before (`contractInstancesAt` reads the terms' `archivedAt`).
 *
 * The domain cannot tell an instance id from any other (the ids are the app's hash), so the use
 * cases check an id against the derived instances before recording; the reducer only refuses a
 * patch on terms that have no recurring of that kind, which could never have named an instance.
 */
import type { ContractCommit, ContractCredit, ContractTerms } from './contract.js'
import {
  applyBalanceArchive,
  applyBalanceUpdate,
  applyCommitOrCreditEdit,
  type BalanceUpdate,
} from './contract-edits.js'
import {
  recurringBalances,
  type GeneratedBalances,
  type InstanceIdOf,
} from './recurring-balances.js'

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

/**
 * One change to one commit or credit as the edits record it (an update, or an archive at the
 * edit's instant): a stored one's is applied to the terms, an instance's kept as its patch.
 */
export type BalanceChange = InstancePatch

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
 * The reducer's step for one change to one commit or credit, whichever edit records it
 * (`commits/edit`, `credits/archive`, … or a v2 `edit`): an id of the terms' own balances
 * changes the stored term; any other names a recurring instance and becomes its patch.
 */
export function withBalanceChange(terms: ContractTerms, change: BalanceChange): ContractTerms {
  if (!isOwnBalance(terms, change.kind, change.balanceId)) return withInstancePatch(terms, change)
  return change.action === 'edit'
    ? applyCommitOrCreditEdit(terms, change.kind, change.update)
    : applyBalanceArchive(terms, change.kind, change.balanceId, change.at)
}

const archivedOnce = <B extends ContractCommit | ContractCredit>(balance: B, at: Date): B =>
  balance.archivedAt === null ? { ...balance, archivedAt: at } : balance

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
      .reduce<B>(
        (patched, patch) =>
          patch.action === 'edit'
            ? applyBalanceUpdate(patched, patch.update)
            : archivedOnce(patched, patch.at),
        instance,
      ),
  )
}

/**
 * The recurring instances the terms show at `at`: those started by `at` (0012 rule 2) with the
 * patches recorded on them applied. An archived contract shows those started by its archive
 * (none starts on an archived contract), each archived at the contract's archive unless an
 * instance archive came first — as the archive stamps its stored commits and credits, so the
 * prepaid ledgers close then with the expiration entry (0009 rule 7).
 */
export function contractInstancesAt(
  terms: ContractTerms,
  at: Date,
  idOf: InstanceIdOf,
): GeneratedBalances {
  const archivedAt = terms.archivedAt
  const until = archivedAt !== null && archivedAt.getTime() < at.getTime() ? archivedAt : at
  const generated = recurringBalances(terms, until, idOf)
  const shown = <B extends ContractCommit | ContractCredit>(instances: readonly B[]): B[] => {
    const patched = applyInstancePatches(instances, terms.instancePatches)
    return archivedAt === null ? patched : patched.map((each) => archivedOnce(each, archivedAt))
  }
  return { commits: shown(generated.commits), credits: shown(generated.credits) }
}
