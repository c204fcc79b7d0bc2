-- Contracts (decision 0010). A contract is its history: the create and every later edit, in
-- order, in contract_edits. The contracts row holds what lists filter on and what must be
-- unique; it is rewritten from the replayed history whenever an edit changes those fields.
CREATE TABLE contracts (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  -- Insertion order: lists answer in creation order.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  uniqueness_key text,
  starting_at timestamptz NOT NULL,
  ending_before timestamptz,
  archived_at timestamptz,
  -- transition.from_contract_id, so that the renewed contract can list its successor.
  transition_from_contract_id uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, id),
  FOREIGN KEY (client_id, customer_id) REFERENCES customers (client_id, id)
);
-- A reused uniqueness_key is a 409; the index makes that true under concurrent creates too.
CREATE UNIQUE INDEX contracts_uniqueness_key_idx ON contracts (client_id, uniqueness_key)
  WHERE uniqueness_key IS NOT NULL;
CREATE INDEX contracts_customer_idx ON contracts (client_id, customer_id, seq);
CREATE INDEX contracts_transition_idx ON contracts (client_id, transition_from_contract_id)
  WHERE transition_from_contract_id IS NOT NULL;

-- The history. `payload` is a stored form of its own (snake_case, decimals as strings, instants
-- as RFC 3339 text), written and read by store/contracts.ts, so that it does not move when the
-- domain's types are refactored.
CREATE TABLE contract_edits (
  client_id uuid NOT NULL,
  contract_id uuid NOT NULL,
  sequence integer NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  payload jsonb NOT NULL,
  PRIMARY KEY (client_id, contract_id, sequence),
  FOREIGN KEY (client_id, contract_id) REFERENCES contracts (client_id, id)
);
