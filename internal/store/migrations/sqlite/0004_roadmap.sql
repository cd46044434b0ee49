-- Roadmap budaya kerja: roadmaps span years and phases, hold programmes, which
-- hold activities with budget lines per fiscal year (whole rupiah).
CREATE TABLE roadmaps (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	start_year INTEGER NOT NULL,
	end_year INTEGER NOT NULL,
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	CHECK (end_year >= start_year)
);

CREATE TABLE roadmap_phases (
	id INTEGER PRIMARY KEY,
	roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	start_year INTEGER NOT NULL,
	end_year INTEGER NOT NULL,
	position INTEGER NOT NULL
);
CREATE INDEX roadmap_phases_roadmap ON roadmap_phases(roadmap_id);

CREATE TABLE programmes (
	id INTEGER PRIMARY KEY,
	roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,
	UNIQUE (roadmap_id, code)
);

CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	owner_unit_id INTEGER NOT NULL REFERENCES units(id),
	pic_employee_id INTEGER REFERENCES employees(id),
	indicator TEXT NOT NULL DEFAULT '',
	indicator_unit TEXT NOT NULL DEFAULT '',
	target INTEGER NOT NULL DEFAULT 0 CHECK (target >= 0),
	realisation INTEGER NOT NULL DEFAULT 0 CHECK (realisation >= 0),
	status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'done', 'cancelled')),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	UNIQUE (programme_id, code)
);
CREATE INDEX activities_unit ON activities(owner_unit_id);

CREATE TABLE activity_quarters (
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	year INTEGER NOT NULL,
	quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
	PRIMARY KEY (activity_id, year, quarter)
);

-- Value and behaviour codes of the roadmap's framework version.
CREATE TABLE activity_values (
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	value_code TEXT NOT NULL,
	PRIMARY KEY (activity_id, value_code)
);

CREATE TABLE activity_behaviours (
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	behaviour_code TEXT NOT NULL,
	PRIMARY KEY (activity_id, behaviour_code)
);

CREATE TABLE budget_lines (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	fiscal_year INTEGER NOT NULL,
	ceiling INTEGER NOT NULL CHECK (ceiling >= 0),
	realised INTEGER NOT NULL DEFAULT 0 CHECK (realised >= 0),
	funding_source TEXT NOT NULL CHECK (funding_source IN ('rupiah_murni', 'pnbp', 'blu', 'apbd', 'hibah', 'lainnya')),
	account_code TEXT NOT NULL,
	UNIQUE (activity_id, fiscal_year, account_code, funding_source)
);
CREATE INDEX budget_lines_year ON budget_lines(fiscal_year);

-- Change agents (agen perubahan), appointed per unit by decree for a term.
CREATE TABLE change_agents (
	id INTEGER PRIMARY KEY,
	unit_id INTEGER NOT NULL REFERENCES units(id),
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	user_id INTEGER NOT NULL REFERENCES app_users(id),
	decree_number TEXT NOT NULL,
	starts_on TIMESTAMP NOT NULL,
	ends_on TIMESTAMP NOT NULL,
	ended_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	CHECK (ends_on >= starts_on)
);
CREATE INDEX change_agents_unit ON change_agents(unit_id);
CREATE INDEX change_agents_user ON change_agents(user_id);

CREATE TABLE agent_actions (
	id INTEGER PRIMARY KEY,
	agent_id INTEGER NOT NULL REFERENCES change_agents(id),
	activity_id INTEGER NOT NULL REFERENCES activities(id),
	done_on TIMESTAMP NOT NULL,
	description TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX agent_actions_agent ON agent_actions(agent_id, done_on);

CREATE TABLE agent_action_evidence (
	action_id INTEGER NOT NULL REFERENCES agent_actions(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (action_id, evidence_id)
);

CREATE TABLE agent_reports (
	id INTEGER PRIMARY KEY,
	agent_id INTEGER NOT NULL REFERENCES change_agents(id),
	month TEXT NOT NULL,
	summary TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'returned')),
	submitted_at TIMESTAMP NOT NULL,
	decided_by INTEGER REFERENCES app_users(id),
	decided_at TIMESTAMP,
	comment TEXT NOT NULL DEFAULT '',
	UNIQUE (agent_id, month)
);

-- Internalisation checklist: criteria with points, unit reports per period, verified.
CREATE TABLE checklist_criteria (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	points INTEGER NOT NULL CHECK (points BETWEEN 1 AND 100),
	active INTEGER NOT NULL DEFAULT 1,
	position INTEGER NOT NULL
);

CREATE TABLE checklist_periods (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	starts_on TIMESTAMP NOT NULL,
	ends_on TIMESTAMP NOT NULL,
	CHECK (ends_on >= starts_on)
);

CREATE TABLE checklist_reports (
	id INTEGER PRIMARY KEY,
	period_id INTEGER NOT NULL REFERENCES checklist_periods(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	criterion_id INTEGER NOT NULL REFERENCES checklist_criteria(id),
	note TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
	submitted_by INTEGER REFERENCES app_users(id),
	submitted_at TIMESTAMP NOT NULL,
	verified_by INTEGER REFERENCES app_users(id),
	verified_at TIMESTAMP,
	comment TEXT NOT NULL DEFAULT '',
	UNIQUE (period_id, unit_id, criterion_id)
);

CREATE TABLE checklist_report_evidence (
	report_id INTEGER NOT NULL REFERENCES checklist_reports(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (report_id, evidence_id)
);
