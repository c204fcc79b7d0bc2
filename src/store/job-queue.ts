/**
 * The `JobQueue` port on pg-boss. pg-boss polls instead of using LISTEN, which is what lets it
 * run on the embedded PGlite (one backend) as well as on PostgreSQL.
 */
import PgBoss from 'pg-boss'
import type { Job, JobQueue } from '../app/ports.js'

export interface JobQueueOptions {
  readonly connectionString: string
  readonly pollingIntervalSeconds: number
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: 2,
    schema: 'pgboss',
    // Maintenance polls the database; on PGlite every poll competes with requests.
    maintenanceIntervalSeconds: 300,
    monitorStateIntervalSeconds: 300,
  })
  boss.on('error', () => {})
  await boss.start()
  // One creation per name, shared by concurrent callers: two concurrent createQueue calls for
  // one name deadlock in PostgreSQL (each creates the queue's partition table).
  const queues = new Map<string, Promise<void>>()
  const ensureQueue = (name: string) => {
    let created = queues.get(name)
    if (!created) {
      created = boss.createQueue(name).catch((error: unknown) => {
        queues.delete(name)
        throw error
      })
      queues.set(name, created)
    }
    return created
  }
  return {
    async send(name, data) {
      await ensureQueue(name)
      return boss.send(name, data)
    },
    async work(name, handler) {
      await ensureQueue(name)
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds },
        async (jobs) => {
          for (const job of jobs) await handler({ name: job.name, data: job.data } satisfies Job)
        },
      )
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 })
    },
  }
}
