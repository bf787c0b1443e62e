-- The change feed of events' places, written by triggers so that no write path can forget it.
-- SQLite runs one writer at a time, so the AUTOINCREMENT seq (never reused, even after pruning)
-- numbers the changes of each event in commit order.
CREATE TABLE inventory_changes (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  kind     TEXT NOT NULL,  -- 'seat', 'area' or 'event'
  item     TEXT NOT NULL,
  state    TEXT NOT NULL DEFAULT '',
  held     INTEGER NOT NULL DEFAULT 0,
  sold     INTEGER NOT NULL DEFAULT 0,
  blocked  INTEGER NOT NULL DEFAULT 0,
  at       INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX inventory_changes_by_event ON inventory_changes (event_id, seq);
-- No index on `at`: seq grows with time, so pruning finds its boundary by walking seq (writing one
-- index less per change is worth more on SQLite's single writer).

CREATE TRIGGER seat_changed AFTER UPDATE OF state ON event_seats
WHEN OLD.state IS NOT NEW.state
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item, state)
  VALUES (NEW.event_id, 'seat', NEW.seat_id, NEW.state);
END;

CREATE TRIGGER area_changed AFTER UPDATE ON event_areas
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item, held, sold, blocked)
  VALUES (NEW.event_id, 'area', NEW.section, NEW.held, NEW.sold, NEW.blocked);
END;

CREATE TRIGGER event_changed AFTER UPDATE ON events
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item) VALUES (NEW.id, 'event', '');
END;

CREATE TRIGGER ticket_type_added AFTER INSERT ON ticket_types
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item) VALUES (NEW.event_id, 'event', '');
END;

CREATE TRIGGER ticket_type_changed AFTER UPDATE ON ticket_types
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item) VALUES (NEW.event_id, 'event', '');
END;

CREATE TRIGGER ticket_type_removed AFTER DELETE ON ticket_types
BEGIN
  INSERT INTO inventory_changes (event_id, kind, item) VALUES (OLD.event_id, 'event', '');
END;
