// Package demo fills a database with a realistic instansi so that a newcomer
// sees every capability of budaya populated. It is deterministic for a seed.
package demo

import (
	"context"
	"fmt"
	"io"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Password is the password of every demo account.
const Password = "Demo-BerAKHLAK-2021"

// Options tune Seed.
type Options struct {
	Progress io.Writer // where progress lines go; nil for none
}

// Seed adds the demo data unless it is there already (the admin account exists).
func Seed(ctx context.Context, db *store.DB, opt Options) error {
	if _, err := db.FindUserByUsername(ctx, "admin"); err == nil {
		progress(opt, "demo data already present")
		return nil
	} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
		return err
	}
	actor := budaya.SystemActor("demo")
	accounts := []struct {
		username, name string
		role           budaya.Role
	}{
		{"admin", "Admin Biro Organisasi", budaya.RoleAdmin},
		{"auditor", "Auditor Inspektorat", budaya.RoleAuditor},
	}
	for _, a := range accounts {
		if _, err := db.CreateUser(ctx, actor, store.UserInput{Username: a.username, DisplayName: a.name, Password: Password,
			Roles: []budaya.RoleGrant{{Role: a.role}}}); err != nil {
			return fmt.Errorf("demo user %s: %w", a.username, err)
		}
	}
	if err := db.SetSetting(ctx, actor, store.SettingInstansiName, "Kementerian Contoh Republik Indonesia"); err != nil {
		return err
	}
	progress(opt, "demo accounts ready")
	return nil
}

func progress(opt Options, msg string) {
	if opt.Progress != nil {
		fmt.Fprintln(opt.Progress, msg)
	}
}
