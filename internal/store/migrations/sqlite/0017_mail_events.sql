-- The mail of the other events (issue 15, part 3): Leader Alignment Session
-- invitations with a calendar, their changes and reminders, pledge receipts,
-- the leaders' weekly digest, change-agent reports returned and due.

-- mail_outbox again, with the new kinds and a calendar part (an iCalendar
-- object sent as text/calendar beside the text and HTML). SQLite cannot change
-- a CHECK constraint, so the table is rebuilt; nothing refers to it.
CREATE TABLE mail_outbox_new (
	id INTEGER PRIMARY KEY,
	round_id INTEGER REFERENCES mail_rounds(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'test', 'session', 'session_cancel', 'session_reminder',
		'pledge_receipt', 'digest', 'agent_returned', 'agent_due')),
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
	sent_at TIMESTAMP,
	-- last, where PostgreSQL's ADD COLUMN puts it: both engines keep one column
	-- order, which backups between them rely on
	body_calendar TEXT NOT NULL DEFAULT ''
);
INSERT INTO mail_outbox_new (id, round_id, kind, private, to_addr, to_name, subject, body_text, body_html, status, attempts, next_attempt_at,
	locked_by, locked_until, last_answer, created_at, sent_at)
	SELECT id, round_id, kind, private, to_addr, to_name, subject, body_text, body_html, status, attempts, next_attempt_at,
	locked_by, locked_until, last_answer, created_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);

-- A message sent once per key (a session's reminder to one invitee, one
-- leader's digest of one week, one agent's due report of one month): the key
-- is recorded in the transaction that queues the message, so several servers
-- running the schedule queue it once.
CREATE TABLE mail_once (
	once_key TEXT PRIMARY KEY,
	created_at TIMESTAMP NOT NULL
);

-- A session's calendar object: SEQUENCE rises with every change sent to the
-- invitees; a cancelled session keeps its row and its pledges.
ALTER TABLE alignment_sessions ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alignment_sessions ADD COLUMN cancelled_at TIMESTAMP;

-- A person may turn off the weekly digest (never the invitations to tasks).
ALTER TABLE app_users ADD COLUMN digest_off INTEGER NOT NULL DEFAULT 0;
