-- Fast under load (issue 18.1).
--
-- figures_version changes whenever what a period's published figures may
-- show can change: on every close and reopen (store.setPeriodStatus) and on
-- every recomputation of its index (store.RefreshIndex). Servers cache the
-- figures of closed periods keyed on it, so that several servers behind a
-- load balancer never serve figures of an earlier close: the key is read
-- from the database with every request, not invalidated in one process.
ALTER TABLE measurement_periods ADD COLUMN figures_version INTEGER NOT NULL DEFAULT 0;

-- Data saya (GET /me/data) reads every table by the person: without these
-- each view scanned the answers, nominations and ratings of everyone.
CREATE INDEX measurement_answers_rater ON measurement_answers(rater_employee_id, rater_group);
CREATE INDEX measurement_answers_ratee_group ON measurement_answers(ratee_employee_id, rater_group);
CREATE INDEX perilaku_ratings_evaluator ON perilaku_ratings(evaluator_employee_id);
CREATE INDEX nominations_nominee_any ON nominations(nominee_employee_id);
CREATE INDEX nominations_nominator ON nominations(nominator_employee_id);
CREATE INDEX nomination_scores_user ON nomination_scores(user_id);
CREATE INDEX pledges_signer ON pledges(signer_employee_id);
CREATE INDEX evidence_files_uploader ON evidence_files(uploaded_by);
CREATE INDEX processing_restrictions_employee ON processing_restrictions(employee_id);
CREATE INDEX units_leader ON units(leader_employee_id);
CREATE INDEX change_agents_employee ON change_agents(employee_id);
CREATE INDEX agent_reports_decided_by ON agent_reports(decided_by);

-- The recognition wall pages by (created_at, id) from a cursor instead of
-- counting every visible recognition (store.RecognitionWall).
CREATE INDEX recognitions_wall ON recognitions(created_at, id);
