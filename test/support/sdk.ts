/**
 * SDK tests' setup: registers hooks in the calling `describe` that start a live `metrum serve`
 * on a fresh data directory with a known token, and an official SDK client pointed at it.
 */
import { after, before } from 'node:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Metronome from '@metronome/sdk'
import { startLiveServer, type LiveServer } from './live-server.js'

export interface LiveSdk {
  readonly token: string
  /** Available once the `before` hooks have run. */
  readonly client: Metronome
  readonly server: LiveServer
}

export function useLiveSdk(name: string): LiveSdk {
  const dataDir = mkdtempSync(join(tmpdir(), `metrum-sdk-${name}-`))
  const token = `sdk-${name}-token`
  let server: LiveServer | null = null
  let client: Metronome | null = null
  before(async () => {
    server = await startLiveServer({ METRUM_API_TOKEN: token, METRUM_DATA_DIR: dataDir })
    client = new Metronome({ bearerToken: token, baseURL: server.baseURL, maxRetries: 0 })
  })
  after(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('the live server is not started yet (use it in a test)')
    return value
  }
  return {
    token,
    get client() {
      return started(client)
    },
    get server() {
      return started(server)
    },
  }
}
