import { initialCreditTypes } from '../../domain/pricing/credit-type.js'
import type { AppDeps } from '../deps.js'
import type { Client } from '../ports.js'

/**
 * Returns the client with this name, creating it (with its initial pricing units) if absent.
 * Clients are isolated tenants: a new name is a new, empty organization.
 */
export async function ensureClient(deps: AppDeps, name: string): Promise<Client> {
  return deps.store.transaction(async (session) => {
    const existing = await session.findClientByName(name)
    if (existing) return existing
    const now = deps.clock.now()
    const client: Client = { id: deps.ids.newId(), name, createdAt: now }
    await session.insertClient(client)
    await session.insertCreditTypes(client.id, initialCreditTypes, now)
    return client
  })
}
