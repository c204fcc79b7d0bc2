/**
 * Bearer-token authentication. Resolved callers are cached briefly by token hash so that the
 * ingest path does not pay a database round trip per request; secrets are never cached.
 */
import type { FastifyRequest } from 'fastify'
import type { AuditContext } from '../app/audit/audit-context.js'
import type { AppDeps } from '../app/deps.js'
import type { Caller } from '../app/ports.js'
import { authenticate } from '../app/tenancy/authenticate.js'
import { hashToken } from '../lib/token-hash.js'

const CACHE_TTL_MS = 30_000
const CACHE_MAX_ENTRIES = 10_000

export type Authenticator = (authorization: string | undefined) => Promise<AuthOutcome>

export type AuthOutcome =
  { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly message: string }

export function createAuthenticator(app: AppDeps, nowMs: () => number = Date.now): Authenticator {
  const cache = new Map<string, { caller: Caller; expiresAtMs: number }>()
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!match?.[1]) {
      return {
        ok: false,
        message: 'Missing bearer token: send an Authorization: Bearer <token> header',
      }
    }
    const secret = match[1]
    const key = hashToken(secret)
    const cached = cache.get(key)
    if (cached && cached.expiresAtMs > nowMs()) return { ok: true, caller: cached.caller }
    const caller = await authenticate(app, secret)
    if (!caller) return { ok: false, message: 'Invalid API token' }
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear()
    cache.set(key, { caller, expiresAtMs: nowMs() + CACHE_TTL_MS })
    return { ok: true, caller }
  }
}

/** Who made an authenticated request, and from where: what every audited write records. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const caller = request.caller
  if (!caller) throw new Error('authenticated route reached without a caller')
  return {
    caller,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  }
}
