/**
 * Contract edits through the official @metronome/sdk: v1 amend, v2 edit, editCommit,
 * editCredit, getEditHistory, and the operations the SDK has no method for (commits/credits
 * archive, commits/retire) through its generic `post`.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { useLiveSdk } from '../support/sdk.js'
import { createContract, createCustomer, createProduct } from '../support/sdk-fixtures.js'

const START = '2025-01-01T00:00:00.000Z'
const MID = '2025-07-01T00:00:00.000Z'
const END = '2026-01-01T00:00:00.000Z'

describe('contract edits through @metronome/sdk', () => {
  const live = useLiveSdk('contract-edits')

  test('amend, edit, editCommit, editCredit, getEditHistory, archive and retire', async () => {
    const client = live.client
    const customer = await createCustomer(client, 'SDK edits customer')
    const fee = await createProduct(client, 'FIXED', 'Fee')
    const contract = await createContract(client, {
      customer_id: customer,
      starting_at: START,
      ending_before: END,
      name: 'Before',
      commits: [
        {
          type: 'PREPAID',
          product_id: fee,
          access_schedule: {
            schedule_items: [{ amount: 100, starting_at: START, ending_before: END }],
          },
        },
      ],
      credits: [
        {
          product_id: fee,
          access_schedule: {
            schedule_items: [{ amount: 10, starting_at: START, ending_before: END }],
          },
        },
      ],
    })
    const ids = { customer_id: customer, contract_id: contract }

    const amended = await client.v1.contracts.amend({
      ...ids,
      starting_at: MID,
      scheduled_charges: [
        { product_id: fee, schedule: { schedule_items: [{ timestamp: MID, amount: 25 }] } },
      ],
    })
    const v1 = await client.v1.contracts.retrieve(ids)
    assert.equal(v1.data.amendments[0]?.id, amended.data.id)
    assert.equal(v1.data.current.scheduled_charges.length, 1)
    assert.equal(v1.data.initial.scheduled_charges.length, 0)

    const edited = await client.v2.contracts.edit({
      ...ids,
      update_contract_name: 'After',
      add_commits: [
        {
          type: 'PREPAID',
          product_id: fee,
          access_schedule: {
            schedule_items: [{ amount: 5, starting_at: MID, ending_before: END }],
          },
        },
      ],
    })
    assert.equal(edited.data.edit?.update_contract_name, 'After')
    const v2 = (await client.v2.contracts.retrieve(ids)).data
    assert.equal(v2.name, 'After')
    assert.equal(v2.commits.length, 2)

    const [commit] = v2.commits
    const [credit] = v2.credits ?? []
    await client.v2.contracts.editCommit({
      customer_id: customer,
      commit_id: commit!.id,
      priority: 3,
    })
    await client.v2.contracts.editCredit({
      customer_id: customer,
      credit_id: credit!.id,
      name: 'Renamed',
    })
    const after = (await client.v2.contracts.retrieve(ids)).data
    assert.equal(after.commits[0]?.priority, 3)
    assert.equal(after.credits?.[0]?.name, 'Renamed')

    const history = await client.v2.contracts.getEditHistory(ids)
    assert.equal(history.data.length, 4)
    assert.equal(history.data[0]?.id, amended.data.id)
    assert.equal(history.data[1]?.id, edited.data.id)
    assert.equal(history.data[2]?.update_commits?.[0]?.id, commit!.id)

    // No SDK method for these yet: the generic request, as a client would send it.
    await client.post('/v2/contracts/credits/archive', {
      body: { customer_id: customer, credit_id: credit!.id },
    })
    await client.post('/v2/contracts/commits/archive', {
      body: { customer_id: customer, commit_id: commit!.id },
    })
    const retired = (await client.post('/v2/contracts/commits/retire', {
      body: { ...ids, commit_ids: [commit!.id], dry_run: true },
    })) as { data: { retired_count: number; skipped_count: number } }
    assert.equal(retired.data.retired_count + retired.data.skipped_count, 1)
    const archived = (await client.v2.contracts.retrieve(ids)).data
    assert.ok(archived.commits[0]?.archived_at)
    assert.ok(archived.credits?.[0]?.archived_at)
  })
})
