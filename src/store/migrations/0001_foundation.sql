-- Tenancy, API tokens, pricing units and the audit log.
-- Every row carries client_id and every query filters on it.

CREATE TABLE clients (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  name text NOT NULL,
  -- SHA-256 of the secret; the secret itself is never stored.
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_client_idx ON api_tokens (client_id);

CREATE TABLE credit_types (
  client_id uuid NOT NULL REFERENCES clients (id),
  -- Ids are unique per client: the well-known USD (cents) id is shared by every client.
  id uuid NOT NULL,
  name text NOT NULL,
  is_currency boolean NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, id)
);
CREATE INDEX credit_types_page_idx ON credit_types (client_id, created_at, id);

CREATE TABLE audit_logs (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  -- Insertion order breaks ties between entries with the same timestamp.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  timestamp timestamptz NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  request_id text NOT NULL,
  request_ip text,
  request_user_agent text,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  status text NOT NULL,
  PRIMARY KEY (client_id, id)
);
CREATE INDEX audit_logs_page_idx ON audit_logs (client_id, timestamp, seq);
CREATE INDEX audit_logs_resource_idx ON audit_logs (client_id, resource_type, resource_id, timestamp, seq);
