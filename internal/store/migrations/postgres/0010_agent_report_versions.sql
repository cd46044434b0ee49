-- Monthly change-agent reports keep every version: a second report for the
-- same month is a new version (the pending one it replaces becomes
-- 'superseded'), so nothing the agent or the leader wrote is overwritten.
ALTER TABLE agent_reports DROP CONSTRAINT agent_reports_agent_id_month_key;
ALTER TABLE agent_reports DROP CONSTRAINT agent_reports_status_check;
ALTER TABLE agent_reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agent_reports ADD CONSTRAINT agent_reports_status_check CHECK (status IN ('submitted', 'approved', 'returned', 'superseded'));
ALTER TABLE agent_reports ADD CONSTRAINT agent_reports_agent_month_version_key UNIQUE (agent_id, month, version);

-- Photos and attendance lists attached to a report version.
CREATE TABLE agent_report_evidence (
	report_id BIGINT NOT NULL REFERENCES agent_reports(id) ON DELETE CASCADE,
	evidence_id BIGINT NOT NULL REFERENCES evidence_files(id),
	PRIMARY KEY (report_id, evidence_id)
);
