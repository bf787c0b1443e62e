-- Waiting rooms (domain/queue.hpp). A room's seq is bumped by every write to it or its entries,
-- and each entry changed is stamped with it: nodes follow a room by reading entries by seq.
CREATE TABLE queue_rooms (
  event_id     TEXT PRIMARY KEY REFERENCES events (id),
  seed         TEXT NOT NULL,
  commitment   TEXT NOT NULL,
  token_key    TEXT NOT NULL,
  seq          INTEGER NOT NULL DEFAULT 0,
  joined       INTEGER NOT NULL DEFAULT 0,
  waiting      INTEGER NOT NULL DEFAULT 0,
  admitted     INTEGER NOT NULL DEFAULT 0,
  active_since INTEGER
) WITHOUT ROWID;

CREATE TABLE queue_entries (
  event_id       TEXT NOT NULL,
  number         INTEGER NOT NULL,
  order_key      INTEGER NOT NULL,
  account_id     TEXT,
  state          TEXT NOT NULL,
  joined_at      INTEGER NOT NULL,
  admitted_at    INTEGER,
  admitted_until INTEGER,
  notify_email   TEXT NOT NULL DEFAULT '',
  notify_phone   TEXT NOT NULL DEFAULT '',
  seq            INTEGER NOT NULL,
  PRIMARY KEY (event_id, number)
) WITHOUT ROWID;
-- The line itself: the next to admit, and the admitted whose window may have ended.
CREATE INDEX queue_entries_in_line ON queue_entries (event_id, state, order_key, number);
CREATE INDEX queue_entries_by_seq ON queue_entries (event_id, seq);
CREATE INDEX queue_entries_by_account ON queue_entries (event_id, account_id)
  WHERE account_id IS NOT NULL;

-- Admission messages owed to buyers, delivered by whichever node claims them first.
CREATE TABLE queue_notices (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id      TEXT NOT NULL,
  number        INTEGER NOT NULL,
  channel       TEXT NOT NULL,
  address       TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  delivered_at  INTEGER,
  last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX queue_notices_due ON queue_notices (claimed_until) WHERE delivered_at IS NULL;
