-- Waiting rooms (domain/queue.hpp). Every write to a room or its entries first takes the room's
-- row lock (UPDATE/SELECT ... FOR UPDATE) and holds it to COMMIT, so the room's seq, stamped on
-- each entry changed, follows commit order: nodes follow a room by reading entries by seq.
CREATE TABLE queue_rooms (
  event_id     TEXT PRIMARY KEY REFERENCES events (id),
  seed         TEXT NOT NULL,
  commitment   TEXT NOT NULL,
  token_key    TEXT NOT NULL,
  seq          BIGINT NOT NULL DEFAULT 0,
  joined       BIGINT NOT NULL DEFAULT 0,
  waiting      BIGINT NOT NULL DEFAULT 0,
  admitted     BIGINT NOT NULL DEFAULT 0,
  active_since BIGINT
);
CREATE INDEX queue_rooms_busy ON queue_rooms (event_id) WHERE waiting > 0 OR admitted > 0;

CREATE TABLE queue_entries (
  event_id       TEXT NOT NULL,
  number         BIGINT NOT NULL,
  order_key      BIGINT NOT NULL,
  account_id     TEXT,
  state          TEXT NOT NULL,
  joined_at      BIGINT NOT NULL,
  admitted_at    BIGINT,
  admitted_until BIGINT,
  notify_email   TEXT NOT NULL DEFAULT '',
  notify_phone   TEXT NOT NULL DEFAULT '',
  seq            BIGINT NOT NULL,
  PRIMARY KEY (event_id, number)
);
CREATE INDEX queue_entries_in_line ON queue_entries (event_id, state, order_key, number);
CREATE INDEX queue_entries_by_seq ON queue_entries (event_id, seq);
-- The room lock already serialises joins; this makes "one live entry per account" hold anyway.
CREATE UNIQUE INDEX queue_entries_live_account ON queue_entries (event_id, account_id)
  WHERE account_id IS NOT NULL AND state IN ('waiting', 'admitted');

CREATE TABLE queue_notices (
  id            BIGSERIAL PRIMARY KEY,
  event_id      TEXT NOT NULL,
  number        BIGINT NOT NULL,
  channel       TEXT NOT NULL,
  address       TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  delivered_at  BIGINT,
  last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX queue_notices_due ON queue_notices (claimed_until) WHERE delivered_at IS NULL;
