-- Publishing in under a second (issue 18.2; docs/index.md, "How the figures
-- are computed").
--
-- A published group's figures are one row: its exact sums as text
-- (index.Sums.Encode: whole numbers in layout order), instead of 29 rows of
-- sums of points per group in index_aggregates. Publishing writes some 2,500
-- rows for 1,000 units instead of 70,000, and a dashboard reads one row per
-- unit. The sums are the exact integers the kept sums and the check compare,
-- so a reader can recompute every figure from them.
CREATE TABLE index_figures (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	scope TEXT NOT NULL CHECK (scope IN ('own', 'tree')),
	sums TEXT NOT NULL,
	PRIMARY KEY (period_id, instrument, unit_id, scope)
);

-- What a period's figures need that grows with its staff, kept once by the
-- close (store.keepIndexUnits, in the close transaction, after the release)
-- instead of read again at every publication: per instrument and unit the
-- tasks and the completed ones; for the 360 the number of distinct people
-- behind the unit's own figure and behind its subtree's (index.RaterCounts:
-- one person rates several colleagues, so n counts people), and the exact
-- sums of the unit's attributed atasan answers (index.Sums.Encode, '' when
-- none). Unit 0 is the whole instansi (subtree only). Counts and sums only:
-- no person.
CREATE TABLE index_units (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	tasks_total BIGINT NOT NULL DEFAULT 0,
	tasks_done BIGINT NOT NULL DEFAULT 0,
	people_own BIGINT NOT NULL DEFAULT 0,
	people_tree BIGINT NOT NULL DEFAULT 0,
	atasan TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period_id, instrument, unit_id)
);

-- The figures published before this migration were in index_aggregates, as
-- sums of points that cannot be turned back into exact sums. They are
-- published again from the kept sums: each period that had figures gets a
-- recomputation job (the one a close queues), and shows "not computed yet"
-- until it has run. index_units is kept by the first publication of a
-- period closed before this migration.
INSERT INTO jobs (kind, payload, status, created_at)
	SELECT 'index.refresh', '{"period_id":' || CAST(period_id AS TEXT) || '}', 'queued', CURRENT_TIMESTAMP
	FROM index_refreshes ORDER BY period_id;
DELETE FROM index_groups;
DELETE FROM index_refreshes;
DROP TABLE index_aggregates;
