/**
 * A real `metrum serve` process on loopback, started the way a user starts it (the bin, env
 * configuration), for SDK and durability tests.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

export interface LiveServer {
  readonly baseURL: string
  readonly process: ChildProcess
  output(): string
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>
  /** SIGKILL: no chance to flush or close anything. */
  kill(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export async function startLiveServer(
  env: Record<string, string>,
  port?: number,
): Promise<LiveServer> {
  const listenPort = port ?? (await freePort())
  const child = spawn(process.execPath, ['bin/metrum.js', 'serve'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(listenPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => resolveExit(code)),
  )
  const baseURL = `http://127.0.0.1:${listenPort}`
  await waitUntilHealthy(baseURL, exited, () => output)
  return {
    baseURL,
    process: child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

async function waitUntilHealthy(
  baseURL: string,
  exited: Promise<number | null>,
  output: () => string,
) {
  let hasExited = false
  void exited.then(() => (hasExited = true))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`server exited during start:\n${output()}`)
    try {
      const response = await fetch(`${baseURL}/_metrum/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`server did not become healthy:\n${output()}`)
}
