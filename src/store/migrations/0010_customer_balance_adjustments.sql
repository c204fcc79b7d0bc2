-- Manual ledger entries on customer-level commits and credits (decision 0014). A contract's
-- balances read theirs from the contract's history; a customer-level balance has none, so its
-- entries are kept with its row, in the order recorded, in the stored form of contract edits
-- (decimals as strings, instants as RFC 3339). Edits and archives rewrite `document`.
ALTER TABLE customer_balances ADD COLUMN manual_adjustments jsonb NOT NULL DEFAULT '[]'::jsonb;
