-- Leader Alignment Sessions, signed pledges (pakta komitmen) and commitments (rencana aksi).
CREATE TABLE alignment_sessions (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	starts_at TIMESTAMP NOT NULL,
	ends_at TIMESTAMP NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	online_url TEXT NOT NULL DEFAULT '',
	facilitator TEXT NOT NULL DEFAULT '',
	agenda TEXT NOT NULL DEFAULT '',
	pledge_template TEXT NOT NULL,
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	checkin_token TEXT NOT NULL UNIQUE,
	created_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX alignment_sessions_starts ON alignment_sessions(starts_at);

CREATE TABLE alignment_invitees (
	session_id INTEGER NOT NULL REFERENCES alignment_sessions(id) ON DELETE CASCADE,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	invited_at TIMESTAMP NOT NULL,
	checked_in_at TIMESTAMP,
	checkin_method TEXT CHECK (checkin_method IN ('qr', 'admin')),
	checked_in_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (session_id, employee_id),
	UNIQUE (session_id, unit_id)
);
CREATE INDEX alignment_invitees_unit ON alignment_invitees(unit_id);
CREATE INDEX alignment_invitees_employee ON alignment_invitees(employee_id);

CREATE TABLE acting_delegations (
	id INTEGER PRIMARY KEY,
	unit_id INTEGER NOT NULL REFERENCES units(id),
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	kind TEXT NOT NULL CHECK (kind IN ('plt', 'plh')),
	decree_number TEXT NOT NULL,
	starts_on DATE NOT NULL,
	ends_on DATE NOT NULL,
	created_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL,
	CHECK (ends_on >= starts_on)
);
CREATE INDEX acting_delegations_unit ON acting_delegations(unit_id);
CREATE INDEX acting_delegations_employee ON acting_delegations(employee_id);

CREATE TABLE pledges (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES alignment_sessions(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	invitee_employee_id INTEGER NOT NULL REFERENCES employees(id),
	signer_employee_id INTEGER NOT NULL REFERENCES employees(id),
	signer_user_id INTEGER NOT NULL REFERENCES app_users(id),
	signer_name TEXT NOT NULL,
	signer_nip TEXT NOT NULL DEFAULT '',
	signer_position TEXT NOT NULL,
	unit_name TEXT NOT NULL,
	acting_kind TEXT NOT NULL DEFAULT '' CHECK (acting_kind IN ('', 'plt', 'plh')),
	decree_number TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL,
	sha256 TEXT NOT NULL UNIQUE,
	signed_at TIMESTAMP NOT NULL,
	supersedes_id INTEGER UNIQUE REFERENCES pledges(id),
	reason TEXT NOT NULL DEFAULT ''
);
-- One original pledge per unit and session; corrections chain through supersedes_id (each pledge is superseded at most once).
CREATE UNIQUE INDEX pledges_one_original ON pledges(session_id, unit_id) WHERE supersedes_id IS NULL;
CREATE INDEX pledges_unit ON pledges(unit_id);
-- A signed pledge never changes and is never deleted.
CREATE TRIGGER pledges_no_update BEFORE UPDATE ON pledges
BEGIN SELECT RAISE(ABORT, 'a signed pledge cannot be changed'); END;
CREATE TRIGGER pledges_no_delete BEFORE DELETE ON pledges
BEGIN SELECT RAISE(ABORT, 'a signed pledge cannot be deleted'); END;

CREATE TABLE commitments (
	id INTEGER PRIMARY KEY,
	session_id INTEGER REFERENCES alignment_sessions(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	title TEXT NOT NULL,
	due_date DATE NOT NULL,
	owner_employee_id INTEGER NOT NULL REFERENCES employees(id),
	measure TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
	created_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX commitments_unit ON commitments(unit_id, status);
CREATE INDEX commitments_session ON commitments(session_id);
CREATE INDEX commitments_due ON commitments(status, due_date);

CREATE TABLE commitment_codes (
	commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	PRIMARY KEY (commitment_id, code)
);

CREATE TABLE commitment_notes (
	id INTEGER PRIMARY KEY,
	commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
	at TIMESTAMP NOT NULL,
	author_id INTEGER REFERENCES app_users(id),
	author_name TEXT NOT NULL DEFAULT '',
	from_status TEXT NOT NULL DEFAULT '',
	to_status TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL
);
CREATE INDEX commitment_notes_commitment ON commitment_notes(commitment_id);

CREATE TABLE commitment_evidence (
	note_id INTEGER NOT NULL REFERENCES commitment_notes(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (note_id, evidence_id)
);
