/** What the package use cases share. */
import { domainError, type DomainError } from '../../domain/errors.js'

export const PACKAGE_RESOURCE = 'package'

export function packageNotFound(id: string): DomainError {
  return domainError('package_not_found', `Package ${id} not found`)
}

export const packageUniquenessKeyConflict = domainError(
  'uniqueness_key_conflict',
  'This uniqueness key has already been used.',
)
