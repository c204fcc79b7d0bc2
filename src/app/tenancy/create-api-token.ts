import { hashToken } from '../../lib/token-hash.js'
import { auditEntryFor, type AuditContext } from '../audit/audit-context.js'
import type { AppDeps } from '../deps.js'
import type { ApiToken } from '../ports.js'

export interface CreateApiTokenInput {
  readonly clientId: string
  readonly name: string
  /** Present when the token is made through the API, so the write is audited. */
  readonly audit: AuditContext | null
}

export interface CreatedApiToken {
  readonly token: ApiToken
  /** The secret itself. It is shown once and only its hash is stored. */
  readonly secret: string
}

export async function createApiToken(
  deps: AppDeps,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const now = deps.clock.now()
  const secret = deps.ids.newSecret()
  const token: ApiToken = {
    id: deps.ids.newId(),
    clientId: input.clientId,
    name: input.name,
    createdAt: now,
  }
  await deps.store.transaction(async (session) => {
    await session.insertToken(token, hashToken(secret))
    if (input.audit) {
      const change = { action: 'api_token.create', resourceType: 'api_token', resourceId: token.id }
      await session.appendAudit(input.clientId, auditEntryFor(deps, input.audit, change, now))
    }
  })
  return { token, secret }
}
