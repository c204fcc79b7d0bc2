/**
 * Runs a checked SQL billable metric (`domain/usage/sql-metric.ts`). The SQL that runs is
 * rendered here from the checked syntax tree, never copied from the user's text: columns map
 * onto the events table, and the client, customer and period filters are always added, so a
 * metric can only read its own customer's events. Literals and property names are inlined as
 * quoted SQL literals (not parameters) so that a GROUP BY expression renders exactly like the
 * same selected expression, which PostgreSQL needs to match them.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { Expr } from 'pgsql-ast-parser'
import type { SqlMetricQuery } from '../domain/usage/sql-metric.js'
import type { SqlMetricScope } from '../app/ports.js'
import type { Database } from './tables.js'

type Executor = Kysely<Database> | Transaction<Database>

const NUMBER_PATTERN = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'

/** Each result row's columns as text, in the query's column order. */
export async function runSqlMetric(
  db: Executor,
  query: SqlMetricQuery,
  scope: SqlMetricScope,
): Promise<Array<Array<string | null>>> {
  const statement = query.statement
  const columns = (statement.columns ?? []).map(
    (column, index) => sql`(${render(column.expr)})::text AS ${sql.ref(`c${index}`)}`,
  )
  const where = statement.where ? sql`AND (${render(statement.where)})` : sql``
  const groups = (statement.groupBy ?? []).map((group) =>
    group.type === 'integer' ? render(statement.columns![group.value - 1]!.expr) : render(group),
  )
  const groupBy = groups.length > 0 ? sql`GROUP BY ${sql.join(groups)}` : sql``
  const result = await sql<Record<string, string | null>>`
    SELECT ${sql.join(columns)}
    FROM events e
    WHERE e.client_id = ${scope.clientId}::uuid
      AND e.customer_ref = ANY(${[...scope.refs]}::text[])
      AND e.ts >= ${scope.startingAt} AND e.ts < ${scope.endingBefore}
      ${where}
    ${groupBy}`.execute(db)
  return result.rows.map((row) => columns.map((_, index) => row[`c${index}`] ?? null))
}

/** A SQL string literal. standard_conforming_strings is on, so only quotes need doubling. */
function literal(text: string): RawBuilder<unknown> {
  return sql.raw(`'${text.replace(/'/g, "''")}'`)
}

function safeNumeric(value: RawBuilder<unknown>): RawBuilder<unknown> {
  // A cast that cannot fail: text that is not a number becomes NULL instead of an error.
  return sql`(CASE WHEN (${value})::text ~ ${literal(NUMBER_PATTERN)} THEN (${value})::text::numeric END)`
}

function render(expr: Expr): RawBuilder<unknown> {
  switch (expr.type) {
    case 'ref':
      if (expr.table) return sql`(e.properties ->> ${literal(expr.name)})`
      return expr.name === 'timestamp' ? sql`e.ts` : sql`e.event_type`
    case 'string':
      return sql`${literal(expr.value)}::text`
    case 'integer':
    case 'numeric':
      return sql`${literal(String(expr.value))}::numeric`
    case 'boolean':
      return expr.value ? sql`TRUE` : sql`FALSE`
    case 'null':
      return sql`NULL`
    case 'list':
      return sql`(${sql.join(expr.expressions.map(render))})`
    case 'binary':
      return renderBinary(expr)
    case 'unary':
      if (expr.op === 'IS NULL' || expr.op === 'IS NOT NULL')
        return sql`(${render(expr.operand)}) ${sql.raw(expr.op)}`
      return expr.op === 'NOT'
        ? sql`(NOT (${render(expr.operand)}))`
        : sql`(- ${safeNumeric(render(expr.operand))})`
    case 'cast':
      return renderCast(expr)
    case 'case':
      return sql`(CASE ${sql.join(
        expr.whens.map((when) => sql`WHEN ${render(when.when)} THEN ${render(when.value)}`),
        sql` `,
      )} ${expr.else ? sql`ELSE ${render(expr.else)}` : sql``} END)`
    case 'call':
      return renderCall(expr)
    default:
      throw new Error(`unchecked SQL metric node ${expr.type}`)
  }
}

const COMPARISONS = new Set(['=', '!=', '<>', '<', '>', '<=', '>='])

function renderBinary(expr: Extract<Expr, { type: 'binary' }>): RawBuilder<unknown> {
  const left = render(expr.left)
  const right = render(expr.right)
  switch (expr.op) {
    case 'AND':
    case 'OR':
      return sql`(${left} ${sql.raw(expr.op)} ${right})`
    case 'IN':
    case 'NOT IN': {
      const items = expr.right.type === 'list' ? expr.right.expressions : [expr.right]
      const list = sql.join(items.map((item: Expr) => sql`(${render(item)})::text`))
      return sql`((${left})::text ${sql.raw(expr.op)} (${list}))`
    }
    case '+':
    case '-':
    case '*':
      return sql`(${safeNumeric(left)} ${sql.raw(expr.op)} ${safeNumeric(right)})`
    case '/':
      return sql`(${safeNumeric(left)} / NULLIF(${safeNumeric(right)}, 0))`
    default:
      if (!COMPARISONS.has(expr.op)) throw new Error(`unchecked operator ${expr.op}`)
      // Properties are strings; a comparison with a number compares numbers.
      if (isNumberLiteral(expr.left) || isNumberLiteral(expr.right)) {
        return sql`(${safeNumeric(left)} ${sql.raw(expr.op)} ${safeNumeric(right)})`
      }
      return sql`((${left})::text ${sql.raw(expr.op)} (${right})::text)`
  }
}

function isNumberLiteral(expr: Expr): boolean {
  return (
    expr.type === 'integer' ||
    expr.type === 'numeric' ||
    expr.type === 'cast' ||
    expr.type === 'call'
  )
}

function renderCast(expr: Extract<Expr, { type: 'cast' }>): RawBuilder<unknown> {
  const to = 'name' in expr.to ? expr.to.name.toLowerCase() : ''
  const operand = render(expr.operand)
  if (['text', 'varchar', 'string'].includes(to)) return sql`(${operand})::text`
  if (['int', 'integer', 'bigint'].includes(to)) return sql`trunc(${safeNumeric(operand)})`
  return safeNumeric(operand)
}

function renderCall(expr: Extract<Expr, { type: 'call' }>): RawBuilder<unknown> {
  const name = expr.function.name.toLowerCase()
  const args = expr.args
  if (name === 'count') {
    const star = args[0]?.type === 'ref' && args[0].name === '*' && !args[0].table
    if (star) return sql`count(*)`
    return expr.distinct
      ? sql`count(DISTINCT ${render(args[0]!)})`
      : sql`count(${render(args[0]!)})`
  }
  const first = render(args[0]!)
  switch (name) {
    case 'sum':
    case 'avg':
      return sql`${sql.raw(name)}(${safeNumeric(first)})`
    case 'max':
    case 'min':
      return sql`${sql.raw(name)}(${safeNumeric(first)})`
    case 'earliest':
    case 'latest': {
      const order = name === 'latest' ? sql`DESC` : sql`ASC`
      return sql`((array_agg(${first} ORDER BY e.ts ${order}, e.transaction_id COLLATE "C" ${order}) FILTER (WHERE ${first} IS NOT NULL))[1])`
    }
    case 'date_trunc': {
      const unit = (args[0] as Extract<Expr, { type: 'string' }>).value.toLowerCase()
      return sql`date_trunc(${literal(unit)}, ${render(args[1]!)}, 'UTC')`
    }
    case 'round':
      return args[1]
        ? sql`round(${safeNumeric(first)}, trunc(${safeNumeric(render(args[1]))})::int)`
        : sql`round(${safeNumeric(first)})`
    case 'ceil':
    case 'floor':
      return sql`${sql.raw(name)}(${safeNumeric(first)})`
    case 'least':
    case 'greatest':
      return sql`${sql.raw(name)}(${sql.join(args.map((arg) => safeNumeric(render(arg))))})`
    case 'coalesce':
      return sql`coalesce(${sql.join(args.map((arg) => sql`(${render(arg)})::text`))})`
    default:
      throw new Error(`unchecked function ${name}`)
  }
}
