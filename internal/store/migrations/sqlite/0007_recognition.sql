-- Recognition (issue 8): apresiasi by value, role-model nomination rounds with
-- a committee that declares conflicts of interest, and anti-gaming signals.
-- docs/recognition.md describes the rules.

CREATE TABLE recognitions (
	id INTEGER PRIMARY KEY,
	sender_employee_id INTEGER NOT NULL REFERENCES employees(id),
	sender_user_id INTEGER REFERENCES app_users(id) ON DELETE SET NULL,
	recipient_employee_id INTEGER NOT NULL REFERENCES employees(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	message TEXT NOT NULL,
	visibility TEXT NOT NULL CHECK (visibility IN ('unit', 'private')),
	created_at TIMESTAMP NOT NULL,
	CHECK (sender_employee_id <> recipient_employee_id)
);
CREATE INDEX recognitions_created ON recognitions(created_at);
CREATE INDEX recognitions_unit ON recognitions(unit_id, created_at);
CREATE INDEX recognitions_recipient ON recognitions(recipient_employee_id, created_at);
CREATE INDEX recognitions_sender ON recognitions(sender_employee_id, created_at);

-- The values and behaviours a recognition is tagged with; behaviour_code is ''
-- for a tag of the value alone.
CREATE TABLE recognition_tags (
	recognition_id INTEGER NOT NULL REFERENCES recognitions(id) ON DELETE CASCADE,
	value_code TEXT NOT NULL,
	behaviour_code TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (recognition_id, value_code, behaviour_code)
);
CREATE INDEX recognition_tags_value ON recognition_tags(value_code, recognition_id);

CREATE TABLE nomination_rounds (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	period TEXT NOT NULL,
	value_code TEXT NOT NULL,
	nominate_until TIMESTAMP NOT NULL,
	winners INTEGER NOT NULL DEFAULT 1 CHECK (winners BETWEEN 1 AND 20),
	status TEXT NOT NULL CHECK (status IN ('open', 'scoring', 'announced')),
	created_by INTEGER REFERENCES app_users(id) ON DELETE SET NULL,
	created_at TIMESTAMP NOT NULL,
	announced_at TIMESTAMP
);

CREATE TABLE nomination_criteria (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
	position INTEGER NOT NULL
);
CREATE INDEX nomination_criteria_round ON nomination_criteria(round_id, position);

CREATE TABLE nomination_committee (
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES app_users(id),
	PRIMARY KEY (round_id, user_id)
);

CREATE TABLE nominations (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	nominee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	nominator_employee_id INTEGER NOT NULL REFERENCES employees(id),
	reason TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	UNIQUE (round_id, nominator_employee_id, nominee_employee_id),
	CHECK (nominee_employee_id <> nominator_employee_id)
);
CREATE INDEX nominations_nominee ON nominations(round_id, nominee_employee_id);

CREATE TABLE nomination_evidence (
	nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (nomination_id, evidence_id)
);

-- A committee member's declaration about one nominee, made before scoring
-- them; conflict = 1 removes the member from that nominee.
CREATE TABLE committee_declarations (
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES app_users(id),
	nominee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	conflict INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	declared_at TIMESTAMP NOT NULL,
	PRIMARY KEY (round_id, user_id, nominee_employee_id)
);

CREATE TABLE nomination_scores (
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES app_users(id),
	nominee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	criterion_id INTEGER NOT NULL REFERENCES nomination_criteria(id) ON DELETE CASCADE,
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (round_id, user_id, nominee_employee_id, criterion_id)
);

CREATE TABLE nomination_winners (
	round_id INTEGER NOT NULL REFERENCES nomination_rounds(id) ON DELETE CASCADE,
	nominee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	rank INTEGER NOT NULL,
	total REAL NOT NULL,
	certificate_no TEXT NOT NULL UNIQUE,
	PRIMARY KEY (round_id, nominee_employee_id)
);
CREATE INDEX nomination_winners_employee ON nomination_winners(nominee_employee_id);

-- Signals for admins. A recomputation replaces unreviewed signals and keeps
-- the reviewed ones (with the evidence they were reviewed on).
CREATE TABLE signals (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('reciprocal', 'text_reuse', 'inflation', 'deadline_burst')),
	subject_key TEXT NOT NULL,
	subject TEXT NOT NULL,
	score REAL NOT NULL,
	reason TEXT NOT NULL,
	reason_en TEXT NOT NULL,
	evidence TEXT NOT NULL,
	computed_at TIMESTAMP NOT NULL,
	reviewed_at TIMESTAMP,
	reviewed_by INTEGER REFERENCES app_users(id) ON DELETE SET NULL,
	review_note TEXT NOT NULL DEFAULT '',
	UNIQUE (kind, subject_key)
);
CREATE INDEX signals_reviewed ON signals(reviewed_at, kind);
