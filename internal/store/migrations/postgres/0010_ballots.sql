-- Sealed ballots (issues 13 and 19; docs/measurement.md, "Threat model").
-- An anonymous submission (survey member, 360 peer and bawahan) is stored here,
-- encrypted under the instance's ballot key (a file outside the database), in
-- the same transaction as the task's completion. Nothing in a row comes from
-- the task: a random id as the key, no timestamp, no serial number. Closing the
-- period releases the ballots into measurement_answers in shuffled buckets of
-- at least K respondents, in a transaction that records no completion.
CREATE TABLE measurement_ballots (
	id TEXT NOT NULL PRIMARY KEY,
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	rater_group TEXT NOT NULL CHECK (rater_group IN ('member', 'peer', 'bawahan')),
	unit_id INTEGER NOT NULL,
	ratee_employee_id INTEGER NOT NULL DEFAULT 0,
	sealed TEXT NOT NULL
);
CREATE INDEX measurement_ballots_period ON measurement_ballots(period_id, instrument, unit_id);

-- One row per release of a bucket: where its ballots went and how many. The
-- unit's 360 figure counts distinct raters from the tasks of released buckets
-- (tasks completed before the bucket's last release), never from the answers.
-- ratee_employee_id is 0 for a survey bucket.
CREATE TABLE measurement_releases (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	rater_group TEXT NOT NULL CHECK (rater_group IN ('member', 'peer', 'bawahan')),
	unit_id INTEGER NOT NULL,
	ratee_employee_id INTEGER NOT NULL DEFAULT 0,
	released_at TIMESTAMPTZ NOT NULL,
	ballots INTEGER NOT NULL,
	PRIMARY KEY (period_id, instrument, rater_group, unit_id, ratee_employee_id, released_at)
);

-- Drafts, sealed with the same key: one row per task, the answers in progress
-- encrypted (associated data: the task id), so that a draft's text is never
-- in the database files in clear. answered is how many behaviours it holds.
CREATE TABLE measurement_sealed_drafts (
	task_id INTEGER NOT NULL PRIMARY KEY REFERENCES measurement_tasks(id) ON DELETE CASCADE,
	answered INTEGER NOT NULL,
	sealed TEXT NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
