-- The mail of the other events (issue 15, part 3): Leader Alignment Session
-- invitations with a calendar, their changes and reminders, pledge receipts,
-- the leaders' weekly digest, change-agent reports returned and due.

-- The new kinds, and a calendar part (an iCalendar object sent as
-- text/calendar beside the text and HTML).
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind IN ('invitation', 'reminder', 'test', 'session', 'session_cancel',
	'session_reminder', 'pledge_receipt', 'digest', 'agent_returned', 'agent_due'));
ALTER TABLE mail_outbox ADD COLUMN body_calendar TEXT NOT NULL DEFAULT '';

-- A message sent once per key (a session's reminder to one invitee, one
-- leader's digest of one week, one agent's due report of one month): the key
-- is recorded in the transaction that queues the message, so several servers
-- running the schedule queue it once.
CREATE TABLE mail_once (
	once_key TEXT PRIMARY KEY,
	created_at TIMESTAMPTZ NOT NULL
);

-- A session's calendar object: SEQUENCE rises with every change sent to the
-- invitees; a cancelled session keeps its row and its pledges.
ALTER TABLE alignment_sessions ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alignment_sessions ADD COLUMN cancelled_at TIMESTAMPTZ;

-- A person may turn off the weekly digest (never the invitations to tasks).
ALTER TABLE app_users ADD COLUMN digest_off BOOLEAN NOT NULL DEFAULT FALSE;
