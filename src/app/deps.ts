import type { Clock, IdSource, Store } from './ports.js'

/** What every use case may use. Built once in `main.ts`; tests build their own. */
export interface AppDeps {
  readonly store: Store
  readonly clock: Clock
  readonly ids: IdSource
}
