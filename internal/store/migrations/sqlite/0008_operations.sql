-- Data-subject requests under UU PDP 27/2022: what was asked, when, and when it was answered.
CREATE TABLE subject_requests (
	id INTEGER PRIMARY KEY,
	employee_id INTEGER REFERENCES employees(id),
	user_id INTEGER REFERENCES app_users(id),
	requester_name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdrawal')),
	detail TEXT NOT NULL DEFAULT '',
	received_at TIMESTAMP NOT NULL,
	due_at TIMESTAMP NOT NULL,
	answered_at TIMESTAMP,
	answer TEXT NOT NULL DEFAULT '',
	recorded_by INTEGER REFERENCES app_users(id),
	answered_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX subject_requests_open ON subject_requests(answered_at, due_at);
CREATE INDEX subject_requests_employee ON subject_requests(employee_id);

-- Restriction of processing: a restricted employee is left out of new
-- measurement assignments, recognition and nominations until it is lifted.
CREATE TABLE processing_restrictions (
	id INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	request_id INTEGER REFERENCES subject_requests(id) ON DELETE SET NULL,
	reason TEXT NOT NULL,
	restricted_at TIMESTAMP NOT NULL,
	restricted_by INTEGER REFERENCES app_users(id),
	lifted_at TIMESTAMP,
	lifted_by INTEGER REFERENCES app_users(id)
);
CREATE UNIQUE INDEX processing_restrictions_active ON processing_restrictions(employee_id) WHERE lifted_at IS NULL;

-- Documents that came with a request (the letter, proof of identity), kept as restricted evidence.
CREATE TABLE subject_request_files (
	request_id INTEGER NOT NULL REFERENCES subject_requests(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (request_id, evidence_id)
);
