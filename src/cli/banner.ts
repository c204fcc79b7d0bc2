/** What `metrum serve` prints once it is listening: where it is and how to call it. */
import type { Config } from '../config.js'
import type { RunningServer } from '../main.js'

export function printBanner(server: RunningServer, config: Config, startMs: number): void {
  const storage =
    server.runtime.storage.kind === 'embedded'
      ? `embedded PGlite (${config.dataDir ?? 'in memory'})`
      : 'PostgreSQL (DATABASE_URL)'
  const outcome = server.bootstrap
  const shellToken =
    outcome.kind === 'generated-token'
      ? outcome.secret
      : outcome.kind === 'configured-token'
        ? '$METRUM_API_TOKEN'
        : '<your token>'
  const jsToken =
    outcome.kind === 'configured-token' ? 'process.env.METRUM_API_TOKEN' : `'${shellToken}'`
  const lines = [`Metrum is listening on ${server.url} (${storage}, ready in ${startMs} ms)`, '']
  if (outcome.kind === 'generated-token') {
    lines.push(
      'First start: an API token was generated for the default client. It is shown only now',
      'and stored hashed; keep it (or set METRUM_API_TOKEN, or run `metrum token create`):',
      '',
      `  ${outcome.secret}`,
      '',
    )
  } else if (outcome.kind === 'existing-tokens') {
    lines.push(
      'Use the token printed on first start, or make one with `npm run metrum -- token create`.',
      '',
    )
  }
  lines.push(
    'Call it with the official SDK:',
    '',
    "  import Metronome from '@metronome/sdk'",
    `  const client = new Metronome({ bearerToken: ${jsToken}, baseURL: '${server.url}' })`,
    '  console.log(await client.v1.pricingUnits.list())',
    '',
    'or with curl:',
    '',
    `  curl -H "Authorization: Bearer ${shellToken}" ${server.url}/v1/credit-types/list`,
    '',
    `API docs: ${server.url}/docs    health: ${server.url}/_metrum/health`,
  )
  console.log(lines.join('\n'))
}
