// Package hub is the national roll-up (issue 17): an instansi makes a signed
// package of the index figures it already publishes after suppression, and a
// hub verifies and compares the packages of many instansi. The package holds
// figures only, never answers, and nothing about any person.
//
// This file holds the package format, its canonical form, signing and
// verification, and the consistency check a hub applies; all pure functions
// without a database (docs/hub.md).
package hub

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// Format names the package format and version; it is also the prefix of the
// signed message, so that a signature of a package cannot be replayed as a
// signature of anything else.
const Format = "budaya-hub-package/1"

// Group levels of a package.
const (
	LevelInstansi = "instansi"
	LevelEselon1  = budaya.LevelEselon1
	LevelEselon2  = budaya.LevelEselon2
)

// Instansi kinds a hub registers.
var Kinds = []string{"kementerian", "lembaga", "provinsi", "kabupaten", "kota"}

// Package is one instansi's index of one closed period. Its canonical form
// (Canonical) is what is signed; field order below is the order in the JSON.
type Package struct {
	Format    string    `json:"format"`
	Instansi  Instansi  `json:"instansi"`
	Period    Period    `json:"period"`
	Framework Framework `json:"framework"`
	Method    int       `json:"method_version"`
	CreatedAt string    `json:"created_at"` // RFC 3339, UTC
	Groups    []Group   `json:"groups"`     // the instansi first, then eselon I and II units
}

// Instansi names the sender.
type Instansi struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Period is the measurement period the figures belong to.
type Period struct {
	Label  string `json:"label"` // the label hubs compare periods by, e.g. "2026-S1"
	Name   string `json:"name"`  // the period's name at the instansi
	Starts string `json:"starts"`
	Ends   string `json:"ends"`
	K      int    `json:"k"` // minimum group size the instansi applied
}

// Framework is the framework version the period was run with.
type Framework struct {
	Code    string `json:"code"`
	Version int    `json:"version"`
}

// Group is the figures of the instansi or one of its units.
type Group struct {
	Code         string  `json:"code"` // unit code; the instansi code for the instansi
	Name         string  `json:"name"`
	Level        string  `json:"level"`
	N            int64   `json:"n"`
	TasksTotal   int64   `json:"tasks_total"`
	TasksDone    int64   `json:"tasks_done"`
	ResponseRate float64 `json:"response_rate"` // percent, one decimal
	Overall      Figure  `json:"overall"`
	Values       []Value `json:"values"`
}

// Value is a value's figure with its behaviours.
type Value struct {
	Figure
	Behaviours []Figure `json:"behaviours"`
}

// Figure is one published number: score 0..100 (one decimal), n, the 95%
// confidence interval, Cronbach's alpha (values only) and the health band.
type Figure struct {
	Code   string   `json:"code"`
	Score  float64  `json:"score"`
	N      int64    `json:"n"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	Alpha  *float64 `json:"alpha"`
	Band   string   `json:"band"`
}

// Signed is the file an instansi sends: the canonical package bytes, the
// sender's public key and the signature, each base64 (standard, padded).
type Signed struct {
	Package   json.RawMessage `json:"package"`
	PublicKey string          `json:"public_key"`
	Signature string          `json:"signature"`
}

// FromResult turns a computed index result into a package figure set.
func FromResult(r index.Result) (Figure, []Value) {
	fig := func(f index.Figure) Figure {
		out := Figure{Code: f.Code, Score: index.Round1(f.Score), N: f.N, Band: f.Band}
		if f.N == 0 {
			out.Score, out.Band = 0, ""
		}
		if f.HasCI {
			lo, hi := index.Round1(f.CILow), index.Round1(f.CIHigh)
			out.CILow, out.CIHigh = &lo, &hi
		}
		return out
	}
	var values []Value
	for _, v := range r.Values {
		val := Value{Figure: fig(v.Figure)}
		if v.HasAlpha {
			a := math.Round(v.Alpha*100) / 100
			val.Alpha = &a
		}
		for _, b := range v.Behaviours {
			val.Behaviours = append(val.Behaviours, fig(b))
		}
		values = append(values, val)
	}
	return fig(r.Overall), values
}

// Canonical is the canonical form of p: the bytes encoding/json writes for
// the struct (fields in declared order, no white space, numbers in their
// shortest form, strings with <, > and & escaped). A hub re-encodes what it
// receives and refuses a package whose bytes differ.
func Canonical(p *Package) ([]byte, error) {
	return json.Marshal(p)
}

// message is what is signed: the format, a newline, the canonical package.
func message(canonical []byte) []byte {
	return append([]byte(Format+"\n"), canonical...)
}

// Sign makes the signed file of p.
func Sign(p *Package, key ed25519.PrivateKey) ([]byte, error) {
	p.Format = Format
	c, err := Canonical(p)
	if err != nil {
		return nil, fmt.Errorf("canonical package: %w", err)
	}
	s := Signed{
		Package:   c,
		PublicKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey)),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, message(c))),
	}
	out, err := json.Marshal(s) // not indented: the package bytes stay as signed
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func refuse(m budaya.Msg, args ...any) error {
	return budaya.Errorf(budaya.EINVALID, m, args...)
}

// Open parses a signed file and checks its signature against the key it
// names. It returns the package, the public key (base64) and the digest of
// the canonical bytes (hex SHA-256). Whether the key is registered for the
// package's instansi is for the hub to check.
func Open(data []byte) (*Package, string, string, error) {
	var s Signed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil || len(s.Package) == 0 {
		return nil, "", "", refuse(budaya.MsgRefusedFileNotWhole)
	}
	pub, err := base64.StdEncoding.DecodeString(s.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, "", "", refuse(budaya.MsgRefusedSenderPublicKey)
	}
	sig, err := base64.StdEncoding.DecodeString(s.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, "", "", refuse(budaya.MsgRefusedSignatureUnreadableMustBeBytes)
	}
	if !ed25519.Verify(ed25519.PublicKey(pub), message(s.Package), sig) {
		return nil, "", "", refuse(budaya.MsgRefusedSignatureDoesNotMatch)
	}
	var p Package
	dec = json.NewDecoder(bytes.NewReader(s.Package))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, "", "", refuse(budaya.MsgRefusedPackageContentUnreadable, err)
	}
	if p.Format != Format {
		return nil, "", "", refuse(budaya.MsgRefusedFormatUnknownHub, p.Format, Format)
	}
	c, err := Canonical(&p)
	if err != nil || !bytes.Equal(c, s.Package) {
		return nil, "", "", refuse(budaya.MsgRefusedPackageContentNotCanonical)
	}
	sum := sha256.Sum256(s.Package)
	return &p, s.PublicKey, hex.EncodeToString(sum[:]), nil
}

// DefaultKeyFile is where an instansi keeps its signing key: beside the
// ballot key, outside the database and never in a backup.
func DefaultKeyFile(blobDir string) string {
	return filepath.Join(blobDir, "keys", "hub-signing.key")
}

// LoadOrCreateKey reads the Ed25519 seed in path (32 bytes), creating the
// file (mode 0600) with a random seed when it does not exist.
func LoadOrCreateKey(path string) (ed25519.PrivateKey, error) {
	seed, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		seed = make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("key folder: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKey(path) // another process made it first
		}
		if err != nil {
			return nil, fmt.Errorf("create signing key: %w", err)
		}
		if _, err := f.Write(seed); err != nil {
			f.Close()
			return nil, fmt.Errorf("write signing key: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("write signing key: %w", err)
		}
		return ed25519.NewKeyFromSeed(seed), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	if len(seed) != ed25519.SeedSize {
		return nil, budaya.Errorf(budaya.EINTERNAL, budaya.MsgSigningKeyFileDamaged, path)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// PublicKeyString is the base64 form of key's public key, as registered at a hub.
func PublicKeyString(key ed25519.PrivateKey) string {
	return base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
}

// InstansiInput registers an instansi at a hub.
type InstansiInput struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Region    string `json:"region"`
	PublicKey string `json:"public_key"`
}

// Validate checks and tidies in.
func (in *InstansiInput) Validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name, in.Region, in.PublicKey = strings.TrimSpace(in.Name), strings.TrimSpace(in.Region), strings.TrimSpace(in.PublicKey)
	if len(in.Code) < 2 || len(in.Code) > 32 || strings.Trim(in.Code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return budaya.Invalid("code", budaya.MsgInstansiCodeUpperCase)
	}
	if in.Name == "" || len(in.Name) > 200 {
		return budaya.Invalid("name", budaya.MsgFillInstansiNameMostCharacters)
	}
	if !slices.Contains(Kinds, in.Kind) {
		return budaya.Invalid("kind", budaya.MsgInstansiKindMustBeOneKementerian)
	}
	if len(in.Region) > 100 {
		return budaya.Invalid("region", budaya.MsgRegionMostCharacters)
	}
	if k, err := base64.StdEncoding.DecodeString(in.PublicKey); err != nil || len(k) != ed25519.PublicKeySize {
		return budaya.Invalid("public_key", budaya.MsgPublicKeyMustBeEd25519)
	}
	return nil
}
