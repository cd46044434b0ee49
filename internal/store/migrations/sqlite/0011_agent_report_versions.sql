-- Monthly change-agent reports keep every version: a second report for the
-- same month is a new version (the pending one it replaces becomes
-- 'superseded'), so nothing the agent or the leader wrote is overwritten.
-- SQLite cannot drop a UNIQUE constraint, so the table is rebuilt.
CREATE TABLE agent_reports_versioned (
	id INTEGER PRIMARY KEY,
	agent_id INTEGER NOT NULL REFERENCES change_agents(id),
	month TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	summary TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'returned', 'superseded')),
	submitted_at TIMESTAMP NOT NULL,
	decided_by INTEGER REFERENCES app_users(id),
	decided_at TIMESTAMP,
	comment TEXT NOT NULL DEFAULT '',
	UNIQUE (agent_id, month, version)
);
INSERT INTO agent_reports_versioned (id, agent_id, month, version, summary, status, submitted_at, decided_by, decided_at, comment)
	SELECT id, agent_id, month, 1, summary, status, submitted_at, decided_by, decided_at, comment FROM agent_reports;
DROP TABLE agent_reports;
ALTER TABLE agent_reports_versioned RENAME TO agent_reports;

-- Photos and attendance lists attached to a report version.
CREATE TABLE agent_report_evidence (
	report_id INTEGER NOT NULL REFERENCES agent_reports(id) ON DELETE CASCADE,
	evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (report_id, evidence_id)
);
