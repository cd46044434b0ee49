-- National roll-up hub (issue 17, docs/hub.md). A hub registers instansi with
-- their public signing key and keeps every accepted package of index figures;
-- a corrected package supersedes the earlier one, and both are kept.
CREATE TABLE hub_instansi (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('kementerian', 'lembaga', 'provinsi', 'kabupaten', 'kota')),
	region TEXT NOT NULL DEFAULT '',
	public_key TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE hub_packages (
	id INTEGER PRIMARY KEY,
	instansi_id INTEGER NOT NULL REFERENCES hub_instansi(id),
	period_label TEXT NOT NULL,
	period_starts TEXT NOT NULL,
	version INTEGER NOT NULL,
	superseded_by INTEGER REFERENCES hub_packages(id),
	k INTEGER NOT NULL,
	digest TEXT NOT NULL,
	signed TEXT NOT NULL,
	received_at TIMESTAMP NOT NULL,
	received_by TEXT NOT NULL,
	UNIQUE (instansi_id, period_label, version)
);
CREATE INDEX hub_packages_label ON hub_packages(period_label, superseded_by);

-- The groups and figures of each package, for the national views.
CREATE TABLE hub_groups (
	package_id INTEGER NOT NULL REFERENCES hub_packages(id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('instansi', 'eselon1', 'eselon2')),
	n INTEGER NOT NULL,
	tasks_total INTEGER NOT NULL,
	tasks_done INTEGER NOT NULL,
	response_rate REAL NOT NULL,
	PRIMARY KEY (package_id, code)
) WITHOUT ROWID;

CREATE TABLE hub_figures (
	package_id INTEGER NOT NULL REFERENCES hub_packages(id),
	group_code TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('overall', 'value', 'behaviour')),
	code TEXT NOT NULL,
	score REAL NOT NULL,
	n INTEGER NOT NULL,
	ci_low REAL,
	ci_high REAL,
	alpha REAL,
	band TEXT NOT NULL,
	PRIMARY KEY (package_id, group_code, code)
) WITHOUT ROWID; -- clustered by package and group: a view reads one group's figures in one place
