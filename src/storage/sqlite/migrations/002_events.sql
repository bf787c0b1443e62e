-- Events with their places, ticket types, blocks and audit trail. An event's settings are one
-- JSON document; the columns beside it are what queries filter and sort on.
CREATE TABLE events (
  id             TEXT PRIMARY KEY,
  venue_id       TEXT NOT NULL REFERENCES venues (id),
  layout_id      TEXT NOT NULL REFERENCES layouts (id),
  layout_version INTEGER NOT NULL,
  status         TEXT NOT NULL,
  starts_at      INTEGER NOT NULL,
  details        TEXT NOT NULL,
  revision       INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX events_by_start ON events (starts_at, id);
CREATE INDEX events_by_layout ON events (layout_id, starts_at);

CREATE TABLE event_audit (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL REFERENCES events (id),
  at       INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  action   TEXT NOT NULL,
  detail   TEXT NOT NULL
);
CREATE INDEX event_audit_by_event ON event_audit (event_id, id);

CREATE TABLE ticket_types (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events (id),
  document   TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_types_by_event ON ticket_types (event_id, created_at);

-- One row per seat; a seat changes state only through conditional updates.
CREATE TABLE event_seats (
  event_id   TEXT NOT NULL REFERENCES events (id),
  seat_id    TEXT NOT NULL,
  section    TEXT NOT NULL,
  row_label  TEXT NOT NULL,
  seat_label TEXT NOT NULL,
  position   INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'available',
  block_id   TEXT,
  PRIMARY KEY (event_id, seat_id)
);
CREATE INDEX event_seats_by_section ON event_seats (event_id, section, position);

-- Standing areas are counted, not enumerated.
CREATE TABLE event_areas (
  event_id TEXT NOT NULL REFERENCES events (id),
  section  TEXT NOT NULL,
  held     INTEGER NOT NULL DEFAULT 0,
  sold     INTEGER NOT NULL DEFAULT 0,
  blocked  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, section)
);

CREATE TABLE event_blocks (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events (id),
  section    TEXT NOT NULL,
  quantity   INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX event_blocks_by_event ON event_blocks (event_id, created_at);
