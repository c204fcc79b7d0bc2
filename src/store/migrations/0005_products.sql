-- Contract-pricing products. A product is one document: its settings as created (`initial`) and
-- every scheduled update in the order it was made (`updates`); the view at an instant is
-- computed by domain/pricing/product.ts. The type never changes, so it is a column.
CREATE TABLE products (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  initial jsonb NOT NULL,
  updates jsonb NOT NULL DEFAULT '[]',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  archived_at timestamptz,
  PRIMARY KEY (client_id, id)
);
CREATE INDEX products_page_idx ON products (client_id, seq);
