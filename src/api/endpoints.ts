/**
 * The operation inventory: every operation of the Metronome OpenAPI document, implemented or
 * missing. A handler is listed here by importing it; the server registers exactly these, a
 * test checks the registered routes match, and the README's coverage table is made from it.
 */
import { operations, type OperationId, type OperationSchema } from './generated/index.js'
import type { AnyOperationHandler } from './operation.js'
import getAuditLogs from './v1/audit-logs/list.js'
import archiveBillableMetric from './v1/billable-metrics/archive.js'
import createBillableMetric from './v1/billable-metrics/create.js'
import createLegacyBillableMetric from './v1/billable-metrics/create-legacy.js'
import listAllBillableMetrics from './v1/billable-metrics/list.js'
import getBillableMetric from './v1/billable-metrics/retrieve.js'
import updateBillableMetric from './v1/billable-metrics/update.js'
import archiveProduct from './v1/contract-pricing/products/archive.js'
import createProduct from './v1/contract-pricing/products/create.js'
import getProduct from './v1/contract-pricing/products/get.js'
import listProducts from './v1/contract-pricing/products/list.js'
import updateProduct from './v1/contract-pricing/products/update.js'
import addRate from './v1/contract-pricing/rate-cards/add-rate.js'
import addRates from './v1/contract-pricing/rate-cards/add-rates.js'
import archiveRateCard from './v1/contract-pricing/rate-cards/archive.js'
import createRateCard from './v1/contract-pricing/rate-cards/create.js'
import getRateCardNamedSchedule from './v1/contract-pricing/rate-cards/get-named-schedule.js'
import getRates from './v1/contract-pricing/rate-cards/get-rates.js'
import listRateCards from './v1/contract-pricing/rate-cards/list.js'
import moveRateCardProducts from './v1/contract-pricing/rate-cards/move-products.js'
import getRateCard from './v1/contract-pricing/rate-cards/retrieve.js'
import getRateSchedule from './v1/contract-pricing/rate-cards/retrieve-rate-schedule.js'
import setRateCardProductsOrder from './v1/contract-pricing/rate-cards/set-products-order.js'
import updateRateCard from './v1/contract-pricing/rate-cards/update.js'
import updateRateCardNamedSchedule from './v1/contract-pricing/rate-cards/update-named-schedule.js'
import amendContract from './v1/contracts/amend.js'
import createContract from './v1/contracts/create.js'
import createCustomerWithContract from './v1/composite/create-customer-with-contract.js'
import archivePackage from './v1/packages/archive.js'
import createPackage from './v1/packages/create.js'
import getPackage from './v1/packages/get.js'
import listPackages from './v1/packages/list.js'
import listContractsOnPackage from './v1/packages/list-contracts.js'
import getContract from './v1/contracts/get.js'
import listContracts from './v1/contracts/list.js'
import addManualBalanceLedgerEntry from './v1/contracts/add-manual-balance-entry.js'
import archiveContract from './v1/contracts/archive.js'
import disableCommitTrueup from './v1/contracts/commits/disable-trueup.js'
import getContractNamedSchedule from './v1/contracts/get-named-schedule.js'
import getContractRateSchedule from './v1/contracts/get-rate-schedule.js'
import getSubscriptionQuantityHistory from './v1/contracts/get-subscription-quantity-history.js'
import getSubscriptionSeatsHistory from './v1/contracts/get-subscription-seats-history.js'
import listContractsNamedSchedules from './v1/contracts/list-named-schedules.js'
import setUsageFilter from './v1/contracts/set-usage-filter.js'
import updateContractEndDate from './v1/contracts/update-end-date.js'
import updateContractNamedSchedule from './v1/contracts/update-named-schedule.js'
import listCustomerBillableMetrics from './v1/customers/list-billable-metrics.js'
import archiveCustomer from './v1/customers/archive.js'
import createCustomer from './v1/customers/create.js'
import listCustomers from './v1/customers/list.js'
import getCustomer from './v1/customers/retrieve.js'
import setCustomerBillableStatus from './v1/customers/set-billable-status.js'
import setIngestAliases from './v1/customers/set-ingest-aliases.js'
import setCustomerName from './v1/customers/set-name.js'
import updateCustomerConfig from './v1/customers/update-config.js'
import createCustomerCommit from './v1/contracts/customer-balances/create-commit.js'
import createCustomerCredit from './v1/contracts/customer-balances/create-credit.js'
import listCustomerCommits from './v1/contracts/customer-balances/list-commits.js'
import listCustomerCredits from './v1/contracts/customer-balances/list-credits.js'
import updateCommitEndDate from './v1/contracts/customer-balances/update-commit-end-date.js'
import updateCreditEndDate from './v1/contracts/customer-balances/update-credit-end-date.js'
import getCustomerNamedSchedule from './v1/customers/get-named-schedule.js'
import updateCustomerNamedSchedule from './v1/customers/update-named-schedule.js'
import listCreditTypes from './v1/pricing-units/list.js'
import getServices from './v1/services/list.js'
import ingest from './v1/usage/ingest.js'
import getUsageBatch from './v1/usage/list.js'
import getPagedUsage from './v1/usage/list-with-groups.js'
import searchEvents from './v1/usage/search.js'
import archiveCommitV2 from './v2/contracts/archive-commit.js'
import archiveCreditV2 from './v2/contracts/archive-credit.js'
import editContractV2 from './v2/contracts/edit.js'
import editCommitV2 from './v2/contracts/edit-commit.js'
import editCreditV2 from './v2/contracts/edit-credit.js'
import getContractV2 from './v2/contracts/get.js'
import getContractEditHistoryV2 from './v2/contracts/get-edit-history.js'
import listContractsV2 from './v2/contracts/list.js'
import retireCommitsV2 from './v2/contracts/retire-commit.js'

export const handlers: readonly AnyOperationHandler[] = [
  archiveBillableMetric,
  createBillableMetric,
  createLegacyBillableMetric,
  getBillableMetric,
  listAllBillableMetrics,
  listCustomerBillableMetrics,
  updateBillableMetric,
  archiveProduct,
  createProduct,
  getProduct,
  listProducts,
  updateProduct,
  addRate,
  addRates,
  archiveRateCard,
  createRateCard,
  getRateCard,
  getRateCardNamedSchedule,
  getRates,
  getRateSchedule,
  listRateCards,
  moveRateCardProducts,
  setRateCardProductsOrder,
  updateRateCard,
  updateRateCardNamedSchedule,
  amendContract,
  createContract,
  createCustomerWithContract,
  archivePackage,
  createPackage,
  getPackage,
  listPackages,
  listContractsOnPackage,
  getContract,
  listContracts,
  addManualBalanceLedgerEntry,
  archiveContract,
  disableCommitTrueup,
  getContractNamedSchedule,
  getContractRateSchedule,
  getSubscriptionQuantityHistory,
  getSubscriptionSeatsHistory,
  listContractsNamedSchedules,
  setUsageFilter,
  updateContractEndDate,
  updateContractNamedSchedule,
  getContractV2,
  editContractV2,
  getContractEditHistoryV2,
  editCommitV2,
  editCreditV2,
  archiveCommitV2,
  archiveCreditV2,
  retireCommitsV2,
  listContractsV2,
  archiveCustomer,
  createCustomer,
  getCustomer,
  listCustomers,
  setCustomerBillableStatus,
  setCustomerName,
  setIngestAliases,
  updateCustomerConfig,
  createCustomerCommit,
  createCustomerCredit,
  listCustomerCommits,
  listCustomerCredits,
  updateCommitEndDate,
  updateCreditEndDate,
  getCustomerNamedSchedule,
  updateCustomerNamedSchedule,
  getAuditLogs,
  listCreditTypes,
  getServices,
  ingest,
  getUsageBatch,
  getPagedUsage,
  searchEvents,
]

export interface Endpoint {
  readonly operation: OperationSchema
  readonly status: 'implemented' | 'missing'
}

const implementedIds = new Set<OperationId>(handlers.map((handler) => handler.operationId))

export const endpoints: readonly Endpoint[] = operations.map((operation) => ({
  operation,
  status: implementedIds.has(operation.operationId) ? 'implemented' : 'missing',
}))
