/**
 * GET /v1/services — `v1.services.list`. The registry of addresses to allow-list: for Metrum,
 * the addresses this server accepts API connections at.
 */
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation('getServices-v1', async (_input, { server }) =>
  ok({
    services: [
      {
        name: 'metrum-api',
        usage: 'accepts_connections_at' as const,
        ips: [...server.listenAddresses],
      },
    ],
  }),
)
