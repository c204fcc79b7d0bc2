/**
 * `metrum ingest FILE.ndjson [--batch 100] [--client NAME]`: bulk-loads events, one JSON event
 * per line, through the ingest use case (the same validation, de-duplication and storage as
 * `POST /v1/ingest`), with a live progress line and a summary. It opens the database itself, so
 * on the embedded store the server must not be running on the same data directory.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { ensureClient } from '../app/tenancy/ensure-client.js'
import { ingestEvents } from '../app/usage/ingest-events.js'
import { readIncomingEvent, type IncomingEvent } from '../domain/ingest/incoming-event.js'
import type { Runtime } from '../main.js'

export interface IngestFileOptions {
  readonly path: string
  readonly batchSize: number
  readonly clientName: string
  readonly progress: (line: string) => void
}

export interface IngestFileSummary {
  readonly lines: number
  readonly accepted: number
  readonly duplicates: number
  readonly rejected: number
  readonly seconds: number
  readonly firstProblem: string | null
}

export async function ingestFile(
  runtime: Runtime,
  options: IngestFileOptions,
): Promise<IngestFileSummary> {
  const client = await ensureClient(runtime.app, options.clientName)
  const started = Date.now()
  const totals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 }
  let firstProblem: string | null = null
  let batch: IncomingEvent[] = []
  let lastPrint = 0
  const report = (force: boolean) => {
    if (!force && Date.now() - lastPrint < 200) return
    lastPrint = Date.now()
    const seconds = Math.max((Date.now() - started) / 1000, 0.001)
    const rate = Math.round((totals.accepted + totals.duplicates) / seconds)
    options.progress(
      `${totals.lines.toLocaleString('en-US')} lines  ${rate.toLocaleString('en-US')} events/s  ` +
        `accepted ${totals.accepted}  duplicates ${totals.duplicates}  rejected ${totals.rejected}`,
    )
  }
  const flush = async () => {
    if (batch.length === 0) return
    const result = await ingestEvents(runtime.app, { clientId: client.id, events: batch })
    if (result.ok) {
      totals.accepted += result.value.accepted
      totals.duplicates += result.value.duplicates
    } else {
      // A batch is accepted whole or not at all, exactly as through the API.
      totals.rejected += batch.length
      firstProblem ??= result.error.message
    }
    batch = []
    report(false)
  }
  const lines = createInterface({ input: createReadStream(options.path), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    totals.lines += 1
    const read = parseLine(line, totals.lines)
    if ('problem' in read) {
      totals.rejected += 1
      firstProblem ??= read.problem
      continue
    }
    batch.push(read.event)
    if (batch.length >= options.batchSize) await flush()
  }
  await flush()
  report(true)
  return { ...totals, seconds: (Date.now() - started) / 1000, firstProblem }
}

function parseLine(
  line: string,
  lineNumber: number,
): { event: IncomingEvent } | { problem: string } {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return { problem: `line ${lineNumber}: not valid JSON` }
  }
  const read = readIncomingEvent(value, `line ${lineNumber}`)
  if ('event' in read) return read
  const [first] = read.problems
  return { problem: first ? `${first.field} ${first.message}` : `line ${lineNumber}: invalid` }
}
