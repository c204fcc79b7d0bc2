/**
 * Keeps the metrics' hourly rollups close behind ingest: one pass, again at once while a pass
 * leaves work, otherwise after `intervalMs`. Usage answers do not depend on it (the store reads
 * raw events past each rollup's watermark); it only keeps those raw reads short.
 */
import type { Store } from '../ports.js'

export interface UsageRoller {
  /** Stops after the pass in flight, if any. */
  stop(): Promise<void>
}

export interface UsageRollerOptions {
  readonly intervalMs: number
  readonly chunkEvents?: number
  readonly onError: (error: unknown) => void
}

export function startUsageRoller(store: Store, options: UsageRollerOptions): UsageRoller {
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let inFlight: Promise<void> | null = null

  const schedule = (delayMs: number) => {
    if (stopped) return
    timer = setTimeout(() => {
      timer = null
      inFlight = pass().finally(() => {
        inFlight = null
      })
    }, delayMs)
    // A background chore must never keep the process alive on its own.
    timer.unref()
  }

  const pass = async () => {
    try {
      const outcome = await store.rollUpUsage(
        options.chunkEvents ? { chunkEvents: options.chunkEvents } : {},
      )
      schedule(outcome.caughtUp ? options.intervalMs : 0)
    } catch (error) {
      options.onError(error)
      schedule(options.intervalMs)
    }
  }

  schedule(0)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await inFlight
    },
  }
}
