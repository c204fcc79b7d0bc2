/** Validation from the generated schemas: bodies are strict and every message names the field. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { operations } from '../../src/api/generated/index.js'
import { compileValidator, describeValidationError } from '../../src/api/validation.js'

function bodyValidator(operationId: string) {
  const operation = operations.find((candidate) => candidate.operationId === operationId)
  assert.ok(operation?.body, `${operationId} has a body schema`)
  const validate = compileValidator(operation.body, 'body')
  return (body: unknown) => {
    if (validate(body)) return null
    return describeValidationError(validate.errors![0]!, 'body')
  }
}

const event = {
  transaction_id: 'tx-1',
  customer_id: 'c-1',
  event_type: 'api_call',
  timestamp: '2026-11-01T00:00:00Z',
}

test('ingest bodies: the failing event index and field are named', () => {
  const check = bodyValidator('ingest-v1')
  assert.equal(check([event]), null)
  const cases: Array<[unknown, RegExp]> = [
    [[], /^body must NOT have fewer than 1 items$/],
    [Array.from({ length: 101 }, () => event), /^body must NOT have more than 100 items$/],
    [
      [event, { ...event, transaction_id: 'x'.repeat(129) }],
      /^body\[1\]\.transaction_id must NOT have more than 128 characters$/,
    ],
    [
      [event, event, { ...event, transaction_id: undefined }],
      /^body\[2\]\.transaction_id is required$/,
    ],
    [[{ ...event, customer_id: 7 }], /^body\[0\]\.customer_id must be string$/],
    [{ events: [event] }, /^body must be array$/],
  ]
  for (const [body, expected] of cases) assert.match(String(check(body)), expected)
})

test('bodies are not coerced: a numeric string is not a number', () => {
  const check = bodyValidator('createCustomer-v1')
  assert.equal(check({ name: 'Acme' }), null)
  assert.match(String(check({})), /^body\.name is required$/)
  assert.match(String(check({ name: 12 })), /^body\.name must be string$/)
})
