-- Save and return: a response kept part-way on the server, found again by a link. The version
-- counts saves, so that a save made from an older copy is refused rather than overwriting what
-- another holder of the link saved.
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 1),
  -- What the form held, field by field, as JSON.
  form_values TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The end of the late-response grace after the close: the draft and its files go then.
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX drafts_by_expiry ON drafts (expires_at);

-- The links to a draft, each stored only as the SHA-256 of its secret. A new link asked for by
-- email is added, so that the links already shared with a unit's officers keep working.
CREATE TABLE draft_links (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX draft_links_by_draft ON draft_links (draft_id);

-- The reports already accepted for a draft; each file sits in the drafts folder under its stored name.
CREATE TABLE draft_reports (
  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  stored_name TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  risk TEXT,
  PRIMARY KEY (draft_id, stored_name)
) STRICT;

-- A third kind of email: the link back to a draft. It is written when it is sent, like a receipt.
-- The link's secret is kept sealed (encrypted with the server's secret) until then and wiped once
-- sent, so that the database alone never yields a working link.
CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'digest', 'draft-link')),
  submission_id INTEGER REFERENCES submissions (id) ON DELETE CASCADE,
  digest_id INTEGER REFERENCES digests (id),
  draft_id INTEGER REFERENCES drafts (id) ON DELETE CASCADE,
  sealed_token TEXT,
  language TEXT CHECK (language IN ('en', 'cy')),
  recipient TEXT NOT NULL,
  subject TEXT,
  text_body TEXT,
  html_body TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_expires_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK (
    (kind = 'receipt' AND submission_id IS NOT NULL AND subject IS NULL AND text_body IS NULL AND html_body IS NULL)
    OR (kind = 'digest' AND digest_id IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
    OR (kind = 'draft-link' AND draft_id IS NOT NULL AND language IS NOT NULL AND subject IS NULL AND text_body IS NULL AND html_body IS NULL)
  )
) STRICT;

INSERT INTO outbox_new (
  id, message_id, kind, submission_id, digest_id, language, recipient, subject, text_body, html_body,
  status, attempts, next_attempt_at, lease_expires_at, last_error, created_at, sent_at
)
SELECT
  id, message_id, kind, submission_id, digest_id, language, recipient, subject, text_body, html_body,
  status, attempts, next_attempt_at, lease_expires_at, last_error, created_at, sent_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_submission ON outbox (submission_id);
CREATE INDEX outbox_by_draft ON outbox (draft_id);
CREATE INDEX outbox_by_digest ON outbox (digest_id);
