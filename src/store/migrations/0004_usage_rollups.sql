-- Hourly usage rollups, maintained behind ingest by the roller (store/usage-rollups.ts).
--
-- Events get an insertion sequence number. A metric's rollup covers exactly the events with
-- seq <= billable_metrics.rolled_up_through; a usage query reads the rollup for the whole hours
-- of its range and raw events for the rest (edge hours, and events past the watermark), so the
-- answer never depends on how far the roller has got.
ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX events_seq_idx ON events (client_id, seq);

ALTER TABLE billable_metrics ADD COLUMN rolled_up_through bigint NOT NULL DEFAULT 0;

-- One row per (metric, customer reference as sent, UTC hour, values of the metric's group
-- keys). Keyed by the raw reference, so moving an alias still moves its usage at read time.
-- Partials: event_count of matching events; value_sum / value_max over those carrying a number
-- (SUM / MAX metrics); the latest number-carrying event by (ts, transaction_id) (LATEST).
CREATE TABLE usage_rollups (
  client_id uuid NOT NULL,
  metric_id uuid NOT NULL,
  customer_ref text NOT NULL,
  hour timestamptz NOT NULL,
  group_values jsonb NOT NULL,
  event_count bigint NOT NULL,
  value_sum numeric,
  value_max numeric,
  latest_ts timestamptz,
  latest_transaction_id text,
  latest_value numeric,
  PRIMARY KEY (client_id, metric_id, customer_ref, hour, group_values)
);
