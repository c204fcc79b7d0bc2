-- Rate cards, their rates and aliases, and named schedules (a generic table: rate cards own
-- schedules now; contracts and customers will too). The rules for which rate applies when live
-- in domain/pricing/rate-card.ts; these tables only keep what was added, in the order it was.

CREATE TABLE rate_cards (
  client_id uuid NOT NULL REFERENCES clients (id),
  id uuid NOT NULL,
  -- Insertion order: the stable tie-breaker for list pagination.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  description text,
  fiat_credit_type_id uuid NOT NULL,
  -- [{custom_credit_type_id, fiat_per_custom_credit (decimal text)}], in the order added.
  credit_type_conversions jsonb NOT NULL DEFAULT '[]',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  -- Product ids placed explicitly by setRateCardProductsOrder / moveRateCardProducts.
  product_order jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  archived_at timestamptz,
  PRIMARY KEY (client_id, id),
  FOREIGN KEY (client_id, fiat_credit_type_id) REFERENCES credit_types (client_id, id)
);
CREATE INDEX rate_cards_page_idx ON rate_cards (client_id, seq);

-- An alias assignment, scheduled by its own optional window. The same name may be assigned to
-- several cards; the one assigned last (highest seq) wins where windows overlap.
CREATE TABLE rate_card_aliases (
  client_id uuid NOT NULL,
  rate_card_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  starting_at timestamptz,
  ending_before timestamptz,
  FOREIGN KEY (client_id, rate_card_id) REFERENCES rate_cards (client_id, id)
);
CREATE INDEX rate_card_aliases_card_idx ON rate_card_aliases (client_id, rate_card_id, seq);
CREATE INDEX rate_card_aliases_name_idx ON rate_card_aliases (client_id, name, seq);

-- One row per added rate; rates are never changed or removed, later ones supersede.
CREATE TABLE rates (
  client_id uuid NOT NULL,
  rate_card_id uuid NOT NULL,
  id uuid NOT NULL,
  -- The order rates were added: it breaks ties between rates of one key with one start.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  product_id uuid NOT NULL,
  starting_at timestamptz NOT NULL,
  ending_before timestamptz,
  entitled boolean NOT NULL,
  pricing_group_values jsonb,
  billing_frequency text,
  -- The price terms, decimals as strings: {rate_type, price, tiers, minimum, credit_type_id, ...}.
  rate jsonb NOT NULL,
  commit_rate jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, id),
  FOREIGN KEY (client_id, rate_card_id) REFERENCES rate_cards (client_id, id),
  FOREIGN KEY (client_id, product_id) REFERENCES products (client_id, id)
);
CREATE INDEX rates_card_idx ON rates (client_id, rate_card_id, seq);

-- A value that changes over time, under a name on an owner: ordered, non-overlapping segments
-- [{starting_at, ending_before | null, value}] (see domain/pricing/named-schedule.ts).
CREATE TABLE named_schedules (
  client_id uuid NOT NULL REFERENCES clients (id),
  owner_kind text NOT NULL CHECK (owner_kind IN ('rate_card', 'contract', 'customer')),
  owner_id uuid NOT NULL,
  schedule_name text NOT NULL,
  segments jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, owner_kind, owner_id, schedule_name)
);
