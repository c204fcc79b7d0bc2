-- Customers, their ingest aliases, billable metrics and usage events.

CREATE TABLE customers (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  -- Insertion order: the stable tie-breaker for list pagination.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  external_id text,
  custom_fields jsonb NOT NULL DEFAULT '{}',
  salesforce_account_id text,
  leave_stripe_invoices_in_draft boolean,
  billable_status_changes jsonb NOT NULL DEFAULT '[]',
  provider_settings jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  archived_at timestamptz,
  PRIMARY KEY (client_id, id)
);
CREATE INDEX customers_page_idx ON customers (client_id, seq);

-- An alias names one customer of a client, archived customers included.
CREATE TABLE customer_aliases (
  client_id uuid NOT NULL,
  alias text NOT NULL,
  customer_id uuid NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (client_id, alias),
  FOREIGN KEY (client_id, customer_id) REFERENCES customers (client_id, id)
);
CREATE INDEX customer_aliases_customer_idx ON customer_aliases (client_id, customer_id);

CREATE TABLE billable_metrics (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  aggregation_type text,
  aggregation_key text,
  event_type_filter jsonb,
  property_filters jsonb NOT NULL DEFAULT '[]',
  group_keys jsonb NOT NULL DEFAULT '[]',
  sql text,
  custom_fields jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  archived_at timestamptz,
  PRIMARY KEY (client_id, id)
);
CREATE INDEX billable_metrics_page_idx ON billable_metrics (client_id, seq);

-- Usage events as received. The customer is kept as sent (an id or an alias) and resolved when
-- usage is read, so an alias added or moved later re-attributes the usage it names.
-- First write wins: the primary key makes a repeated transaction_id a no-op.
CREATE TABLE events (
  client_id uuid NOT NULL,
  transaction_id text NOT NULL,
  customer_ref text NOT NULL,
  event_type text NOT NULL,
  ts timestamptz NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, transaction_id)
);
CREATE INDEX events_usage_idx ON events (client_id, customer_ref, ts);
