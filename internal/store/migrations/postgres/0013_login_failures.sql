-- Failed sign-ins under names that have no account, counted and locked out
-- like an account's (app_users.failed_logins, first_failed_at, locked_until),
-- so that the answers to sign-in do not tell which names exist. A row not
-- touched for the lockout window and duration is stale and pruned.
CREATE TABLE login_failures (
	username TEXT PRIMARY KEY,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	first_failed_at TIMESTAMPTZ,
	locked_until TIMESTAMPTZ,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_updated ON login_failures(updated_at);
