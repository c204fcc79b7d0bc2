/**
 * POST /v1/contracts/addManualBalanceLedgerEntry — `v1.contracts.addManualBalanceEntry`.
 * Answers an empty 200, as the spec's response has no body. With `contract_id` the entry adjusts
 * one of the contract's commits or credits (a started recurring instance included); without, a
 * customer-level one ("Leave blank to update a customer level balance").
 */
import { addManualBalanceEntry } from '../../../app/contracts/add-manual-balance-entry.js'
import { decimal } from '../../../domain/money/decimal.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'

export default defineOperation(
  'addManualBalanceLedgerEntry-v1',
  async ({ body, audit }, { app }) => {
    const perGroup = body.per_group_amounts
    const added = await addManualBalanceEntry(app, {
      customerId: body.customer_id,
      contractId: body.contract_id ?? null,
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
