package budaya

import "time"

// AuditEntry is one appended line of the audit log: who changed what, when, from where.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64 // 0 for the system or an anonymous caller
	ActorName  string
	Action     string // e.g. "create", "update", "delete", "login", "publish"
	Entity     string // e.g. "user", "framework", "unit"
	EntityID   string
	OldValue   string // JSON, empty when none
	NewValue   string // JSON, empty when none
	RemoteAddr string
}

// Actor is who performs a change, carried from the request into the store so
// that every change writes its audit entry in the same transaction.
type Actor struct {
	UserID     int64
	Name       string
	RemoteAddr string
}

// SystemActor is the actor for changes made by budaya itself (migrations, seeding, CLI).
func SystemActor(name string) Actor { return Actor{Name: name} }

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity  string
	Action  string
	ActorID int64
	Query   string // matches actor name or entity id
	From    time.Time
	To      time.Time
	Page    int // 1-based
	PerPage int
}
