-- The settings the server last started with that the command-line tools must agree with: the
-- address people reach it at, and the consultation window it runs (with a duration such as P28D
-- resolved once, so that a restart does not move the deadline).
CREATE TABLE server_settings (
  name TEXT PRIMARY KEY CHECK (name IN ('base_url', 'opens_at', 'closes_at')),
  -- As written: an address, an ISO time or duration; NULL for no override of the content's time.
  setting TEXT,
  -- What it came to: the same address, or the ISO instant the time or duration resolved to.
  value TEXT,
  recorded_at TEXT NOT NULL
) STRICT;
