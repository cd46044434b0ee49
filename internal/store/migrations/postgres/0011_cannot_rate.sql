-- A peer may answer a behaviour "tidak dapat menilai" (score 0). The choice is
-- kept in the draft so that it survives a resume; a submission leaves it out
-- of measurement_answers, whose scores stay 1..5.
ALTER TABLE measurement_drafts DROP CONSTRAINT measurement_drafts_score_check;
ALTER TABLE measurement_drafts ADD CONSTRAINT measurement_drafts_score_check CHECK (score BETWEEN 0 AND 5);
