// PGlite is one database session; pglite-socket multiplexes every client connection onto it,
// one protocol message at a time. Its queue keeps a connection's messages together only while
// PGlite reports an open transaction, which misses the implicit transaction of the extended
// protocol: between one connection's Execute and its Sync, another connection's BEGIN would
// turn the first one's statement into part of an explicit transaction — answered as done to its
// client, yet committed (or rolled back) by someone else later. Acknowledged writes could then
// be lost on a crash.
//
// This replaces the queue's scheduling with the protocol's own rule: a connection owns the
// session from its first message until the session is idle again, which the server says with
// ReadyForQuery status 'I'. Until then only that connection's messages run.
// Plain JavaScript: it is loaded by the PGlite worker thread (see worker.js).

const READY_FOR_QUERY = 0x5a // 'Z'
const IDLE = 0x49 // 'I'

/**
 * Reads the ReadyForQuery statuses out of a backend message stream that may arrive in chunks.
 * @returns {{ push(chunk: Uint8Array): void, lastStatus(): number | null }}
 */
function readyForQueryReader() {
  /** @type {Buffer} */
  let pending = Buffer.alloc(0)
  /** @type {number | null} */
  let status = null
  return {
    push(chunk) {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk])
      while (pending.length >= 5) {
        const length = pending.readInt32BE(1)
        if (pending.length < 1 + length) break
        if (pending[0] === READY_FOR_QUERY) status = pending[5] ?? null
        pending = pending.subarray(1 + length)
      }
    },
    lastStatus: () => status,
  }
}

/**
 * Makes `server.queryQueue` schedule by session ownership.
 * @param {any} server a started-or-not PGLiteSocketServer
 */
export function serializeSessions(server) {
  const queue = server.queryQueue
  /** @type {number | null} */
  let owner = null

  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return
    this.processing = true
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner)
        // The owner has not sent its next message yet: everyone else waits for it.
        if (index === -1) break
        const [item] = this.queue.splice(index, 1)
        const reader = readyForQueryReader()
        let bytes = 0
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length
                reader.push(data)
                item.onData(data)
              },
            }),
          )
        } catch (error) {
          item.reject(error)
          continue
        }
        const status = reader.lastStatus()
        // No ReadyForQuery: mid-way through an extended-protocol exchange, keep the session.
        owner = status === IDLE ? null : item.handlerId
        this.lastHandlerId = item.handlerId
        item.resolve(bytes)
      }
    } finally {
      this.processing = false
    }
  }

  const clear = queue.clearTransactionIfNeeded.bind(queue)
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(handlerId) {
    if (owner !== handlerId) return clear(handlerId)
    // The owner left mid-exchange or mid-transaction: end whatever it had open, free the session.
    owner = null
    this.lastHandlerId = null
    await this.db.exec('ROLLBACK').catch(() => {})
    await this.processQueue()
  }
}
