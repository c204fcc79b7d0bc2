/**
 * POST /v1/contracts/getContractRateSchedule — `v1.contracts.retrieveRateSchedule`: the
 * contract's entitled rates at `at` (default: now), paged by `limit`/`next_page` in the query.
 */
import {
  getContractRateSchedule,
  type ContractRateRow,
} from '../../../app/contracts/get-contract-rate-schedule.js'
import type { CreditType } from '../../../domain/pricing/credit-type.js'
import { defineOperation } from '../../operation.js'
import { DEFAULT_PAGE_LIMIT, offsetPage } from '../../pagination.js'
import {
  fromApiSelector,
  toApiCommitRate,
  toApiRate,
  toApiRateRowPlace,
} from '../contract-pricing/rate-cards/convert.js'

function toApiContractRate(row: ContractRateRow, creditTypes: ReadonlyMap<string, CreditType>) {
  const { segment, product } = row
  const entry = segment.listRate.entry
  return {
    rate_card_id: row.rateCardId,
    ...toApiRateRowPlace(entry, product, segment),
    entitled: segment.entitled,
    list_rate: toApiRate(entry, creditTypes),
    // The price after the one override that applies over the whole segment (decision 0008).
    ...(segment.override === null
      ? {}
      : { override_rate: toApiRate({ ...entry, rate: segment.rate }, creditTypes) }),
    ...(segment.commitRate === null ? {} : { commit_rate: toApiCommitRate(segment.commitRate) }),
    ...(entry.billingFrequency === null ? {} : { billing_frequency: entry.billingFrequency }),
  }
}

export default defineOperation(
  'getContractRateSchedule-v1',
  async ({ body, query, caller }, { app }) => {
    const found = await getContractRateSchedule(app, {
      clientId: caller.clientId,
      customerId: body.customer_id,
      contractId: body.contract_id,
      at: body.at === undefined ? null : new Date(body.at),
      selectors: (body.selectors ?? []).map(fromApiSelector),
    })
    if (!found.ok) return found
    const { rows, creditTypes } = found.value
    return offsetPage(rows, query.next_page, query.limit ?? DEFAULT_PAGE_LIMIT, (row) =>
      toApiContractRate(row, creditTypes),
    )
  },
)
