-- Activation at scale (issue 15 part 4, docs/activation.md). A one-time link
-- made in a batch also carries a short code for the kiosk: only its salted,
-- stretched hash is kept (code_hash, PBKDF2-SHA256), and it is spent on its
-- own (code_used_at) so that a person who entered the kiosk once may still
-- set a password through the link. batch_id groups the links of one batch.
ALTER TABLE password_links ADD COLUMN code_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE password_links ADD COLUMN code_used_at TIMESTAMPTZ;
ALTER TABLE password_links ADD COLUMN batch_id TEXT NOT NULL DEFAULT '';
-- A kiosk session: restricted to the person's tasks, with a short idle timeout.
ALTER TABLE sessions ADD COLUMN kiosk BOOLEAN NOT NULL DEFAULT FALSE;
