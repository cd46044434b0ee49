package budaya

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kiosk rules (docs/activation.md): a kiosk session ends after KioskIdleTimeout
// without a request, and its page signs out by itself a little earlier.
const (
	KioskIdleTimeout = 5 * time.Minute
	// KioskCodeLength is the number of characters of a slip's code: 8 of an
	// alphabet of 31 is about 39.6 bits. With MaxFailedLogins tries per
	// LockoutWindow+LockoutDuration under a NIP, an attacker gets fewer than
	// 300 tries a day at one code that lives PasswordLinkLifetime.
	KioskCodeLength = 8
	// kioskCodeIterations makes a stolen code hash cost about 2^40 x 4096
	// SHA-256 blocks to reverse: days of a GPU per code, longer than the
	// code lives. Higher would make a batch of 10,000 slips slow to print.
	kioskCodeIterations = 4096
)

// kioskAlphabet has no characters that are easily confused when read from
// paper or typed on a phone: no 0/O, 1/I/L.
const kioskAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewKioskCode returns a fresh random code of KioskCodeLength characters,
// written in two groups of four ("K7QM-3TXA").
func NewKioskCode() (string, error) {
	b := make([]byte, KioskCodeLength)
	var out strings.Builder
	for i := 0; i < KioskCodeLength; {
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("kiosk code: %w", err)
		}
		for _, c := range b {
			// 248 = 8 x 31: refusing bytes above it keeps every character equally likely.
			if c >= 248 || i == KioskCodeLength {
				continue
			}
			if i == KioskCodeLength/2 {
				out.WriteByte('-')
			}
			out.WriteByte(kioskAlphabet[int(c)%len(kioskAlphabet)])
			i++
		}
	}
	return out.String(), nil
}

// NormalizeKioskCode is what a person typed, as it is compared: upper case,
// without spaces or dashes.
func NormalizeKioskCode(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		if c == ' ' || c == '-' || c == '\t' {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// HashKioskCode returns the stored form of code: a random salt and the
// PBKDF2-SHA256 of the normalised code, "pbkdf2-sha256$iter$salt$key".
func HashKioskCode(code string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("kiosk code salt: %w", err)
	}
	key, err := pbkdf2.Key(sha256.New, NormalizeKioskCode(code), salt, kioskCodeIterations, 32)
	if err != nil {
		return "", fmt.Errorf("kiosk code hash: %w", err)
	}
	b64 := base64.RawStdEncoding
	return "pbkdf2-sha256$" + strconv.Itoa(kioskCodeIterations) + "$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key), nil
}

// CheckKioskCode reports whether code matches hash (from HashKioskCode). An
// empty or malformed hash matches nothing.
func CheckKioskCode(hash, code string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1 || iter > 1<<20 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[2])
	want, err2 := b64.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, NormalizeKioskCode(code), salt, iter, len(want))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyKioskHash is checked when there is no code to check, so that every
// answer of the kiosk takes as long as a real check.
var dummyKioskHash, _ = HashKioskCode("DUMMYCODE")

// CheckNoKioskCode spends the time of one check; it always fails.
func CheckNoKioskCode(code string) bool {
	CheckKioskCode(dummyKioskHash, code)
	return false
}
