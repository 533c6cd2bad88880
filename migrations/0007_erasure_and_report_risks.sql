-- Erasing a response reaches every copy of it the portal holds. A digest keeps what it said as
-- data beside its message, with the responses it mentions, so that an erasure can find each
-- digest that mentions a response by its id and write that digest again without it.

ALTER TABLE digests ADD COLUMN content TEXT;

CREATE TABLE digest_mentions (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  digest_id INTEGER NOT NULL REFERENCES digests (id),
  PRIMARY KEY (submission_id, digest_id)
) STRICT, WITHOUT ROWID;

-- Messages whose copies the file transport wrote (.eml files) are to be removed: recorded in the
-- erasure's transaction, the files removed after it commits, and at start after a crash.
CREATE TABLE mail_copies_to_remove (
  message_id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- Digests made before this version recorded no mentions, so an erasure cannot find what they
-- say of a response. Those already sent (or given up) are needed for nothing but their counts:
-- their words go, so that no response erased since lingers in them.
UPDATE outbox
SET text_body = 'This digest was sent before the portal kept digests in a form it can erase responses from, so its words were removed.',
  html_body = '<p>This digest was sent before the portal kept digests in a form it can erase responses from, so its words were removed.</p>'
WHERE kind = 'digest' AND status IN ('sent', 'failed');

-- An erasure rewrites a digest's copies, found by their digest among a million receipts.
CREATE INDEX outbox_by_digest ON outbox (digest_id);

-- What in a report could act when the officer opens it on a desktop, found as it arrived: a
-- macro, JavaScript or a program a PDF launches, or an object embedded in RTF. Null for none,
-- and for reports that arrived before reports were checked for it.
ALTER TABLE attachments ADD COLUMN risk TEXT CHECK (risk IN ('macro', 'active-content', 'embedded-object'));
