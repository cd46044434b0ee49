package directory_test

import (
	"context"
	"errors"
	"testing"

	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/directory/directorytest"
)

func TestLDAPAuthenticate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := directorytest.StartSlapd(t, []directorytest.Person{
		{UID: "siti", NIP: "198001012005012001", Password: "Sandi-Siti-1"},
		{UID: "budi", NIP: "198502022010011002", Password: "Sandi-Budi-2"},
	})
	base := directory.LDAPConfig{URL: srv.URL, StartTLS: true, TLSConfig: srv.TLSConfig, BindDN: srv.BindDN, BindPassword: srv.BindPassword,
		BaseDN: directorytest.BaseDN, Filter: "(uid={username})", NIPAttr: "employeeNumber"}
	l, err := directory.NewLDAP(base)
	if err != nil {
		t.Fatal(err)
	}
	id, err := l.Authenticate(ctx, "siti", "Sandi-Siti-1")
	if err != nil || id.Value != "198001012005012001" {
		t.Fatalf("siti over STARTTLS: got %+v, %v; want her NIP", id, err)
	}
	// By NIP, with the filter on employeeNumber.
	byNIP := base
	byNIP.Filter = "(employeeNumber={nip})"
	ln, err := directory.NewLDAP(byNIP)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := ln.Authenticate(ctx, "198502022010011002", "Sandi-Budi-2"); err != nil || id.Value != "198502022010011002" {
		t.Errorf("budi by NIP: got %+v, %v", id, err)
	}
	for _, tc := range []struct{ name, user, pass string }{
		{"wrong password", "siti", "salah"},
		{"unknown user", "nobody", "Sandi-Siti-1"},
		{"empty password (would be an anonymous bind)", "siti", ""},
		{"filter injection", "*", "Sandi-Siti-1"},
		{"filter injection 2", "siti)(uid=*", "Sandi-Siti-1"},
	} {
		if _, err := l.Authenticate(ctx, tc.user, tc.pass); !errors.Is(err, directory.ErrBadCredentials) {
			t.Errorf("%s: got %v, want ErrBadCredentials", tc.name, err)
		}
	}
	// A wrong service account is a setting to fix: reported as unavailable, not as the person's fault.
	badBind := base
	badBind.BindPassword = "salah"
	lb, _ := directory.NewLDAP(badBind)
	if _, err := lb.Authenticate(ctx, "siti", "Sandi-Siti-1"); !errors.Is(err, directory.ErrUnavailable) {
		t.Errorf("bad service account: got %v, want ErrUnavailable", err)
	}
	// The directory down.
	srv.Stop()
	if _, err := l.Authenticate(ctx, "siti", "Sandi-Siti-1"); !errors.Is(err, directory.ErrUnavailable) {
		t.Errorf("directory down: got %v, want ErrUnavailable", err)
	}
}

func TestNewLDAPRefusesBadSettings(t *testing.T) {
	for _, cfg := range []directory.LDAPConfig{
		{URL: "http://dc", BaseDN: "dc=x", Filter: "(uid={username})", NIPAttr: "employeeNumber"},
		{URL: "ldaps://dc", BaseDN: "dc=x", Filter: "(uid=siti)", NIPAttr: "employeeNumber"},
		{URL: "ldaps://dc", Filter: "(uid={username})", NIPAttr: "employeeNumber"},
	} {
		if _, err := directory.NewLDAP(cfg); err == nil {
			t.Errorf("NewLDAP(%+v): want an error", cfg)
		}
	}
}
