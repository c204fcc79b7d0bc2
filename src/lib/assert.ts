/** Asserts an invariant. A failed assertion is a bug, never an expected outcome. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`)
}
