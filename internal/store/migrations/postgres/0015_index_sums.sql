-- Exact sums of the released answers (issue 18; docs/index.md, "How the
-- figures are computed"). Closing a period releases the sealed anonymous
-- answers in buckets of at least K (0010_ballots.sql) and, in the same pass
-- and transaction, adds each released bucket's sums to the row of the unit
-- the bucket is stored under. Publishing the index rolls these rows up the
-- snapshot tree instead of reading every answer again. A row is the sum of
-- whole released buckets: nothing finer. Scores are whole numbers: a
-- behaviour x = s - 1, a value 6 x the mean x of its behaviours, the overall
-- 2520 x the mean of the value means (index.Sums), so sums added in any
-- order are exactly equal, and a full recomputation from the answers checks
-- them exactly.
CREATE TABLE index_sums (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	code TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('behaviour', 'value', 'overall')),
	n BIGINT NOT NULL,
	total BIGINT NOT NULL,
	total_sq BIGINT NOT NULL,
	alpha_n BIGINT NOT NULL DEFAULT 0,
	alpha_x1 BIGINT NOT NULL DEFAULT 0,
	alpha_x2 BIGINT NOT NULL DEFAULT 0,
	alpha_x3 BIGINT NOT NULL DEFAULT 0,
	alpha_xx BIGINT NOT NULL DEFAULT 0,
	alpha_t BIGINT NOT NULL DEFAULT 0,
	alpha_tt BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (period_id, instrument, unit_id, code)
);

-- The attributed atasan answers of the 360 (stored with their rater at
-- submission, 0005) are in a unit's 360 figure too. Each atasan submission
-- also writes one row here, its scores as digits in the layout order of the
-- period's framework (0: not answered), so that publishing folds one row per
-- submission instead of 21 answer rows. Attributed by design, like the
-- answers it repeats; never a survey, peer or bawahan answer.
CREATE TABLE index_atasan_responses (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	response_id TEXT NOT NULL,
	unit_id INTEGER NOT NULL,
	scores TEXT NOT NULL,
	PRIMARY KEY (period_id, response_id)
);

-- Periods opened before this migration have released answers but no sums:
-- their sums are rebuilt from the answers (store.RebuildIndexSums) the next
-- time their index is published, and the period leaves this list.
CREATE TABLE index_sums_rebuild (
	period_id INTEGER NOT NULL PRIMARY KEY REFERENCES measurement_periods(id) ON DELETE CASCADE
);
INSERT INTO index_sums_rebuild (period_id) SELECT id FROM measurement_periods WHERE status <> 'draft';
