import { hashToken } from '../../lib/token-hash.js'
import type { AppDeps } from '../deps.js'
import type { Client } from '../ports.js'
import { createApiToken } from './create-api-token.js'
import { ensureClient } from './ensure-client.js'

export const DEFAULT_CLIENT_NAME = 'default'

export interface BootstrapInput {
  /** `METRUM_API_TOKEN`: when set, this secret is a valid token for the default client. */
  readonly configuredToken: string | null
}

export type BootstrapOutcome =
  | { readonly kind: 'configured-token'; readonly client: Client }
  | { readonly kind: 'generated-token'; readonly client: Client; readonly secret: string }
  | { readonly kind: 'existing-tokens'; readonly client: Client }

/**
 * Makes sure the default client exists and can be called: registers the configured token, or
 * on first start generates one (printed once by the caller, stored only hashed).
 */
export async function bootstrap(deps: AppDeps, input: BootstrapInput): Promise<BootstrapOutcome> {
  const client = await ensureClient(deps, DEFAULT_CLIENT_NAME)
  if (input.configuredToken !== null) {
    await registerConfiguredToken(deps, client, input.configuredToken)
    return { kind: 'configured-token', client }
  }
  if ((await deps.store.countTokens(client.id)) > 0) return { kind: 'existing-tokens', client }
  const created = await createApiToken(deps, {
    clientId: client.id,
    name: 'bootstrap',
    audit: null,
  })
  return { kind: 'generated-token', client, secret: created.secret }
}

async function registerConfiguredToken(
  deps: AppDeps,
  client: Client,
  secret: string,
): Promise<void> {
  const tokenHash = hashToken(secret)
  const token = {
    id: deps.ids.newId(),
    clientId: client.id,
    name: 'METRUM_API_TOKEN',
    createdAt: deps.clock.now(),
  }
  const inserted = await deps.store.insertToken(token, tokenHash)
  if (inserted) return
  const owner = await deps.store.findTokenByHash(tokenHash)
  if (owner?.clientId !== client.id) {
    // Silently reusing another client's token would merge two tenants; refuse to start instead.
    throw new Error('METRUM_API_TOKEN is already a token of another client')
  }
}
