/** Customer named schedules through the official @metronome/sdk against a live server. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Metronome from '@metronome/sdk'
import { useLiveSdk } from '../support/sdk.js'

describe('customer named schedules through @metronome/sdk', () => {
  const live = useLiveSdk('customer-named-schedules')
  test('update splits the schedule on exactly its range; retrieve covers a date', async () => {
    const { client } = live
    const customer = await client.v1.customers.create({ name: 'Schedules Inc' })
    const schedules = client.v1.customers.namedSchedules
    const customer_id = customer.data.id
    assert.deepEqual(
      await schedules.retrieve({ customer_id, schedule_name: 'tier' }),
      { data: [] },
      'a name never set is an empty schedule',
    )
    await schedules.update({
      customer_id,
      schedule_name: 'tier',
      starting_at: '2026-01-01T00:00:00Z',
      value: { tier: 'standard' },
    })
    await schedules.update({
      customer_id,
      schedule_name: 'tier',
      starting_at: '2026-03-01T00:00:00Z',
      ending_before: '2026-04-01T00:00:00Z',
      value: { tier: 'gold' },
    })
    assert.deepEqual(await schedules.retrieve({ customer_id, schedule_name: 'tier' }), {
      data: [
        {
          starting_at: '2026-01-01T00:00:00.000Z',
          ending_before: '2026-03-01T00:00:00.000Z',
          value: { tier: 'standard' },
        },
        {
          starting_at: '2026-03-01T00:00:00.000Z',
          ending_before: '2026-04-01T00:00:00.000Z',
          value: { tier: 'gold' },
        },
        { starting_at: '2026-04-01T00:00:00.000Z', value: { tier: 'standard' } },
      ],
    })
    const covering = await schedules.retrieve({
      customer_id,
      schedule_name: 'tier',
      covering_date: '2026-03-15T00:00:00Z',
    })
    assert.deepEqual(
      covering.data.map((segment) => segment.value),
      [{ tier: 'gold' }],
    )
    const audit = await client.v1.auditLogs
      .list({ resource_type: 'customer', resource_id: customer_id })
      .then((page) => page.data.map((entry) => entry.action))
    assert.equal(audit.filter((action) => action === 'customer.update_named_schedule').length, 2)
  })

  test('bad input is a 400 naming the field; an unknown customer is a 404; nothing written', async () => {
    const { client } = live
    const customer = await client.v1.customers.create({ name: 'Strict Ltd' })
    const customer_id = customer.data.id
    const schedules = client.v1.customers.namedSchedules
    await assert.rejects(
      schedules.update({
        customer_id,
        schedule_name: 'tier',
        starting_at: '2026-03-01T00:00:00Z',
        ending_before: '2026-02-01T00:00:00Z',
        value: 1,
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError &&
        /body\.ending_before must be after starting_at/.test(error.message),
    )
    await assert.rejects(
      schedules.update({
        customer_id,
        schedule_name: '',
        starting_at: '2026-03-01T00:00:00Z',
        value: 1,
      }),
      (error: unknown) =>
        error instanceof Metronome.BadRequestError && /body\.schedule_name/.test(error.message),
    )
    await assert.rejects(
      schedules.retrieve({
        customer_id: '00000000-0000-4000-8000-000000000000',
        schedule_name: 'tier',
      }),
      Metronome.NotFoundError,
    )
    assert.deepEqual(await schedules.retrieve({ customer_id, schedule_name: 'tier' }), {
      data: [],
    })
    // Refused updates leave no audit entry either.
    const audit = await client.v1.auditLogs
      .list({ resource_type: 'customer', resource_id: customer_id })
      .then((page) => page.data.map((entry) => entry.action))
    assert.ok(!audit.includes('customer.update_named_schedule'))
  })
})
