package budaya

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters as OWASP recommends for interactive logins (19 MiB, t=2, p=1).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// PasswordCost is the work of one argon2id hash: memory in KiB, passes and lanes.
type PasswordCost struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultPasswordCost is the cost of every password hash a running budaya
// stores: argon2id as OWASP recommends for interactive logins.
func DefaultPasswordCost() PasswordCost {
	return PasswordCost{Memory: argonMemory, Time: argonTime, Threads: argonThreads}
}

// HashPassword returns an argon2id hash of password in the PHC string format,
// at DefaultPasswordCost.
func HashPassword(password string) (string, error) {
	return HashPasswordCost(password, PasswordCost{})
}

// HashPasswordCost is HashPassword at cost c; the zero cost is
// DefaultPasswordCost. A lower cost is refused outside a test binary
// (testing.Testing), so no flag, setting or environment variable can weaken
// the hashes of a running budaya. Tests lower it (storetest) because one hash
// at the default cost takes 50-300 ms under -race, and the suite makes
// thousands of accounts; CheckPassword reads the cost from the hash.
func HashPasswordCost(password string, c PasswordCost) (string, error) {
	def := DefaultPasswordCost()
	if c == (PasswordCost{}) {
		c = def
	}
	if (c.Memory < def.Memory || c.Time < def.Time || c.Threads < def.Threads) && !testing.Testing() {
		return "", fmt.Errorf("password hash: cost %+v is below the default %+v, which only tests may do", c, def)
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.Memory, c.Time, c.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC-encoded hash.
func CheckPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("password hash: not an argon2id PHC string")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("password hash: unsupported version %q", parts[2])
	}
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false, fmt.Errorf("password hash parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("password hash salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("password hash key: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// ErrHashBusy is the answer to a sign-in or password change that waited its
// turn to hash for longer than the hasher allows.
func ErrHashBusy() *Error {
	return Errorf(EBUSY, MsgServerBusyManyPeople)
}

// PasswordHasher bounds how many argon2id computations run at once. Each
// takes 19 MiB and a core for tens of milliseconds (the strength the BSSN
// policy asks for): a morning sign-in storm left unbounded takes every core
// and starves the requests of people already signed in. A computation waits
// for a free slot, at most Wait; then the caller gets ErrHashBusy, a clear
// "try again" rather than an error page. The strength of the hash does not
// change.
type PasswordHasher struct {
	slots chan struct{}
	wait  time.Duration
}

// DefaultHashSlots is the bound for a machine: half its cores, at least one,
// so that sign-ins never take every core.
func DefaultHashSlots() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// DefaultHashWait is how long a sign-in waits for a slot before it is told
// to try again.
const DefaultHashWait = 10 * time.Second

// NewPasswordHasher returns a hasher that runs at most slots computations at
// once (below 1: DefaultHashSlots) and lets each wait at most wait (0:
// DefaultHashWait).
func NewPasswordHasher(slots int, wait time.Duration) *PasswordHasher {
	if slots < 1 {
		slots = DefaultHashSlots()
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &PasswordHasher{slots: make(chan struct{}, slots), wait: wait}
}

// Slots is the number of computations that may run at once.
func (h *PasswordHasher) Slots() int { return cap(h.slots) }

// Reserve takes a slot, waiting at most the hasher's wait (or until ctx
// ends), and returns the function that gives it back. Hash and Check hold
// one around each computation.
func (h *PasswordHasher) Reserve(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	default:
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-t.C:
		return nil, ErrHashBusy()
	case <-ctx.Done():
		return nil, ErrHashBusy()
	}
}

// Hash is HashPassword in a slot.
func (h *PasswordHasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.Reserve(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return HashPassword(password)
}

// Check is CheckPassword in a slot.
func (h *PasswordHasher) Check(ctx context.Context, hash, password string) (bool, error) {
	release, err := h.Reserve(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	return CheckPassword(hash, password)
}
