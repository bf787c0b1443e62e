-- After the sale: how an order was paid, the money given back, buyers' credit and vouchers, and
-- the settlement of a cancelled event. Each write that moves money has a key that is unique here,
-- so the same decision written twice (a retry, a settlement resumed after a crash) is written once.

-- An order's total was paid by vouchers (tickets.voucher_amount) and the rest, `charged`, through
-- `payment_method`: 'test_card' (the payment provider) or 'credit' (the buyer's balance).
ALTER TABLE orders ADD COLUMN payment_method TEXT NOT NULL DEFAULT 'test_card';
ALTER TABLE orders ADD COLUMN charged INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET charged = total;
ALTER TABLE tickets ADD COLUMN voucher_code TEXT;
ALTER TABLE tickets ADD COLUMN voucher_amount INTEGER NOT NULL DEFAULT 0;
-- A transferred ticket names the ticket that replaced it in the receiver's order.
ALTER TABLE tickets ADD COLUMN transferred_to TEXT;

-- Money given back: through the provider (its reference) or to the buyer's credit.
CREATE TABLE refunds (
  id         TEXT PRIMARY KEY,  -- also the idempotency key the provider was given
  order_id   TEXT NOT NULL REFERENCES orders (id),
  amount     INTEGER NOT NULL,
  currency   TEXT NOT NULL,
  method     TEXT NOT NULL,     -- 'test_card' or 'credit'
  reference  TEXT NOT NULL,     -- the provider's, or the credit entry's key; '' while pending
  reason     TEXT NOT NULL,     -- 'event_cancelled' or 'manager'
  -- 'pending': written with the decision that owes it, before the provider is asked (with the id
  -- as its idempotency key, as often as it takes); 'done' once the provider has answered.
  status     TEXT NOT NULL DEFAULT 'done',
  created_at INTEGER NOT NULL
);
CREATE INDEX refunds_by_order ON refunds (order_id);

-- Every movement of a buyer's credit; the balance of a currency is the sum of its amounts.
CREATE TABLE credit_entries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  key        TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  currency   TEXT NOT NULL,
  amount     INTEGER NOT NULL,        -- positive: credited; negative: spent
  reason     TEXT NOT NULL,
  order_id   TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX credit_by_account ON credit_entries (account_id, id);

-- One voucher per ticket of a cancelled event, for a ticket of the rescheduled one.
CREATE TABLE vouchers (
  code        TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts (id),
  event_id    TEXT NOT NULL REFERENCES events (id),  -- where it can be used
  value       INTEGER NOT NULL,
  currency    TEXT NOT NULL,
  status      TEXT NOT NULL,                          -- 'issued' or 'redeemed'
  ticket_id   TEXT NOT NULL UNIQUE REFERENCES tickets (id),
  redeemed_by TEXT,                                   -- the ticket it paid for
  created_at  INTEGER NOT NULL
);
CREATE INDEX vouchers_by_account ON vouchers (account_id, created_at);

-- A cancelled event's settlement: how its paid orders are settled, until every one is.
CREATE TABLE settlements (
  event_id             TEXT PRIMARY KEY REFERENCES events (id),
  resolution           TEXT NOT NULL,  -- 'refund', 'credit', 'voucher' or 'buyer_choice'
  rescheduled_event_id TEXT REFERENCES events (id),
  choice_deadline      INTEGER,             -- buyer_choice: the default (refund) applies after it
  created_at           INTEGER NOT NULL,
  finished_at          INTEGER
);
CREATE INDEX orders_by_event_status ON orders (event_id, status);
