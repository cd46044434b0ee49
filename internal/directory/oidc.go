// Package directory checks who a person is against the instansi's own
// directory: an OpenID Connect provider (single sign-on, often Keycloak) or
// an LDAP / Active Directory server. It answers with the identifier that
// budaya matches to an employee (the NIP, or an e-mail address); it knows
// nothing of budaya's accounts.
package directory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Claims that may hold the identifier of an OIDC sign-in (--oidc-claim).
var OIDCClaims = []string{"nip", "email", "preferred_username"}

// OIDCConfig is the client registration of budaya at the provider.
type OIDCConfig struct {
	Issuer       string // e.g. https://sso.instansi.go.id/realms/pegawai
	ClientID     string
	ClientSecret string
	RedirectURL  string // https://budaya.instansi.go.id/auth/oidc/callback
	Claim        string // nip (default), email or preferred_username
}

// ErrUnavailable wraps a failure to reach the directory: the person is not
// refused, the sign-in just cannot be checked now.
var ErrUnavailable = errors.New("directory unavailable")

// ErrRefused wraps an answer that proves nothing about the person: a token
// that does not verify, a state or nonce that does not match, a code the
// provider does not accept.
var ErrRefused = errors.New("sign-in refused")

// Identity is who the directory says signed in.
type Identity struct {
	Subject string // the directory's own id (OIDC sub, LDAP DN)
	Value   string // the identifier of the configured claim or attribute
}

// OIDC signs people in through an OpenID Connect provider with the
// authorization code flow, PKCE, state and nonce. The provider's discovery
// document is read on first use, so budaya starts while the provider is down.
type OIDC struct {
	cfg OIDCConfig

	mu       sync.Mutex
	provider *oidc.Provider
}

// NewOIDC returns the client for cfg; it checks the settings, not the provider.
func NewOIDC(cfg OIDCConfig) (*OIDC, error) {
	if cfg.Claim == "" {
		cfg.Claim = "nip"
	}
	if cfg.Issuer == "" || cfg.ClientID == "" {
		return nil, fmt.Errorf("--oidc-issuer and --oidc-client-id are both needed")
	}
	if !strings.HasPrefix(cfg.Issuer, "https://") && !strings.HasPrefix(cfg.Issuer, "http://") {
		return nil, fmt.Errorf("--oidc-issuer %q: give the issuer's URL, e.g. https://sso.instansi.go.id/realms/pegawai", cfg.Issuer)
	}
	known := false
	for _, c := range OIDCClaims {
		known = known || c == cfg.Claim
	}
	if !known {
		return nil, fmt.Errorf("--oidc-claim %q: choose nip, email or preferred_username", cfg.Claim)
	}
	return &OIDC{cfg: cfg}, nil
}

// Claim is the claim that holds the identifier.
func (o *OIDC) Claim() string { return o.cfg.Claim }

func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		// A discovery document of another issuer is a setting to fix, not an outage.
		if strings.Contains(err.Error(), "did not match the issuer") {
			return nil, fmt.Errorf("%w: %v", ErrRefused, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	o.provider = p
	return p, nil
}

func (o *OIDC) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"},
	}
}

// AuthCodeURL is where the browser goes to sign in. state and nonce are
// random and kept by the caller; verifier is the PKCE secret
// (oauth2.GenerateVerifier), sent to the provider only as its hash.
func (o *OIDC) AuthCodeURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	return o.oauth(p).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
}

// Identify exchanges code for tokens (with the PKCE verifier), verifies the
// ID token against the provider's keys, issuer, audience and expiry, checks
// its nonce, and reads the configured claim: from the ID token, else from the
// userinfo endpoint (whose subject must be the token's).
func (o *OIDC) Identify(ctx context.Context, code, verifier, nonce string) (Identity, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return Identity{}, err
	}
	conf := o.oauth(p)
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return Identity{}, fmt.Errorf("%w: the provider did not accept the code: %v", ErrRefused, err)
		}
		return Identity{}, fmt.Errorf("%w: token exchange: %v", ErrUnavailable, err)
	}
	return o.IdentifyToken(ctx, tok, nonce)
}

// IdentifyToken verifies the ID token that came with tok and reads the
// claim, as Identify does after the exchange.
func (o *OIDC) IdentifyToken(ctx context.Context, tok *oauth2.Token, nonce string) (Identity, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return Identity{}, err
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Identity{}, fmt.Errorf("%w: the provider sent no ID token", ErrRefused)
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID}).Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: ID token: %v", ErrRefused, err)
	}
	if nonce == "" || idt.Nonce != nonce {
		return Identity{}, fmt.Errorf("%w: the ID token's nonce does not match", ErrRefused)
	}
	var claims map[string]json.RawMessage
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: ID token claims: %v", ErrRefused, err)
	}
	v := claimString(claims[o.cfg.Claim])
	if v == "" {
		ui, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return Identity{}, fmt.Errorf("%w: userinfo: %v", ErrUnavailable, err)
		}
		if ui.Subject != idt.Subject {
			return Identity{}, fmt.Errorf("%w: userinfo is of another subject", ErrRefused)
		}
		claims = nil
		if err := ui.Claims(&claims); err != nil {
			return Identity{}, fmt.Errorf("%w: userinfo claims: %v", ErrRefused, err)
		}
		v = claimString(claims[o.cfg.Claim])
	}
	return Identity{Subject: idt.Subject, Value: v}, nil
}

// claimString reads a claim given as a string or as a number (a NIP is
// sometimes mapped as a number; it is read without rounding).
func claimString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
