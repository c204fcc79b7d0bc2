// Runs PGlite in its own thread and serves it on a loopback socket. PGlite's WASM runs on the
// calling thread, so keeping it here lets the HTTP thread serve while a query runs, and the
// socket lets the app use the very same `pg` pool code as with a PostgreSQL server.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { serializeSessions } from './session-queue.js'

const port = parentPort
if (!port) throw new Error('pglite worker must run in a worker thread')

/** @type {{ dataDir: string | null }} */
const input = workerData
const db = await PGlite.create(input.dataDir ? { dataDir: input.dataDir } : {})
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 32 })
serializeSessions(server)
await server.start()
port.postMessage({ type: 'ready', address: server.getServerConn() })

port.on('message', (message) => {
  if (message.type !== 'stop') return
  void (async () => {
    await server.stop()
    await db.close()
    port.postMessage({ type: 'stopped' })
  })()
})
