-- Accounts, sign-in sessions, venues and their versioned layouts. Times are Unix seconds (UTC).
CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'buyer')),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE venues (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL,
  timezone   TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE layouts (
  id         TEXT PRIMARY KEY,
  venue_id   TEXT NOT NULL REFERENCES venues (id),
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (venue_id, name)
);

-- A version is immutable once written; its sections are one JSON document.
CREATE TABLE layout_versions (
  layout_id      TEXT NOT NULL REFERENCES layouts (id),
  version        INTEGER NOT NULL,
  effective_from INTEGER NOT NULL,
  sections       TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (layout_id, version)
);
