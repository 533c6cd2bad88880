-- Running counts for the dashboard and the digests. At a million responses, counting the rows
-- themselves takes most of a second; these tables hold a few thousand rows. Triggers keep them,
-- so they change in the same transaction as the rows they count and cannot drift.

-- Responses per London day, by what the dashboard breaks them down by.
CREATE TABLE daily_counts (
  consultation TEXT NOT NULL,
  received_day TEXT NOT NULL,
  respondent_type TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  language TEXT NOT NULL,
  submissions INTEGER NOT NULL,
  PRIMARY KEY (consultation, received_day, respondent_type, channel, status, language)
) STRICT, WITHOUT ROWID;

-- Responses per constituency and respondent type: the dashboard's coverage of Wales.
CREATE TABLE constituency_counts (
  consultation TEXT NOT NULL,
  constituency TEXT NOT NULL,
  respondent_type TEXT NOT NULL,
  submissions INTEGER NOT NULL,
  PRIMARY KEY (consultation, constituency, respondent_type)
) STRICT, WITHOUT ROWID;

-- Responses that answer each topic paper, per London day.
CREATE TABLE paper_counts (
  consultation TEXT NOT NULL,
  paper TEXT NOT NULL,
  received_day TEXT NOT NULL,
  submissions INTEGER NOT NULL,
  PRIMARY KEY (consultation, paper, received_day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER submissions_counted AFTER INSERT ON submissions BEGIN
  INSERT INTO daily_counts VALUES (NEW.consultation, NEW.received_day, NEW.respondent_type, NEW.channel, NEW.status, NEW.language, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
  INSERT INTO constituency_counts VALUES (NEW.consultation, NEW.constituency, NEW.respondent_type, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
END;

-- Before the delete, while the answers it cascades to are still there to say which papers it answered.
CREATE TRIGGER submissions_uncounted BEFORE DELETE ON submissions BEGIN
  UPDATE daily_counts SET submissions = submissions - 1
    WHERE (consultation, received_day, respondent_type, channel, status, language)
        = (OLD.consultation, OLD.received_day, OLD.respondent_type, OLD.channel, OLD.status, OLD.language);
  UPDATE constituency_counts SET submissions = submissions - 1
    WHERE (consultation, constituency, respondent_type) = (OLD.consultation, OLD.constituency, OLD.respondent_type);
  UPDATE paper_counts SET submissions = submissions - 1
    WHERE consultation = OLD.consultation AND received_day = OLD.received_day
      AND paper IN (SELECT DISTINCT paper FROM answers WHERE submission_id = OLD.id);
END;

CREATE TRIGGER submissions_recounted
AFTER UPDATE OF consultation, received_day, respondent_type, channel, status, language ON submissions BEGIN
  UPDATE daily_counts SET submissions = submissions - 1
    WHERE (consultation, received_day, respondent_type, channel, status, language)
        = (OLD.consultation, OLD.received_day, OLD.respondent_type, OLD.channel, OLD.status, OLD.language);
  INSERT INTO daily_counts VALUES (NEW.consultation, NEW.received_day, NEW.respondent_type, NEW.channel, NEW.status, NEW.language, 1)
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
END;

-- A response's first answer to a paper counts it for that paper; further answers (to the paper's
-- sections) do not.
CREATE TRIGGER answers_counted AFTER INSERT ON answers
WHEN NOT EXISTS (SELECT 1 FROM answers WHERE submission_id = NEW.submission_id AND paper = NEW.paper AND id <> NEW.id)
BEGIN
  INSERT INTO paper_counts SELECT consultation, NEW.paper, received_day, 1 FROM submissions WHERE id = NEW.submission_id
    ON CONFLICT DO UPDATE SET submissions = submissions + 1;
END;

INSERT INTO daily_counts
  SELECT consultation, received_day, respondent_type, channel, status, language, count(*) FROM submissions
  GROUP BY consultation, received_day, respondent_type, channel, status, language;
INSERT INTO constituency_counts
  SELECT consultation, constituency, respondent_type, count(*) FROM submissions GROUP BY consultation, constituency, respondent_type;
INSERT INTO paper_counts
  SELECT s.consultation, papers.paper, s.received_day, count(*)
  FROM (SELECT DISTINCT submission_id, paper FROM answers) AS papers JOIN submissions s ON s.id = papers.submission_id
  GROUP BY s.consultation, papers.paper, s.received_day;
