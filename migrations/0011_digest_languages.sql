-- Each officer who opts in to the digests reads them in the language of the page they opted in
-- from, and can change it there. Before this, every digest was written in English.
ALTER TABLE officers ADD COLUMN digest_language TEXT NOT NULL DEFAULT 'en' CHECK (digest_language IN ('en', 'cy'));

-- The language a digest's copy is written in, so that an erasure writes each copy again in its
-- own. NULL for a receipt: it is written when it is sent, in its response's language.
ALTER TABLE outbox ADD COLUMN language TEXT CHECK (language IN ('en', 'cy'));
UPDATE outbox SET language = 'en' WHERE kind = 'digest';
