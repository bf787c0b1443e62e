-- The outbox (app/outbox.hpp): messages written in the transaction of the change that causes
-- them, and their deliveries, tried by whichever node claims them (due_at is both the next try's
-- time and, while a node tries it, the end of that node's claim). Number 009 is left to another
-- branch; the runner applies every version not yet applied.
CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  events     TEXT NOT NULL,  -- the event types, each between commas: ",order.paid,event.cancelled,"
  owner      TEXT NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_owner ON webhooks (owner, created_at);

CREATE TABLE outbox_messages (
  id         TEXT PRIMARY KEY,  -- an event's webhook body carries it as its "id"
  kind       TEXT NOT NULL,     -- 'email' or 'event'
  type       TEXT NOT NULL,
  recipient  TEXT NOT NULL,     -- an e-mail's address; '' for an event
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,     -- plain text, or the webhook body exactly as sent
  created_at INTEGER NOT NULL
);

CREATE TABLE outbox_deliveries (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id   TEXT NOT NULL REFERENCES outbox_messages (id),
  webhook_id   TEXT,  -- NULL: the message's e-mail
  due_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  delivered_at INTEGER,
  abandoned_at INTEGER,
  last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (due_at)
  WHERE delivered_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX outbox_deliveries_by_webhook ON outbox_deliveries (webhook_id);
CREATE INDEX outbox_deliveries_by_message ON outbox_deliveries (message_id);
-- For pruning: delivered rows are forgotten after a while (--outbox-keep-days).
CREATE INDEX outbox_deliveries_delivered ON outbox_deliveries (delivered_at)
  WHERE delivered_at IS NOT NULL;
CREATE INDEX outbox_messages_by_time ON outbox_messages (created_at);
