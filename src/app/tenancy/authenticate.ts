import { hashToken } from '../../lib/token-hash.js'
import type { AppDeps } from '../deps.js'
import type { Caller } from '../ports.js'

/** Resolves a bearer token to its client, or null when the token is unknown. */
export async function authenticate(deps: AppDeps, secret: string): Promise<Caller | null> {
  return deps.store.findTokenByHash(hashToken(secret))
}
