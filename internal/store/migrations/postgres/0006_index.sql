-- Internalisation index (issue 7): mergeable sums per (period, instrument,
-- unit, scope, code), materialised by RefreshIndex, so that dashboards read a
-- few hundred rows and never the raw answers. unit_id 0 is the whole instansi.
-- scope: 'own' (the unit's own staff) or 'tree' (the unit and all below it).

CREATE TABLE index_refreshes (
	period_id INTEGER PRIMARY KEY REFERENCES measurement_periods(id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	k INTEGER NOT NULL,
	responses INTEGER NOT NULL,
	computed_at TIMESTAMP NOT NULL,
	computed_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE index_groups (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	scope TEXT NOT NULL CHECK (scope IN ('own', 'tree')),
	respondents INTEGER NOT NULL,
	suppressed BOOLEAN NOT NULL,
	tasks_total INTEGER NOT NULL DEFAULT 0,
	tasks_done INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (period_id, instrument, unit_id, scope)
);

CREATE TABLE index_aggregates (
	period_id INTEGER NOT NULL REFERENCES measurement_periods(id) ON DELETE CASCADE,
	instrument TEXT NOT NULL CHECK (instrument IN ('survey', '360')),
	unit_id INTEGER NOT NULL,
	scope TEXT NOT NULL CHECK (scope IN ('own', 'tree')),
	code TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('behaviour', 'value', 'overall')),
	n INTEGER NOT NULL,
	sum_p DOUBLE PRECISION NOT NULL,
	sumsq_p DOUBLE PRECISION NOT NULL,
	alpha_n INTEGER NOT NULL DEFAULT 0,
	alpha_b1 DOUBLE PRECISION NOT NULL DEFAULT 0,
	alpha_b2 DOUBLE PRECISION NOT NULL DEFAULT 0,
	alpha_b3 DOUBLE PRECISION NOT NULL DEFAULT 0,
	alpha_bb DOUBLE PRECISION NOT NULL DEFAULT 0,
	alpha_t DOUBLE PRECISION NOT NULL DEFAULT 0,
	alpha_tt DOUBLE PRECISION NOT NULL DEFAULT 0,
	PRIMARY KEY (period_id, instrument, unit_id, scope, code)
);
