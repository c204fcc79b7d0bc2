import type { CreditType } from '../../domain/pricing/credit-type.js'
import type { AppDeps } from '../deps.js'
import type { Position, Positioned } from '../ports.js'

/** The client's pricing units: its fiat currencies and custom units, in creation order. */
export async function listCreditTypes(
  deps: AppDeps,
  input: { readonly clientId: string; readonly limit: number; readonly after: Position | null },
): Promise<Positioned<CreditType>[]> {
  return deps.store.listCreditTypes(input.clientId, input.limit, input.after)
}
