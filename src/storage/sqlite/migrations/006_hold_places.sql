-- A hold's number of places beside its status, so that the places a buyer holds for an event are
-- summed from one index alone (SQLite runs every write on one thread: the buyer-limit check must
-- not join every hold of the buyer with its items).
ALTER TABLE holds ADD COLUMN places INTEGER NOT NULL DEFAULT 0;
UPDATE holds SET places = (SELECT COALESCE(SUM(quantity), 0) FROM hold_items WHERE hold_id = holds.id);
DROP INDEX holds_by_buyer;
CREATE INDEX holds_by_buyer ON holds (event_id, account_id, status, places, expires_at);
