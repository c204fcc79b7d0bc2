/** One thing wrong with an input, named by its wire field path (e.g. `body[3].timestamp`). */
export interface Problem {
  readonly field: string
  readonly message: string
}

/** The sentence a 400 carries: the first problem, and how many more there are. */
export function describeProblems(problems: readonly Problem[]): string {
  const [first, ...rest] = problems
  if (!first) return 'invalid request'
  const more =
    rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : ''
  return `${first.field} ${first.message}${more}`
}
