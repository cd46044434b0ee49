-- Mail: a durable outbox written in the same transaction as the event that
-- sends it, drained by one sender at a time across servers (a lease, as jobs).
CREATE TABLE mail_rounds (
	id INTEGER PRIMARY KEY,
	period_id INTEGER REFERENCES measurement_periods(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'test')),
	round_key TEXT NOT NULL,
	recipients INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER REFERENCES app_users(id),
	created_at TIMESTAMP NOT NULL,
	UNIQUE (period_id, round_key)
);

CREATE TABLE mail_outbox (
	id INTEGER PRIMARY KEY,
	round_id INTEGER REFERENCES mail_rounds(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'test')),
	-- A reminder's recipient is not shown to anyone (it would tell who has not
	-- answered yet); its address and text are cleared once it is sent.
	private INTEGER NOT NULL DEFAULT 0,
	to_addr TEXT NOT NULL,
	to_name TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL,
	body_text TEXT NOT NULL,
	body_html TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TIMESTAMP NOT NULL,
	locked_by TEXT,
	locked_until TIMESTAMP,
	last_answer TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	sent_at TIMESTAMP
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);

-- Reminder schedule of a period: days before the due date, e.g. "7,3,1".
CREATE TABLE period_reminders (
	period_id INTEGER PRIMARY KEY REFERENCES measurement_periods(id) ON DELETE CASCADE,
	days TEXT NOT NULL
);

-- The language a person reads budaya in, for the mail sent to them.
ALTER TABLE app_users ADD COLUMN language TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en'));
