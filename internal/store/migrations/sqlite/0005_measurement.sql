-- Measurement (issue 6): periods, the frozen snapshot, tasks (who answers
-- what), drafts, anonymous answers, and perilaku kerja under Permenpan RB 6/2022.
-- The anonymity model is written down in docs/measurement.md.

CREATE TABLE measurement_periods (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	starts_at TIMESTAMP NOT NULL,
	ends_at TIMESTAMP NOT NULL,
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	has_survey INTEGER NOT NULL DEFAULT 1,
	has_360 INTEGER NOT NULL DEFAULT 0,
	min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group BETWEEN 3 AND 10),
	max_peers INTEGER NOT NULL DEFAULT 3 CHECK (max_peers BETWEEN 0 AND 10),
	status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
	generation TEXT NOT NULL DEFAULT 'pending' CHECK (generation IN ('pending', 'running', 'done', 'failed')),
	tasks_done INTEGER NOT NULL DEFAULT 0,
	tasks_total INTEGER NOT NULL DEFAULT 0,
	opened_at TIMESTAMP,
	closed_at TIMESTAMP,
	created_by INTEGER REFERENCES app_users(id) ON DELETE SET NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	CHECK (has_survey = 1 OR has_360 = 1),
	CHECK (ends_at > starts_at)
);

-- The units an admin chose to take part; each includes the units below it.
CREATE TABLE measurement_period_units (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (period_id, unit_id)
);

-- The unit tree as it was when the period opened.
CREATE TABLE snapshot_units (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES units(id),
	parent_unit_id INTEGER,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	level TEXT NOT NULL,
	path TEXT NOT NULL,
	depth INTEGER NOT NULL,
	leader_employee_id INTEGER,
	PRIMARY KEY (period_id, unit_id)
);
CREATE INDEX snapshot_units_path ON snapshot_units(period_id, path);

-- The staff list as it was when the period opened.
CREATE TABLE snapshot_staff (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	unit_id INTEGER NOT NULL,
	supervisor_id INTEGER,
	name TEXT NOT NULL,
	position TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period_id, employee_id)
);
CREATE INDEX snapshot_staff_unit ON snapshot_staff(period_id, unit_id);
CREATE INDEX snapshot_staff_supervisor ON snapshot_staff(period_id, supervisor_id);

-- Who must answer what. Completion is recorded here, never in the answers.
CREATE TABLE measurement_tasks (
	id INTEGER PRIMARY KEY,
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	rater_group TEXT NOT NULL CHECK (rater_group IN ('member', 'self', 'atasan', 'peer', 'bawahan')),
	rater_employee_id INTEGER NOT NULL REFERENCES employees(id),
	ratee_employee_id INTEGER REFERENCES employees(id),
	unit_id INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
	completed_at TIMESTAMP,
	submission_key TEXT,
	CHECK ((instrument = 'survey') = (rater_group = 'member')),
	CHECK ((instrument = 'survey') = (ratee_employee_id IS NULL))
);
CREATE UNIQUE INDEX measurement_tasks_unique ON measurement_tasks(period_id, instrument, rater_employee_id, COALESCE(ratee_employee_id, 0));
CREATE INDEX measurement_tasks_rater ON measurement_tasks(rater_employee_id, status);
CREATE INDEX measurement_tasks_unit ON measurement_tasks(period_id, instrument, unit_id, status);

-- Peers proposed by the ratee, approved by the atasan.
CREATE TABLE peer_nominations (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	ratee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	peer_employee_id INTEGER NOT NULL REFERENCES employees(id),
	status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
	decided_by INTEGER REFERENCES employees(id),
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (period_id, ratee_employee_id, peer_employee_id)
);

-- Answers in progress, attributed to the task so that the rater can resume;
-- moved into measurement_answers and deleted on submit, in one transaction.
CREATE TABLE measurement_drafts (
	task_id INTEGER NOT NULL REFERENCES measurement_tasks(id) ON DELETE CASCADE,
	behaviour_code TEXT NOT NULL,
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (task_id, behaviour_code)
);

-- Submitted answers. response_id is random and groups the answers of one
-- submission; nothing here links a survey, peer or bawahan answer to its rater:
-- rater_employee_id is allowed only for the attributed groups self and atasan.
-- No timestamp, and WITHOUT ROWID so the rows are kept in response_id order,
-- not in the order they arrived.
CREATE TABLE measurement_answers (
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
	PRIMARY KEY (response_id, behaviour_code),
	CHECK (rater_employee_id IS NULL OR rater_group IN ('self', 'atasan'))
) WITHOUT ROWID;
CREATE INDEX measurement_answers_unit ON measurement_answers(period_id, instrument, unit_id, behaviour_code);
CREATE INDEX measurement_answers_ratee ON measurement_answers(period_id, ratee_employee_id, rater_group);

-- Perilaku kerja (Permenpan RB 6/2022). term: TW1..TW4 (triwulan) or TAHUNAN.
CREATE TABLE perilaku_expectations (
	id INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	year INTEGER NOT NULL,
	term TEXT NOT NULL CHECK (term IN ('TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN')),
	value_code TEXT NOT NULL,
	expectation TEXT NOT NULL DEFAULT '',
	feedback TEXT NOT NULL DEFAULT '',
	evaluator_employee_id INTEGER REFERENCES employees(id),
	updated_at TIMESTAMP NOT NULL,
	UNIQUE (employee_id, year, term, value_code)
);

CREATE TABLE perilaku_expectation_evidence (
	expectation_id INTEGER NOT NULL REFERENCES perilaku_expectations(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (expectation_id, evidence_id)
);

CREATE TABLE perilaku_ratings (
	id INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	year INTEGER NOT NULL,
	term TEXT NOT NULL CHECK (term IN ('TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN')),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	evaluator_employee_id INTEGER REFERENCES employees(id),
	perilaku TEXT NOT NULL DEFAULT '',
	hasil_kerja TEXT NOT NULL DEFAULT '',
	hasil_source TEXT NOT NULL DEFAULT '' CHECK (hasil_source IN ('', 'manual', 'ekinerja')),
	predikat TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP NOT NULL,
	UNIQUE (employee_id, year, term)
);
CREATE INDEX perilaku_ratings_unit ON perilaku_ratings(year, term, unit_id);

-- The capaian kinerja organisasi that bounds the predikat distribution.
CREATE TABLE organisation_capaian (
	year INTEGER NOT NULL,
	term TEXT NOT NULL CHECK (term IN ('TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN')),
	capaian TEXT NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (year, term)
);
