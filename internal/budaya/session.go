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
	// Kiosk marks a session opened with a slip's code on a shared device: it
	// reaches only the person's tasks and ends after KioskIdleTimeout.
	Kiosk bool
}

// IdleTimeout is how long the session lives without a request.
func (s *Session) IdleTimeout() time.Duration {
	if s.Kiosk {
		return KioskIdleTimeout
	}
	return SessionIdleTimeout
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

// LoginFailures counts the failed sign-ins under one name: an account's, or a
// name without an account, which is counted the same way so that sign-in
// answers do not tell which names exist.
type LoginFailures struct {
	Count       int       // failures since FirstAt
	FirstAt     time.Time // first failure inside the window; zero: none
	LockedUntil time.Time // zero: not locked
}

// Locked reports whether sign-in under the name is refused at now, even with
// the right password.
func (f LoginFailures) Locked(now time.Time) bool { return now.Before(f.LockedUntil) }

// Fail returns the count after one more failure at now. Failures older than
// LockoutWindow are forgotten; the (MaxFailedLogins+1)th failure inside it
// locks the name for LockoutDuration and starts the count afresh.
func (f LoginFailures) Fail(now time.Time) LoginFailures {
	if f.FirstAt.IsZero() || now.Sub(f.FirstAt) > LockoutWindow {
		f.Count, f.FirstAt = 0, now
	}
	f.Count++
	f.LockedUntil = time.Time{}
	if f.Count > MaxFailedLogins {
		return LoginFailures{LockedUntil: now.Add(LockoutDuration)}
	}
	return f
}
