import type { ContractCreateInput, ContractTerms } from '../../domain/contracts/contract.js'
import type { Customer } from '../../domain/customers/customer.js'
import type { DomainError } from '../../domain/errors.js'
import { err, ok, type Result } from '../../lib/result.js'
import type { AuditContext } from '../audit/audit-context.js'
import { createContractIn } from '../contracts/create-contract.js'
import { createCustomerIn, type CreateCustomerInput } from '../customers/create-customer.js'
import type { AppDeps } from '../deps.js'

/** Thrown inside the transaction so that a refused contract also undoes the customer. */
class ContractRefused extends Error {
  constructor(readonly failure: DomainError) {
    super(failure.message)
  }
}

/**
 * Creates a customer and a contract for it in one transaction: both are written or neither is.
 * The contract's problems are named under `body.contract` (its fields sit there on the wire).
 */
export async function createCustomerWithContract(
  deps: AppDeps,
  input: {
    readonly customer: Omit<CreateCustomerInput, 'audit'>
    /** The contract request without its customer, which is the one created here. */
    readonly contract: Omit<ContractCreateInput, 'customerId'>
    readonly audit: AuditContext
  },
): Promise<Result<{ customer: Customer; contract: ContractTerms }, DomainError>> {
  const { audit } = input
  try {
    return await deps.store.transaction(async (session) => {
      const customer = await createCustomerIn(deps, session, { ...input.customer, audit })
      if (!customer.ok) return customer
      const request = { ...input.contract, customerId: customer.value.id }
      const contract = await createContractIn(deps, session, { request, audit })
      if (!contract.ok) throw new ContractRefused(contract.error)
      return ok({ customer: customer.value, contract: contract.value })
    })
  } catch (error) {
    if (error instanceof ContractRefused) return err(underContract(error.failure))
    throw error
  }
}

/** `body.x` in a contract problem is `body.contract.x` in the composite request. */
function underContract(failure: DomainError): DomainError {
  return { ...failure, message: failure.message.replace(/^body\./, 'body.contract.') }
}
