-- The change feed of events' places, written by triggers so that no write path can forget it.
-- Changes are numbered per event by event_feeds.seq. The triggers are deferred to COMMIT, so the
-- counter's row is the last lock a transaction takes: two writers of one event number their
-- changes in the order they commit, and no lock order elsewhere is disturbed by it. The counter is
-- a row of its own, not a column of events: buyers' transactions lock the event's row FOR KEY
-- SHARE, and updating a row so many share would make every update a new multixact.
CREATE TABLE event_feeds (
  event_id TEXT PRIMARY KEY,
  seq      BIGINT NOT NULL
);

CREATE TABLE inventory_changes (
  event_id TEXT NOT NULL,
  seq      BIGINT NOT NULL,
  kind     TEXT NOT NULL,  -- 'seat', 'area' or 'event'
  item     TEXT NOT NULL,
  state    TEXT NOT NULL DEFAULT '',
  held     BIGINT NOT NULL DEFAULT 0,
  sold     BIGINT NOT NULL DEFAULT 0,
  blocked  BIGINT NOT NULL DEFAULT 0,
  at       BIGINT NOT NULL DEFAULT EXTRACT(EPOCH FROM now())::BIGINT,
  PRIMARY KEY (event_id, seq)
);
CREATE INDEX inventory_changes_by_age ON inventory_changes (at);

CREATE FUNCTION record_inventory_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event TEXT;
  next_seq BIGINT;
BEGIN
  IF TG_TABLE_NAME = 'events' THEN
    event := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    event := OLD.event_id;
  ELSE
    event := NEW.event_id;
  END IF;
  INSERT INTO event_feeds (event_id, seq) VALUES (event, 1)
    ON CONFLICT (event_id) DO UPDATE SET seq = event_feeds.seq + 1
    RETURNING seq INTO next_seq;
  IF TG_TABLE_NAME = 'event_seats' THEN
    INSERT INTO inventory_changes (event_id, seq, kind, item, state)
    VALUES (event, next_seq, 'seat', NEW.seat_id, NEW.state);
  ELSIF TG_TABLE_NAME = 'event_areas' THEN
    INSERT INTO inventory_changes (event_id, seq, kind, item, held, sold, blocked)
    VALUES (event, next_seq, 'area', NEW.section, NEW.held, NEW.sold, NEW.blocked);
  ELSE
    INSERT INTO inventory_changes (event_id, seq, kind, item) VALUES (event, next_seq, 'event', '');
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER seat_changed AFTER UPDATE OF state ON event_seats
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION record_inventory_change();
CREATE CONSTRAINT TRIGGER area_changed AFTER UPDATE ON event_areas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_inventory_change();
CREATE CONSTRAINT TRIGGER event_changed
  AFTER UPDATE OF venue_id, layout_id, layout_version, status, starts_at, details, revision
  ON events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION record_inventory_change();
CREATE CONSTRAINT TRIGGER ticket_type_changed AFTER INSERT OR UPDATE OR DELETE ON ticket_types
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_inventory_change();
