-- Email that never gets lost: every message is written here, in the same transaction as the
-- event that causes it, and a worker delivers it.

CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  -- Which scheduled moment this digest is for, e.g. "weekly 2020-05-11T08:00", or
  -- "manual 2020-05-12T10:03:00.000Z". Unique, so no slot is ever sent twice.
  slot TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('weekly', 'daily', 'closes-tomorrow', 'closing-summary', 'manual')),
  scheduled_for TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Made after its slot had passed (the server was down), and said so in the message.
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  -- The newest submission it reports; the next digest reports those after it.
  last_submission_id INTEGER NOT NULL,
  new_submissions INTEGER NOT NULL,
  -- Not sent because there was nothing new, outside the final week.
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1))
) STRICT;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  -- Fixed when the message is queued, so a second copy after a crash is folded away by mail clients.
  message_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'digest')),
  submission_id INTEGER REFERENCES submissions (id) ON DELETE CASCADE,
  digest_id INTEGER REFERENCES digests (id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- While status is 'sending': until when the worker that claimed it holds it.
  lease_expires_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;

CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_submission ON outbox (submission_id);

-- An erased submission's words must not linger in the search index's pages either.
INSERT INTO submission_search (submission_search, rank) VALUES ('secure-delete', 1);
