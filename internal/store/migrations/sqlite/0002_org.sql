-- Listing a page of employees of a unit (or a subtree of units) ordered by name.
CREATE INDEX employees_unit_active_name ON employees(unit_id, active, name, id);
CREATE INDEX employees_active_name ON employees(active, name, id);
CREATE INDEX user_roles_unit ON user_roles(unit_id, role);

-- One-time links through which a user sets the first password.
CREATE TABLE password_links (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_by INTEGER REFERENCES app_users(id) ON DELETE SET NULL,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	used_at TIMESTAMP
);
CREATE INDEX password_links_user ON password_links(user_id);
