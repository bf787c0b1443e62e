-- A hold's number of places beside its status, as SQLite has had since its migration 006: a batch
-- of holds is placed by one writer per node, and the buyer-limit check in it must read what each
-- buyer holds from one index, not join every hold of the buyer with its items (measured: 6-8 ms
-- a batch, the slowest statement of the write path, growing with the holds a buyer has).
ALTER TABLE holds ADD COLUMN places BIGINT NOT NULL DEFAULT 0;
UPDATE holds h SET places = (SELECT COALESCE(SUM(i.quantity), 0) FROM hold_items i
                             WHERE i.hold_id = h.id);
DROP INDEX holds_by_buyer;
CREATE INDEX holds_by_buyer ON holds (event_id, account_id, status) INCLUDE (places, expires_at);
