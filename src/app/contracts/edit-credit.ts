import type { DomainError } from '../../domain/errors.js'
import type { Result } from '../../lib/result.js'
import type { AppDeps } from '../deps.js'
import { editBalance, type EditBalanceInput } from './edit-commit.js'
import type { RecordedTermEdit } from './term-edit-support.js'

/** credits/edit: the same update as commits/edit, without an invoice schedule. */
export function editCredit(
  deps: AppDeps,
  input: EditBalanceInput,
): Promise<Result<RecordedTermEdit, DomainError>> {
  return editBalance(deps, 'CREDIT', input)
}
