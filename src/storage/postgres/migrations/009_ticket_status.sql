-- A ticket stops being valid when it is refunded, cancelled with its event or transferred to
-- another account (the receiver gets a new ticket with a new code); a valid ticket is admitted at
-- the door once.
ALTER TABLE tickets ADD COLUMN void_reason TEXT;      -- NULL while valid
ALTER TABLE tickets ADD COLUMN checked_in_at BIGINT;  -- the first admission, Unix seconds
