-- Packages (decision 0011): contract templates with dates relative to the contract's start.
-- A package never changes after creation except for archived_at, so it is one JSON document
-- (a stored form of its own, written and read by store/packages.ts).
CREATE TABLE packages (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  -- Insertion order: lists answer in creation order.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  uniqueness_key text,
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  archived_at timestamptz,
  PRIMARY KEY (client_id, id)
);
-- A reused uniqueness_key is a 409; the index makes that true under concurrent creates too.
CREATE UNIQUE INDEX packages_uniqueness_key_idx ON packages (client_id, uniqueness_key)
  WHERE uniqueness_key IS NOT NULL;
CREATE INDEX packages_seq_idx ON packages (client_id, seq);

-- The aliases of each package with their schedules; contracts name a package by alias.
CREATE TABLE package_aliases (
  client_id uuid NOT NULL,
  package_id uuid NOT NULL,
  name text NOT NULL,
  starting_at timestamptz,
  ending_before timestamptz,
  FOREIGN KEY (client_id, package_id) REFERENCES packages (client_id, id)
);
CREATE INDEX package_aliases_name_idx ON package_aliases (client_id, name);

-- The contracts provisioned from each package, in provisioning order (listContractsOnPackage).
CREATE TABLE package_contracts (
  client_id uuid NOT NULL,
  package_id uuid NOT NULL,
  contract_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (client_id, contract_id),
  FOREIGN KEY (client_id, package_id) REFERENCES packages (client_id, id),
  FOREIGN KEY (client_id, contract_id) REFERENCES contracts (client_id, id)
);
CREATE INDEX package_contracts_package_idx ON package_contracts (client_id, package_id, seq);
