package cli

import (
	"errors"
	"flag"
	"strings"

	"github.com/budaya-id/budaya/internal/directory"
)

// dirFlags are the settings of sign-in through the instansi's directory.
type dirFlags struct {
	oidcIssuer, oidcClientID, oidcClientSecret, oidcClaim *string
	ldapURL, ldapBindDN, ldapBindPassword, ldapBaseDN     *string
	ldapFilter, ldapNIPAttr                               *string
	ldapStartTLS                                          *bool
}

func directoryFlags(fs *flag.FlagSet, env Env) *dirFlags {
	return &dirFlags{
		oidcIssuer:       fs.String("oidc-issuer", env.Getenv("BUDAYA_OIDC_ISSUER"), "OpenID Connect issuer of the instansi's SSO, e.g. https://sso.instansi.go.id/realms/pegawai (env BUDAYA_OIDC_ISSUER)"),
		oidcClientID:     fs.String("oidc-client-id", env.Getenv("BUDAYA_OIDC_CLIENT_ID"), "client id of budaya at the provider (env BUDAYA_OIDC_CLIENT_ID)"),
		oidcClientSecret: fs.String("oidc-client-secret", env.Getenv("BUDAYA_OIDC_CLIENT_SECRET"), "client secret (env BUDAYA_OIDC_CLIENT_SECRET; prefer the environment)"),
		oidcClaim:        fs.String("oidc-claim", envOr(env, "BUDAYA_OIDC_CLAIM", "nip"), "claim that identifies the employee: nip, email or preferred_username (env BUDAYA_OIDC_CLAIM)"),
		ldapURL:          fs.String("ldap-url", env.Getenv("BUDAYA_LDAP_URL"), "LDAP / Active Directory server: ldaps://host:636, or ldap://host:389 with STARTTLS (env BUDAYA_LDAP_URL)"),
		ldapBindDN:       fs.String("ldap-bind-dn", env.Getenv("BUDAYA_LDAP_BIND_DN"), "service account that searches the directory (env BUDAYA_LDAP_BIND_DN)"),
		ldapBindPassword: fs.String("ldap-bind-password", env.Getenv("BUDAYA_LDAP_BIND_PASSWORD"), "its password (env BUDAYA_LDAP_BIND_PASSWORD; prefer the environment)"),
		ldapBaseDN:       fs.String("ldap-base-dn", env.Getenv("BUDAYA_LDAP_BASE_DN"), "where people are, e.g. ou=pegawai,dc=instansi,dc=go,dc=id (env BUDAYA_LDAP_BASE_DN)"),
		ldapFilter:       fs.String("ldap-filter", envOr(env, "BUDAYA_LDAP_FILTER", "(employeeNumber={nip})"), "filter that finds the person; {nip} and {username} are what was typed (env BUDAYA_LDAP_FILTER)"),
		ldapNIPAttr:      fs.String("ldap-nip-attr", envOr(env, "BUDAYA_LDAP_NIP_ATTR", "employeeNumber"), "attribute that holds the NIP (env BUDAYA_LDAP_NIP_ATTR)"),
		ldapStartTLS:     fs.Bool("ldap-starttls", env.Getenv("BUDAYA_LDAP_STARTTLS") != "0", "use STARTTLS on ldap:// URLs (env BUDAYA_LDAP_STARTTLS=0 turns it off, for a directory on the same host only)"),
	}
}

// clients builds the directory clients of the settings; nil where not configured.
func (f *dirFlags) clients(baseURL string) (*directory.OIDC, *directory.LDAP, error) {
	var o *directory.OIDC
	if *f.oidcIssuer != "" {
		if baseURL == "" {
			return nil, nil, errors.New("--oidc-issuer needs --base-url (BUDAYA_BASE_URL): the provider sends people back to <base-url>/auth/oidc/callback")
		}
		var err error
		if o, err = directory.NewOIDC(directory.OIDCConfig{Issuer: *f.oidcIssuer, ClientID: *f.oidcClientID, ClientSecret: *f.oidcClientSecret,
			RedirectURL: strings.TrimRight(baseURL, "/") + "/auth/oidc/callback", Claim: *f.oidcClaim}); err != nil {
			return nil, nil, err
		}
	}
	var l *directory.LDAP
	if *f.ldapURL != "" {
		var err error
		if l, err = directory.NewLDAP(directory.LDAPConfig{URL: *f.ldapURL, StartTLS: *f.ldapStartTLS, BindDN: *f.ldapBindDN, BindPassword: *f.ldapBindPassword,
			BaseDN: *f.ldapBaseDN, Filter: *f.ldapFilter, NIPAttr: *f.ldapNIPAttr}); err != nil {
			return nil, nil, err
		}
	}
	return o, l, nil
}
