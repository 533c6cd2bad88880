-- Responses to a consultation, as they arrive by the web, by email or by post.

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  consultation TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'post')),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  respondent_type TEXT NOT NULL
    CHECK (respondent_type IN ('individual', 'branch', 'clp', 'labour_group', 'affiliate')),
  name TEXT NOT NULL,
  email TEXT,
  body_name TEXT,
  role_in_body TEXT,
  constituency TEXT NOT NULL,
  anything_else TEXT,
  meeting_date TEXT,
  meeting_attendance INTEGER,
  consent_privacy INTEGER NOT NULL CHECK (consent_privacy = 1),
  consent_quote INTEGER NOT NULL CHECK (consent_quote IN (0, 1)),
  -- Officer review: new -> read -> used (in drafting), or flagged.
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'used', 'flagged')),
  -- When the response reached the party (for post and email, the date the officer records).
  received_at TEXT NOT NULL,
  -- When the row was written.
  created_at TEXT NOT NULL,
  CHECK ((respondent_type = 'individual') = (body_name IS NULL))
) STRICT;

CREATE INDEX submissions_by_received ON submissions (consultation, received_at, id);
CREATE INDEX submissions_by_constituency ON submissions (consultation, constituency, respondent_type);

-- One answer per topic paper, and optionally one per section of it (section is NULL for the
-- answer to the paper as a whole).
CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  paper TEXT NOT NULL,
  section TEXT,
  body TEXT NOT NULL,
  UNIQUE (submission_id, paper, section)
) STRICT;

CREATE INDEX answers_by_paper ON answers (paper, submission_id);

-- Reports attached to a response. The file lives under data/uploads, named by stored_name.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  stored_name TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  position INTEGER NOT NULL
) STRICT;

CREATE INDEX attachments_by_submission ON attachments (submission_id, position);

-- Full-text search over what respondents wrote. rowid is submissions.id.
CREATE VIRTUAL TABLE submission_search USING fts5 (
  name,
  body_name,
  answers,
  tokenize = 'unicode61 remove_diacritics 2'
);
