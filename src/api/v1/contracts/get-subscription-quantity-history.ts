/**
 * POST /v1/contracts/getSubscriptionQuantityHistory —
 * `v1.contracts.retrieveSubscriptionQuantityHistory`.
 */
import { getSubscriptionQuantityHistory } from '../../../app/contracts/get-subscription-quantity-history.js'
import { ok } from '../../../lib/result.js'
import { defineOperation } from '../../operation.js'
import { toNumber } from '../../wire.js'

export default defineOperation(
  'getSubscriptionQuantityHistory-v1',
  async ({ body, caller }, { app }) => {
    const found = await getSubscriptionQuantityHistory(app, {
      clientId: caller.clientId,
      customerId: body.customer_id,
      contractId: body.contract_id,
      subscriptionId: body.subscription_id,
    })
    if (!found.ok) return found
    const history = found.value
    return ok({
      data: {
        subscription_id: history.subscriptionId,
        fiat_credit_type_id: history.fiatCreditTypeId,
        history: history.entries.map((entry) => ({
          starting_at: entry.startingAt.toISOString(),
          data: [
            {
              quantity: toNumber(entry.quantity),
              unit_price: toNumber(entry.unitPrice),
              total: toNumber(entry.total),
            },
          ],
        })),
      },
    })
  },
)
