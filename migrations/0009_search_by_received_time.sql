-- A search walks the full-text index in the order of its rowids and stops at a page, which is what
-- keeps it fast at a million responses. Its rowid was the submission's id, the order in which rows
-- were stored, so a letter recorded today sorted above February's responses. Each submission now
-- has a search key that sorts as (received_at, id) does, and the index is rebuilt keyed by it.
--
-- The key packs the received instant and a sequence into one integer: milliseconds since 1970
-- times 2^21, plus 0, 1, 2… for responses received in the same millisecond (letters recorded for
-- the same day all have noon), in the order they were stored. It fits in 63 bits until 2109.

ALTER TABLE submissions ADD COLUMN search_key INTEGER;

UPDATE submissions SET search_key = keyed.search_key
FROM (
  SELECT id,
    (CAST(round(unixepoch(received_at, 'subsec') * 1000) AS INTEGER) << 21)
      + row_number() OVER (PARTITION BY received_at ORDER BY id) - 1 AS search_key
  FROM submissions
) AS keyed
WHERE submissions.id = keyed.id;

-- A search joins each match to its submission by this index. With the consultation in it, a search
-- filtered by nothing else (and its count of up to 10,000 matches) reads no table row.
CREATE UNIQUE INDEX submissions_by_search_key ON submissions (search_key, consultation);

-- Rebuilt from the submissions, with the text SubmissionRepository writes (every answer, then
-- "anything else", separated by blank lines). Dropping the old index first lets the new one reuse
-- its pages, so the file does not grow by the size of a second index.
DROP TABLE submission_search;
CREATE VIRTUAL TABLE submission_search USING fts5 (
  name,
  body_name,
  answers,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO submission_search (submission_search, rank) VALUES ('secure-delete', 1);
INSERT INTO submission_search (rowid, name, body_name, answers)
  SELECT s.search_key, s.name, coalesce(s.body_name, ''),
    coalesce((SELECT group_concat(a.body, char(10, 10) ORDER BY a.id) FROM answers a WHERE a.submission_id = s.id) || char(10, 10), '')
      || coalesce(s.anything_else, '')
  FROM submissions s
  ORDER BY s.search_key;
-- Built in one go, the index is in many small segments: merged into one, a page of matches with
-- their snippets reads a third as much.
INSERT INTO submission_search (submission_search) VALUES ('optimize');

-- Respondents quote their email address: the officer's search finds their responses by it.
CREATE INDEX submissions_by_email ON submissions (email COLLATE NOCASE) WHERE email IS NOT NULL;

-- The audit log is filtered by officer and by action, newest first.
CREATE INDEX audit_log_by_officer ON audit_log (officer_id, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
