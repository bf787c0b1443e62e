-- A manager's refund claims its tickets before the payment provider gives the money back, so that
-- two refunds naming one ticket never both move money: the second finds it claimed. The claim is
-- the refund's id (its idempotency key); a retry with the same key passes its own claim.
ALTER TABLE tickets ADD COLUMN refund_id TEXT;
