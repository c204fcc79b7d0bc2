-- Events whose transaction_id had already been accepted: never counted, kept so that event
-- search can show them with is_duplicate = true.
CREATE TABLE event_duplicates (
  client_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id text NOT NULL,
  customer_ref text NOT NULL,
  event_type text NOT NULL,
  ts timestamptz NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, seq)
);
CREATE INDEX event_duplicates_transaction_idx ON event_duplicates (client_id, transaction_id);
