-- A buyer's orders across events, newest first ("my orders"); and an event's sales over time.
CREATE INDEX orders_by_account ON orders (account_id, created_at);
CREATE INDEX orders_by_event_time ON orders (event_id, created_at);
