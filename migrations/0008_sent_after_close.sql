-- Whether a web response was sent after the close, within the grace period, from a form opened
-- before it (LATE_RESPONSE_GRACE_MINUTES): such a response is accepted, and the officer is told.

ALTER TABLE submissions ADD COLUMN sent_after_close INTEGER NOT NULL DEFAULT 0 CHECK (sent_after_close IN (0, 1));
