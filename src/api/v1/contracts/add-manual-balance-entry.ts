/**
 * POST /v1/contracts/addManualBalanceLedgerEntry — `v1.contracts.addManualBalanceEntry`.
 * Answers an empty 200, as the spec's response has no body. Only contract balances for now:
 * without `contract_id` the entry would adjust a customer-level balance.
 */
import { addManualBalanceEntry } from '../../../app/contracts/add-manual-balance-entry.js'
import { domainError } from '../../../domain/errors.js'
import { decimal } from '../../../domain/money/decimal.js'
import { err, ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation(
  'addManualBalanceLedgerEntry-v1',
  async ({ body, audit }, { app }) => {
    if (body.contract_id === undefined) {
      return err(
        domainError(
          'invalid_argument',
          'body.contract_id is required: manual entries on customer-level balances are not supported yet',
        ),
      )
    }
    const perGroup = body.per_group_amounts
    const added = await addManualBalanceEntry(app, {
      customerId: body.customer_id,
      contractId: body.contract_id,
      balanceId: body.id,
      segmentId: body.segment_id,
      amount: decimal(String(body.amount)),
      reason: body.reason,
      timestamp: body.timestamp === undefined ? null : new Date(body.timestamp),
      perGroupAmounts:
        perGroup === undefined
          ? null
          : Object.fromEntries(
              Object.entries(perGroup).map(([key, value]) => [key, decimal(String(value))]),
            ),
      audit,
    })
    return added.ok ? ok(undefined) : added
  },
)
