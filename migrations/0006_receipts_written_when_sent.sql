-- A receipt is written from its stored response when it is sent, instead of being stored whole
-- when the response arrives: at a million responses the copies would add gigabytes to the
-- database, and writing one was a third of the cost of taking a response. A digest keeps its
-- words, since it describes the moment it was made. Only a digest's row carries a message.

CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  -- Fixed when the message is queued, so a second copy after a crash is folded away by mail clients.
  message_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'digest')),
  submission_id INTEGER REFERENCES submissions (id) ON DELETE CASCADE,
  digest_id INTEGER REFERENCES digests (id),
  recipient TEXT NOT NULL,
  subject TEXT,
  text_body TEXT,
  html_body TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- While status is 'sending': until when the worker that claimed it holds it.
  lease_expires_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK (
    (kind = 'receipt' AND submission_id IS NOT NULL AND subject IS NULL AND text_body IS NULL AND html_body IS NULL)
    OR (kind = 'digest' AND digest_id IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
  )
) STRICT;

INSERT INTO outbox_new (
  id, message_id, kind, submission_id, digest_id, recipient, subject, text_body, html_body,
  status, attempts, next_attempt_at, lease_expires_at, last_error, created_at, sent_at
)
SELECT
  id, message_id, kind, submission_id, digest_id, recipient,
  CASE kind WHEN 'digest' THEN subject END,
  CASE kind WHEN 'digest' THEN text_body END,
  CASE kind WHEN 'digest' THEN html_body END,
  status, attempts, next_attempt_at, lease_expires_at, last_error, created_at, sent_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_submission ON outbox (submission_id);
