-- Holds: places set aside for one buyer until expires_at. A held seat names its hold.
CREATE TABLE holds (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events (id),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  status     TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
-- Expiry scans only the active holds; ties are broken by id, as expire_holds orders them.
CREATE INDEX holds_by_expiry ON holds (expires_at, id COLLATE "C") WHERE status = 'active';
CREATE INDEX holds_by_buyer ON holds (event_id, account_id, status);

-- A hold's items in the order they were asked for (PostgreSQL has no rowid to keep it).
CREATE TABLE hold_items (
  hold_id  TEXT NOT NULL REFERENCES holds (id),
  section  TEXT NOT NULL,
  seat_id  TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (hold_id, section, seat_id)
);

ALTER TABLE event_seats ADD COLUMN hold_id TEXT;
CREATE INDEX event_seats_by_hold ON event_seats (hold_id) WHERE hold_id IS NOT NULL;
