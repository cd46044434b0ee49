-- Answers are kept in (period, response) order: the index of one period reads
-- its own rows as one range, already grouped by submission, instead of every
-- period's rows or a sort of them. The table is rebuilt because SQLite cannot
-- change a primary key in place.
CREATE TABLE measurement_answers_new (
	response_id TEXT NOT NULL,
	behaviour_code TEXT NOT NULL,
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	ratee_employee_id INTEGER REFERENCES employees(id),
	rater_group TEXT NOT NULL CHECK (rater_group IN ('member', 'self', 'atasan', 'peer', 'bawahan')),
	rater_employee_id INTEGER REFERENCES employees(id),
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period_id, response_id, behaviour_code),
	CHECK (rater_employee_id IS NULL OR rater_group IN ('self', 'atasan'))
) WITHOUT ROWID;
INSERT INTO measurement_answers_new (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group, rater_employee_id, score, comment)
	SELECT response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group, rater_employee_id, score, comment
	FROM measurement_answers ORDER BY period_id, response_id, behaviour_code;
DROP TABLE measurement_answers;
ALTER TABLE measurement_answers_new RENAME TO measurement_answers;
CREATE INDEX measurement_answers_unit ON measurement_answers(period_id, instrument, unit_id, behaviour_code);
CREATE INDEX measurement_answers_ratee ON measurement_answers(period_id, ratee_employee_id, rater_group);
