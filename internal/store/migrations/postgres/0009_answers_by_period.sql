-- The same key as SQLite's (period, response, behaviour): one period's answers
-- are one range of the key, already grouped by submission.
ALTER TABLE measurement_answers DROP CONSTRAINT measurement_answers_pkey;
ALTER TABLE measurement_answers ADD PRIMARY KEY (period_id, response_id, behaviour_code);
