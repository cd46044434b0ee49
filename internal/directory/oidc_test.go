package directory_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/directory/directorytest"
)

const redirect = "http://127.0.0.1:1/auth/oidc/callback" // never called: the test reads the code from the redirect

func startOP(t *testing.T) *directorytest.OP {
	op := directorytest.NewOP(t)
	op.Start(t, redirect, []directorytest.OPUser{{Username: "198001012005012001", Email: "siti@instansi.go.id", Password: "Sandi-Siti-1"}})
	return op
}

func newClient(t *testing.T, op *directorytest.OP, mod func(*directory.OIDCConfig)) *directory.OIDC {
	cfg := directory.OIDCConfig{Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret, RedirectURL: redirect, Claim: "preferred_username"}
	if mod != nil {
		mod(&cfg)
	}
	o, err := directory.NewOIDC(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// signIn runs the flow up to the code: it returns the code and the state the provider sent back.
func signIn(t *testing.T, op *directorytest.OP, o *directory.OIDC, state, nonce, verifier string) (code, gotState string) {
	t.Helper()
	authURL, err := o.AuthCodeURL(context.Background(), state, nonce, verifier)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(authURL); u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("nonce") != nonce {
		t.Fatalf("auth URL %s: want PKCE S256 and the nonce", authURL)
	}
	back := op.SignIn(t, authURL, "198001012005012001", "Sandi-Siti-1")
	u, err := url.Parse(back)
	if err != nil || !strings.HasPrefix(back, redirect) {
		t.Fatalf("provider sent the browser to %q, want budaya's callback", back)
	}
	return u.Query().Get("code"), u.Query().Get("state")
}

func TestOIDCIdentify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	op := startOP(t)
	for _, claim := range []struct{ name, want string }{{"preferred_username", "198001012005012001"}, {"email", "siti@instansi.go.id"}} {
		o := newClient(t, op, func(c *directory.OIDCConfig) { c.Claim = claim.name })
		verifier := oauth2.GenerateVerifier()
		code, state := signIn(t, op, o, "state-1", "nonce-1", verifier)
		if state != "state-1" {
			t.Errorf("state came back as %q", state)
		}
		id, err := o.Identify(ctx, code, verifier, "nonce-1")
		if err != nil || id.Value != claim.want || id.Subject == "" {
			t.Fatalf("claim %s: got %+v, %v; want %s", claim.name, id, err, claim.want)
		}
		// The same code again: the provider refuses it.
		if _, err := o.Identify(ctx, code, verifier, "nonce-1"); !errors.Is(err, directory.ErrRefused) {
			t.Errorf("replayed code: got %v, want ErrRefused", err)
		}
	}
}

func TestOIDCRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	op := startOP(t)
	o := newClient(t, op, nil)

	verifier := oauth2.GenerateVerifier()
	code, _ := signIn(t, op, o, "s", "nonce-right", verifier)
	if _, err := o.Identify(ctx, code, verifier, "nonce-other"); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("nonce mismatch: got %v, want ErrRefused", err)
	}

	code, _ = signIn(t, op, o, "s", "n", verifier)
	if _, err := o.Identify(ctx, code, oauth2.GenerateVerifier(), "n"); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("wrong PKCE verifier: got %v, want ErrRefused", err)
	}

	// A code used after the provider's lifetime for codes: refused, and not
	// usable afterwards either.
	code, _ = signIn(t, op, o, "s", "n", verifier)
	op.Age(directorytest.CodeLifetime + time.Second)
	if _, err := o.Identify(ctx, code, verifier, "n"); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("expired code: got %v, want ErrRefused", err)
	}
	// A fresh code at the new time still works: the refusal above was the code's age.
	code, _ = signIn(t, op, o, "s", "n", verifier)
	if _, err := o.Identify(ctx, code, verifier, "n"); err != nil {
		t.Errorf("fresh code after the clock moved: %v", err)
	}
	// Replayed: the code that just worked, once more.
	if _, err := o.Identify(ctx, code, verifier, "n"); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("replayed code: got %v, want ErrRefused", err)
	}

	if _, err := o.Identify(ctx, "made-up-code", verifier, "n"); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("made-up code: got %v, want ErrRefused", err)
	}

	// A valid ID token the provider issued to another application: wrong audience.
	other := newClient(t, op, func(c *directory.OIDCConfig) { c.ClientID = directorytest.OtherClientID })
	code, _ = signIn(t, op, other, "s", "n", verifier)
	conf := oauth2.Config{ClientID: directorytest.OtherClientID, ClientSecret: op.ClientSecret, RedirectURL: redirect,
		Endpoint: oauth2.Endpoint{TokenURL: op.Issuer + "/oauth/token", AuthStyle: oauth2.AuthStyleInHeader}}
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.IdentifyToken(ctx, tok, "n"); err != nil {
		t.Fatalf("the other application's own token: %v", err)
	}
	if _, err := o.IdentifyToken(ctx, tok, "n"); !errors.Is(err, directory.ErrRefused) || !strings.Contains(err.Error(), "audience") {
		t.Errorf("wrong audience: got %v, want ErrRefused for the audience", err)
	}

	// An issuer that is not the provider's: discovery refuses it.
	wrongIssuer := newClient(t, op, func(c *directory.OIDCConfig) { c.Issuer = strings.Replace(op.Issuer, "127.0.0.1", "localhost", 1) })
	if _, err := wrongIssuer.AuthCodeURL(ctx, "s", "n", verifier); !errors.Is(err, directory.ErrRefused) {
		t.Errorf("wrong issuer: got %v, want ErrRefused", err)
	}

	// The provider down.
	down := directorytest.NewOP(t)
	down.Stop()
	if _, err := newClient(t, down, nil).AuthCodeURL(ctx, "s", "n", verifier); !errors.Is(err, directory.ErrUnavailable) {
		t.Errorf("provider down: got %v, want ErrUnavailable", err)
	}
}
