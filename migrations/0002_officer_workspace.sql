-- The Policy Officer's workspace: accounts, sessions, review, and the audit log.

CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  -- Whether this officer receives the email digests.
  wants_digest INTEGER NOT NULL DEFAULT 0 CHECK (wants_digest IN (0, 1))
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Responses that arrived by email or post are entered by an officer.
ALTER TABLE submissions ADD COLUMN entered_by INTEGER REFERENCES officers (id);

-- The London calendar day a response was received, for counts per day. Rows from before this
-- migration get their UTC day, which differs only for responses between midnight and 1am BST.
ALTER TABLE submissions ADD COLUMN received_day TEXT NOT NULL DEFAULT '';
UPDATE submissions SET received_day = substr(received_at, 1, 10);
CREATE INDEX submissions_by_day ON submissions (consultation, received_day);

-- Each web form carries a one-time token, so that a form sent twice (a double click, a reload)
-- is stored once.
ALTER TABLE submissions ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX submissions_by_form_token ON submissions (form_token) WHERE form_token IS NOT NULL;

CREATE INDEX submissions_by_status ON submissions (consultation, status, received_at, id);
CREATE INDEX submissions_by_type ON submissions (consultation, respondent_type, received_at, id);
CREATE INDEX submissions_by_channel ON submissions (consultation, channel, received_at, id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  officer_id INTEGER NOT NULL REFERENCES officers (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX notes_by_submission ON notes (submission_id, id);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE submission_tags (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (submission_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX submission_tags_by_tag ON submission_tags (tag_id, submission_id);

-- Who did what, and when. Nothing in the interface edits or deletes these rows. After an
-- erasure the row says that it happened, and names the reference, but holds none of the content.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  officer_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  submission_reference TEXT,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at, id);
