// Package demo fills a database with a realistic instansi so that a newcomer
// sees every capability of budaya populated. It is deterministic for a seed.
package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/store"
)

// Password is the password of every demo account.
const Password = "Demo-BerAKHLAK-2021"

// The size and seed of the demo instansi when none is given.
const (
	DefaultEmployees = 400
	DefaultSeed      = 2021
)

// Options tune Seed.
type Options struct {
	Employees int       // size of the instansi; 0 means the default of a few hundred
	Seed      uint64    // the same seed gives the same instansi
	Progress  io.Writer // where progress lines go; nil for none
	Now       time.Time // "today" of the demo; zero means time.Now
	// Until stops after the named step (e.g. "organisation"); empty runs all.
	// Tests of one capability use it to skip the steps they do not need.
	Until string
	// BaseURL is the address in the links of the demo's mail; empty: http://127.0.0.1:8080.
	BaseURL string
}

// builder carries what the steps share while they build the demo instansi.
type builder struct {
	db    *store.DB
	opt   Options
	rng   *rand.Rand
	actor budaya.Actor
	now   time.Time
	org   *demoOrg // the organisation, once seedOrg has run
}

// step is one capability's part of the demo data. Each capability adds its
// step in a file of its own and lists it in steps, in dependency order.
type step struct {
	name string
	run  func(ctx context.Context, b *builder) error
}

func steps() []step {
	return []step{
		{"accounts", seedAccounts},
		{"framework", seedFramework},
		{"organisation", seedOrg},
		{"measurement", seedMeasurement},
		{"alignment", seedAlignment},
		{"roadmap", seedRoadmap},
		{"index", seedIndex},
		{"recognition", seedRecognition},
		{"privacy", seedPrivacy},
		{"mail", seedMail},
		{"activation", seedActivation},
	}
}

// Seed adds the demo data unless it is there already (the admin account exists).
func Seed(ctx context.Context, db *store.DB, opt Options) error {
	if _, err := db.FindUserByUsername(ctx, "admin"); err == nil {
		progress(opt, "demo data already present")
		return nil
	} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
		return err
	}
	if opt.Employees <= 0 {
		opt.Employees = DefaultEmployees
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	b := &builder{db: db, opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), actor: budaya.SystemActor("demo"), now: opt.Now}
	if b.now.IsZero() {
		b.now = time.Now()
	}
	// The events from the upcoming session on write their mail to the outbox
	// (seedAlignment sets the composer); the server sets its own afterwards.
	defer db.SetMailer(nil)
	for _, s := range steps() {
		start := time.Now()
		if err := s.run(ctx, b); err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
		progress(opt, fmt.Sprintf("demo %s ready (%s)", s.name, time.Since(start).Round(time.Millisecond)))
		if s.name == opt.Until {
			break
		}
	}
	return nil
}

func seedAccounts(ctx context.Context, b *builder) error {
	accounts := []struct {
		username, name string
		role           budaya.Role
	}{
		{"admin", "Admin Biro Organisasi", budaya.RoleAdmin},
		{"auditor", "Auditor Inspektorat", budaya.RoleAuditor},
	}
	for _, a := range accounts {
		if _, err := b.db.CreateUser(ctx, b.actor, budaya.UserInput{Username: a.username, DisplayName: a.name, Password: Password,
			Roles: []budaya.RoleGrant{{Role: a.role}}}); err != nil {
			return fmt.Errorf("user %s: %w", a.username, err)
		}
	}
	return b.db.SetSetting(ctx, b.actor, store.SettingInstansiName, "Kementerian Contoh Republik Indonesia")
}

func progress(opt Options, msg string) {
	if opt.Progress != nil {
		fmt.Fprintln(opt.Progress, msg)
	}
}

// composer writes the demo's mail.
func (b *builder) composer() mail.Composer {
	return mail.Composer{BaseURL: b.baseURL(), Loc: jakarta(), From: "Budaya Kementerian Contoh <budaya@kemencontoh.go.id>", Now: b.db.Now}
}

// seedMail queues this week's digest to every leader, so that the outbox
// ("Surat keluar") shows one beside the invitations, the session's calendar
// invitations and the returned agent report.
//
// It reads the store's clock, as the server's schedule does: the periods the
// demo closed a moment ago count as new figures, so the schedule of `serve
// --demo` finds this week's digests already queued.
func seedMail(ctx context.Context, b *builder) error {
	now := b.db.Now()
	y, w := now.In(jakarta()).ISOWeek()
	_, _, err := mail.Schedule{DB: b.db, Composer: b.composer()}.Digests(ctx, now, fmt.Sprintf("%d-W%02d", y, w), false)
	return err
}

// baseURL is the address of budaya in the demo's mail.
func (b *builder) baseURL() string {
	if b.opt.BaseURL != "" {
		return b.opt.BaseURL
	}
	return "http://127.0.0.1:8080"
}

// jakarta is the demo instansi's time zone, for the due dates in its mail.
func jakarta() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("WIB", 7*3600)
	}
	return loc
}
