-- Customer-level commits and credits: the commit or credit as one document in the stored form
-- of store/contracts.ts (decimals as strings), plus the customer-level scope as columns.
CREATE TABLE customer_balances (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  customer_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('COMMIT', 'CREDIT')),
  document jsonb NOT NULL,
  applicable_contract_ids jsonb,
  invoice_contract_id uuid,
  uniqueness_key text,
  salesforce_opportunity_id text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, id),
  FOREIGN KEY (client_id, customer_id) REFERENCES customers (client_id, id)
);
CREATE INDEX customer_balances_customer_idx ON customer_balances (client_id, customer_id, kind, seq);
-- A uniqueness key names one commit or credit of the client.
CREATE UNIQUE INDEX customer_balances_uniqueness_idx ON customer_balances (client_id, uniqueness_key)
  WHERE uniqueness_key IS NOT NULL;
