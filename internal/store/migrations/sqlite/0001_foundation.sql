CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE app_users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL DEFAULT '',
	password_changed_at TIMESTAMP,
	disabled INTEGER NOT NULL DEFAULT 0,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	first_failed_at TIMESTAMP,
	locked_until TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE password_history (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
	password_hash TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id);

CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	remote_addr TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TIMESTAMP NOT NULL,
	last_used_at TIMESTAMP,
	revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TIMESTAMP NOT NULL,
	actor_id INTEGER,
	actor_name TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL DEFAULT '',
	old_value TEXT NOT NULL DEFAULT '',
	new_value TEXT NOT NULL DEFAULT '',
	remote_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE frameworks (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	version INTEGER NOT NULL,
	name TEXT NOT NULL,
	employer_branding TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	published_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	UNIQUE (code, version)
);

CREATE TABLE framework_values (
	id INTEGER PRIMARY KEY,
	framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('core', 'instansi')),
	name TEXT NOT NULL,
	name_en TEXT NOT NULL,
	definition TEXT NOT NULL DEFAULT '',
	definition_en TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,
	UNIQUE (framework_id, code)
);

CREATE TABLE framework_behaviours (
	id INTEGER PRIMARY KEY,
	value_id INTEGER NOT NULL REFERENCES framework_values(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	text TEXT NOT NULL,
	text_en TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (value_id, code)
);

CREATE TABLE value_mappings (
	instansi_value_id INTEGER NOT NULL REFERENCES framework_values(id) ON DELETE CASCADE,
	core_value_id INTEGER NOT NULL REFERENCES framework_values(id) ON DELETE CASCADE,
	PRIMARY KEY (instansi_value_id, core_value_id)
);

CREATE TABLE units (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('eselon1', 'eselon2', 'eselon3', 'eselon4', 'nonstruktural')),
	parent_id INTEGER REFERENCES units(id),
	path TEXT NOT NULL,
	depth INTEGER NOT NULL,
	leader_employee_id INTEGER REFERENCES employees(id),
	closed_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

CREATE TABLE employees (
	id INTEGER PRIMARY KEY,
	nip TEXT UNIQUE,
	other_id TEXT UNIQUE,
	name TEXT NOT NULL,
	front_title TEXT NOT NULL DEFAULT '',
	back_title TEXT NOT NULL DEFAULT '',
	position TEXT NOT NULL DEFAULT '',
	position_kind TEXT NOT NULL DEFAULT 'pelaksana' CHECK (position_kind IN ('struktural', 'fungsional', 'pelaksana')),
	rank TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'PNS' CHECK (status IN ('PNS', 'PPPK', 'lainnya')),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	supervisor_id INTEGER REFERENCES employees(id),
	email TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	CHECK (nip IS NOT NULL OR other_id IS NOT NULL)
);
CREATE INDEX employees_unit ON employees(unit_id);
CREATE INDEX employees_supervisor ON employees(supervisor_id);
CREATE INDEX employees_name ON employees(name);

ALTER TABLE app_users ADD COLUMN employee_id INTEGER REFERENCES employees(id);
CREATE UNIQUE INDEX app_users_employee ON app_users(employee_id);

CREATE TABLE user_roles (
	user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'pimpinan', 'agen_perubahan', 'pegawai', 'auditor')),
	unit_id INTEGER REFERENCES units(id)
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles(user_id, role, COALESCE(unit_id, 0));

CREATE TABLE evidence_files (
	id INTEGER PRIMARY KEY,
	blob_key TEXT NOT NULL UNIQUE,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size_bytes INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	scope TEXT NOT NULL DEFAULT 'internal' CHECK (scope IN ('internal', 'restricted')),
	uploaded_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE jobs (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	payload TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
	done INTEGER NOT NULL DEFAULT 0,
	total INTEGER NOT NULL DEFAULT 0,
	message TEXT NOT NULL DEFAULT '',
	result TEXT NOT NULL DEFAULT '',
	attempts INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL,
	started_at TIMESTAMP,
	finished_at TIMESTAMP,
	locked_by TEXT NOT NULL DEFAULT '',
	locked_until TIMESTAMP
);
CREATE INDEX jobs_status ON jobs(status, id);
