/**
 * The embedded database: PGlite in a worker thread behind a loopback socket. Returns a
 * connection string for `pg` and a `stop` that closes the database cleanly.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

export interface EmbeddedDatabase {
  readonly connectionString: string
  stop(): Promise<void>
}

/** `dataDir` null keeps the database in memory (tests). */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  const lock = dataDir ? lockDataDir(dataDir) : null
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: { dataDir: dataDir ? join(dataDir, 'pgdata') : null },
  })
  try {
    const address = await waitFor<{ address: string }>(worker, 'ready')
    const connectionString = `postgres://postgres@${address.address}/postgres?sslmode=disable`
    return {
      connectionString,
      stop: async () => {
        const stopped = waitFor(worker, 'stopped')
        worker.postMessage({ type: 'stop' })
        await stopped
        await worker.terminate()
        lock?.release()
      },
    }
  } catch (error) {
    await worker.terminate()
    lock?.release()
    throw error
  }
}

function waitFor<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return
      cleanup()
      resolve(message)
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const onExit = (code: number) => {
      cleanup()
      reject(new Error(`the embedded database stopped unexpectedly (exit ${code})`))
    }
    const cleanup = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
  })
}

/**
 * Two processes opening one PGlite directory would corrupt it, so the directory carries the
 * pid of its owner. A stale lock (its process is gone, e.g. after kill -9) is taken over.
 */
function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = join(dataDir, 'metrum.pid')
  const owner = readOwner(lockPath)
  if (owner !== null && owner !== process.pid && isAlive(owner)) {
    throw new Error(`data directory ${dataDir} is in use by process ${owner}`)
  }
  writeFileSync(lockPath, String(process.pid))
  return { release: () => rmSync(lockPath, { force: true }) }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10)
    return Number.isFinite(pid) ? pid : null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
