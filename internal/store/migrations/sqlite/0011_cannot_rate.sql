-- A peer may answer a behaviour "tidak dapat menilai" (score 0). The choice is
-- kept in the draft so that it survives a resume; a submission leaves it out
-- of measurement_answers, whose scores stay 1..5. SQLite cannot change a
-- CHECK in place, so the drafts table is rebuilt.
CREATE TABLE measurement_drafts_new (
	task_id INTEGER NOT NULL REFERENCES measurement_tasks(id) ON DELETE CASCADE,
	behaviour_code TEXT NOT NULL,
	score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (task_id, behaviour_code)
);
INSERT INTO measurement_drafts_new (task_id, behaviour_code, score, comment, updated_at)
	SELECT task_id, behaviour_code, score, comment, updated_at FROM measurement_drafts;
DROP TABLE measurement_drafts;
ALTER TABLE measurement_drafts_new RENAME TO measurement_drafts;
