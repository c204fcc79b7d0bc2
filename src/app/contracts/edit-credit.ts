import type { DomainError } from '../../domain/errors.js'
import type { Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { editBalance, type EditBalanceInput, type EditedBalance } from './edit-commit.js'

/** credits/edit: the same update as commits/edit, without an invoice schedule. */
export function editCredit(
  deps: AppDeps,
  input: EditBalanceInput,
): Promise<Result<EditedBalance, DomainError>> {
  return editBalance(deps, 'CREDIT', input)
}
