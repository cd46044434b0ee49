package budaya

import "time"

// Sign-in and session rules (BSSN 4/2021: limit failed logins, session timeouts).
const (
	MaxFailedLogins        = 5                // the next failure inside LockoutWindow locks the account
	LockoutWindow          = 15 * time.Minute // failures older than this are forgotten
	LockoutDuration        = 15 * time.Minute
	SessionIdleTimeout     = 30 * time.Minute
	SessionAbsoluteTimeout = 12 * time.Hour
	PasswordHistoryDepth   = 5 // a new password may not repeat any of the last five
)

// Session is a signed-in browser.
type Session struct {
	ID         int64
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// APIToken is a personal token for the JSON API; only its hash is stored.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}
