-- Orders and their tickets; a sold seat names its order. Ticket codes are signed with the
-- event's key, so that scanners can check them offline with the public half.
CREATE TABLE orders (
  id                TEXT PRIMARY KEY,
  event_id          TEXT NOT NULL REFERENCES events (id),
  account_id        TEXT NOT NULL REFERENCES accounts (id),
  hold_id           TEXT NOT NULL UNIQUE REFERENCES holds (id),
  status            TEXT NOT NULL,
  currency          TEXT NOT NULL,
  total             BIGINT NOT NULL,
  buyer_name        TEXT NOT NULL,
  buyer_email       TEXT NOT NULL,
  payment_reference TEXT NOT NULL,
  idempotency_key   TEXT NOT NULL,
  created_at        BIGINT NOT NULL,
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX orders_by_buyer ON orders (event_id, account_id, status);

CREATE TABLE tickets (
  id             TEXT PRIMARY KEY,
  order_id       TEXT NOT NULL REFERENCES orders (id),
  event_id       TEXT NOT NULL REFERENCES events (id),
  position       BIGINT NOT NULL,
  section        TEXT NOT NULL,
  seat_id        TEXT NOT NULL,
  ticket_type_id TEXT NOT NULL,
  price          BIGINT NOT NULL,
  fees           BIGINT NOT NULL,
  code           TEXT NOT NULL
);
CREATE INDEX tickets_by_order ON tickets (order_id, position);
CREATE INDEX tickets_by_type ON tickets (event_id, ticket_type_id);

CREATE TABLE event_keys (
  event_id   TEXT PRIMARY KEY REFERENCES events (id),
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL
);

ALTER TABLE event_seats ADD COLUMN order_id TEXT;
