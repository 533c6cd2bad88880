-- Whether a response came with a report, on its own row and in the running counts: the officer
-- filters by it ("branch reports still to read"), and at a million responses finding it out
-- through the attachments table, row by row, took most of a second.

ALTER TABLE submissions ADD COLUMN has_report INTEGER NOT NULL DEFAULT 0 CHECK (has_report IN (0, 1));
UPDATE submissions SET has_report = 1 WHERE id IN (SELECT submission_id FROM attachments);

DROP TRIGGER submissions_counted;
DROP TRIGGER submissions_uncounted;
DROP TRIGGER submissions_recounted;
DROP TABLE daily_counts;

CREATE TABLE daily_counts (
  consultation TEXT NOT NULL,
  received_day TEXT NOT NULL,
  respondent_type TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  language TEXT NOT NULL,
  has_report INTEGER NOT NULL,
  submissions INTEGER NOT NULL,
  PRIMARY KEY (consultation, received_day, respondent_type, channel, status, language, has_report)
) STRICT, WITHOUT ROWID;

INSERT INTO daily_counts
  SELECT consultation, received_day, respondent_type, channel, status, language, has_report, count(*) FROM submissions
  GROUP BY consultation, received_day, respondent_type, channel, status, language, has_report;

CREATE TRIGGER submissions_counted AFTER INSERT ON submissions BEGIN
  INSERT INTO daily_counts VALUES (NEW.consultation, NEW.received_day, NEW.respondent_type, NEW.channel, NEW.status, NEW.language, NEW.has_report, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
  INSERT INTO constituency_counts VALUES (NEW.consultation, NEW.constituency, NEW.respondent_type, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
END;

-- Before the delete, while the answers it cascades to are still there to say which papers it answered.
CREATE TRIGGER submissions_uncounted BEFORE DELETE ON submissions BEGIN
  UPDATE daily_counts SET submissions = submissions - 1
    WHERE (consultation, received_day, respondent_type, channel, status, language, has_report)
        = (OLD.consultation, OLD.received_day, OLD.respondent_type, OLD.channel, OLD.status, OLD.language, OLD.has_report);
  UPDATE constituency_counts SET submissions = submissions - 1
    WHERE (consultation, constituency, respondent_type) = (OLD.consultation, OLD.constituency, OLD.respondent_type);
  UPDATE paper_counts SET submissions = submissions - 1
    WHERE consultation = OLD.consultation AND received_day = OLD.received_day
      AND paper IN (SELECT DISTINCT paper FROM answers WHERE submission_id = OLD.id);
END;

CREATE TRIGGER submissions_recounted
AFTER UPDATE OF consultation, received_day, respondent_type, channel, status, language, has_report ON submissions BEGIN
  UPDATE daily_counts SET submissions = submissions - 1
    WHERE (consultation, received_day, respondent_type, channel, status, language, has_report)
        = (OLD.consultation, OLD.received_day, OLD.respondent_type, OLD.channel, OLD.status, OLD.language, OLD.has_report);
  INSERT INTO daily_counts VALUES (NEW.consultation, NEW.received_day, NEW.respondent_type, NEW.channel, NEW.status, NEW.language, NEW.has_report, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
END;
