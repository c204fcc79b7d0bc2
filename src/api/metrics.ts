/** Prometheus metrics for `/_metrum/metrics`: process defaults plus HTTP request timings. */
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  readonly registry: Registry
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void
}

export function createMetrics(): Metrics {
  // A registry per server, so that several servers in one test process do not collide.
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Histogram({
    name: 'metrum_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  return {
    registry,
    observeRequest(method, route, statusCode, seconds) {
      requests.observe({ method, route, status_code: String(statusCode) }, seconds)
    },
  }
}
