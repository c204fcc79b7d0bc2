/**
 * SQL billable metrics (semantics §2.6): a query over one table `events` with the columns
 * `event_type`, `timestamp` and `properties.<name>` (read as strings), filters and
 * aggregation only. The query is parsed with a real SQL parser and accepted only when every
 * node is in the documented subset; the store then renders its own SQL from the checked tree,
 * adding the client, customer and period scoping, so the text a user wrote never runs as is.
 *
 * Output: the column named `value` is the quantity (else the first column); every other column
 * is a possible group key, named by its alias or its property name.
 */
import { parse, type Expr, type SelectedColumn, type SelectFromStatement } from 'pgsql-ast-parser'
import type { Problem } from '../problem.js'

export interface SqlMetricQuery {
  readonly text: string
  readonly statement: SelectFromStatement
  /** Index of the quantity column in `statement.columns`. */
  readonly valueIndex: number
  /** Output names of the columns, in order. */
  readonly columnNames: readonly string[]
}

export const SQL_AGGREGATES = ['count', 'sum', 'max', 'min', 'avg', 'earliest', 'latest'] as const
export const SQL_FUNCTIONS = [
  'least',
  'greatest',
  'round',
  'ceil',
  'floor',
  'date_trunc',
  'coalesce',
] as const
export const SQL_BINARY_OPERATORS = [
  '=',
  '!=',
  '<>',
  '<',
  '>',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  'AND',
  'OR',
  'IN',
  'NOT IN',
] as const
export const SQL_UNARY_OPERATORS = ['NOT', 'IS NULL', 'IS NOT NULL', '-'] as const
export const SQL_CAST_TYPES = [
  'int',
  'integer',
  'bigint',
  'decimal',
  'numeric',
  'float',
  'double',
  'double precision',
  'real',
  'text',
  'varchar',
  'string',
] as const
const COLUMNS = ['event_type', 'timestamp'] as const

export function readSqlMetric(
  text: string,
): { readonly query: SqlMetricQuery } | { readonly problems: Problem[] } {
  let statements
  try {
    statements = parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'syntax error'
    return { problems: [{ field: 'sql', message: `is not valid SQL: ${reason}` }] }
  }
  const [statement, ...rest] = statements
  if (!statement || rest.length > 0 || statement.type !== 'select') {
    return { problems: [{ field: 'sql', message: 'must be exactly one SELECT statement' }] }
  }
  const problems = checkStatement(statement)
  if (problems.length > 0) return { problems }
  const columns = statement.columns ?? []
  const names = columns.map(columnName)
  const valueIndex = Math.max(names.indexOf('value'), 0)
  const unnamed = names.findIndex((name, index) => name === null && index !== valueIndex)
  if (unnamed >= 0) {
    return {
      problems: [
        {
          field: 'sql',
          message: `column ${unnamed + 1} needs an alias to be usable as a group key`,
        },
      ],
    }
  }
  return {
    query: {
      text,
      statement,
      valueIndex,
      columnNames: names.map((name, i) => name ?? `column_${i + 1}`),
    },
  }
}

function columnName(column: SelectedColumn): string | null {
  if (column.alias) return column.alias.name
  if (column.expr.type === 'ref' && column.expr.name !== '*') return column.expr.name
  return null
}

function checkStatement(statement: SelectFromStatement): Problem[] {
  const problems: Problem[] = []
  const from = statement.from ?? []
  const table = from[0]
  if (
    from.length !== 1 ||
    !table ||
    table.type !== 'table' ||
    table.name.name !== 'events' ||
    table.name.alias ||
    table.join
  ) {
    problems.push({
      field: 'sql',
      message: 'must select FROM events only (no joins, aliases or subqueries)',
    })
  }
  const unsupported: Array<[unknown, string]> = [
    [statement.having, 'HAVING'],
    [statement.orderBy, 'ORDER BY'],
    [statement.limit, 'LIMIT'],
    [statement.distinct, 'SELECT DISTINCT'],
    [statement.for, 'FOR UPDATE/SHARE'],
    [statement.skip, 'SKIP'],
  ]
  for (const [part, name] of unsupported)
    if (part) problems.push({ field: 'sql', message: `${name} is not supported` })
  if (!statement.columns || statement.columns.length === 0)
    problems.push({ field: 'sql', message: 'must select at least one column' })
  for (const column of statement.columns ?? []) problems.push(...checkExpr(column.expr, false))
  if (statement.where) problems.push(...checkExpr(statement.where, true))
  for (const group of statement.groupBy ?? []) {
    if (group.type === 'integer') {
      if (group.value < 1 || group.value > (statement.columns?.length ?? 0)) {
        problems.push({ field: 'sql', message: `GROUP BY ${group.value} is not a selected column` })
      }
    } else problems.push(...checkExpr(group, true))
  }
  return problems
}

const fail = (message: string): Problem[] => [{ field: 'sql', message }]

/** Checks one expression; `inFilter` forbids aggregates (WHERE and GROUP BY). */
export function checkExpr(expr: Expr, inFilter: boolean): Problem[] {
  switch (expr.type) {
    case 'ref':
      if (expr.table)
        return expr.table.name === 'properties' && !expr.table.schema
          ? []
          : fail(`unknown column ${expr.table.name}.${expr.name}`)
      return (COLUMNS as readonly string[]).includes(expr.name)
        ? []
        : fail(`unknown column ${expr.name}`)
    case 'string':
    case 'integer':
    case 'numeric':
    case 'boolean':
    case 'null':
      return []
    case 'binary':
      if (!(SQL_BINARY_OPERATORS as readonly string[]).includes(expr.op))
        return fail(`operator ${expr.op} is not supported`)
      return [...checkExpr(expr.left, inFilter), ...checkExpr(expr.right, inFilter)]
    case 'unary':
      if (!(SQL_UNARY_OPERATORS as readonly string[]).includes(expr.op))
        return fail(`operator ${expr.op} is not supported`)
      return checkExpr(expr.operand, inFilter)
    case 'list':
      return expr.expressions.flatMap((item) => checkExpr(item, inFilter))
    case 'cast': {
      const to = 'name' in expr.to ? expr.to.name.toLowerCase() : ''
      if (!(SQL_CAST_TYPES as readonly string[]).includes(to))
        return fail(`CAST to ${to || 'this type'} is not supported`)
      return checkExpr(expr.operand, inFilter)
    }
    case 'case':
      if (expr.value) return fail('CASE with an operand is not supported; use CASE WHEN')
      return [
        ...expr.whens.flatMap((when) => [
          ...checkExpr(when.when, inFilter),
          ...checkExpr(when.value, inFilter),
        ]),
        ...(expr.else ? checkExpr(expr.else, inFilter) : []),
      ]
    case 'call':
      return checkCall(expr, inFilter)
    default:
      return fail(`${expr.type} expressions are not supported`)
  }
}

function checkCall(expr: Extract<Expr, { type: 'call' }>, inFilter: boolean): Problem[] {
  const name = expr.function.name.toLowerCase()
  if (expr.function.schema || expr.filter || expr.over || expr.orderBy || expr.withinGroup) {
    return fail(`${name}: FILTER, OVER, ORDER BY and schemas are not supported`)
  }
  const isAggregate = (SQL_AGGREGATES as readonly string[]).includes(name)
  if (!isAggregate && !(SQL_FUNCTIONS as readonly string[]).includes(name))
    return fail(`function ${name} is not supported`)
  if (isAggregate && inFilter) return fail(`aggregate ${name} is not allowed in WHERE or GROUP BY`)
  if (expr.distinct && name !== 'count') return fail(`${name}(DISTINCT …) is not supported`)
  const star =
    expr.args.length === 1 &&
    expr.args[0]!.type === 'ref' &&
    expr.args[0]!.name === '*' &&
    !expr.args[0]!.table
  if (star) return name === 'count' && !expr.distinct ? [] : fail(`${name}(*) is not supported`)
  if (isAggregate && expr.args.length !== 1) return fail(`${name} takes one argument`)
  if (name === 'date_trunc') {
    const [unit, value] = expr.args
    const unitOk = unit?.type === 'string' && ['hour', 'day'].includes(unit.value.toLowerCase())
    if (expr.args.length !== 2 || !unitOk)
      return fail("DATE_TRUNC takes 'hour' or 'day' and a timestamp")
    return checkExpr(value!, inFilter)
  }
  if (name === 'round' && expr.args[1]) {
    const places = expr.args[1]
    if (places.type !== 'integer' || places.value < 0 || places.value > 30) {
      return fail('ROUND places must be an integer literal from 0 to 30')
    }
  }
  // Aggregates inside aggregates are not SQL either; the inner ones are checked as filters.
  return expr.args.flatMap((arg) => checkExpr(arg, inFilter || isAggregate))
}
