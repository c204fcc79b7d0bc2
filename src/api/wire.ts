/**
 * Small wire ⇄ domain helpers every converter needs: JSON numbers to exact decimals and back,
 * RFC 3339 text, and optional fields that are absent rather than undefined.
 */
import { decimal, type Dec } from '../domain/money/decimal.js'

/** Wire numbers become exact decimals through their shortest text form (0.3 stays 0.3). */
export const fromNumber = (value: number): Dec => decimal(String(value))
export const optionalDec = (value: number | null | undefined): Dec | undefined =>
  value === undefined || value === null ? undefined : fromNumber(value)
export const optionalDate = (value: string | null | undefined): Date | undefined =>
  value === undefined || value === null ? undefined : new Date(value)
/** The JSON number the spec's `number` fields carry. */
export const toNumber = (value: Dec): number => Number(value.toString())
export const iso = (value: Date): string => value.toISOString()

/** Drops the keys whose value is undefined, so optional domain fields are absent, not undefined. */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K]
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

export function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Defined<T>
}

/** `{ key: value }` when the value is set, `{}` otherwise (an absent wire field). */
export function present<K extends string, V, W>(
  key: K,
  value: V | null | undefined,
  map: (value: V) => W,
): { [P in K]?: W } {
  return (value === null || value === undefined ? {} : { [key]: map(value) }) as { [P in K]?: W }
}
