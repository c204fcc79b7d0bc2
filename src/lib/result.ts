/**
 * Expected failures travel as values; bugs throw. A `Result` is either the value or an error
 * value whose `code` comes from the one registry in `domain/errors.ts`.
 */
export type Result<T, E> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error }
}
