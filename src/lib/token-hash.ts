import { createHash } from 'node:crypto'

/**
 * API tokens are stored only as this hash. Tokens are long random secrets, so a plain SHA-256
 * (no salt, no stretching) is enough and keeps the per-request lookup a single index probe.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
