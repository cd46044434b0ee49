package directory

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// LDAPConfig is how budaya reaches the directory and finds a person in it.
type LDAPConfig struct {
	URL          string // ldaps://dc.instansi.go.id:636, or ldap://... (then STARTTLS unless StartTLS is false)
	StartTLS     bool   // upgrade an ldap:// connection with STARTTLS; always on for production
	BindDN       string // the service account that searches
	BindPassword string
	BaseDN       string
	// Filter finds one person; {nip} and {username} stand for what was typed,
	// escaped. Example: (employeeNumber={nip}) or (sAMAccountName={username}).
	Filter  string
	NIPAttr string // the attribute that holds the NIP, e.g. employeeNumber
	Timeout time.Duration
	// TLSConfig, when set, replaces the default (tests trust their own CA with it).
	TLSConfig *tls.Config
}

// ErrBadCredentials means the directory knows no such person, or the
// password is wrong: the two are not told apart.
var ErrBadCredentials = errors.New("directory: unknown user or wrong password")

// LDAP checks passwords by binding as the person.
type LDAP struct{ cfg LDAPConfig }

// NewLDAP returns the client for cfg; it checks the settings, not the server.
func NewLDAP(cfg LDAPConfig) (*LDAP, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "ldap" && u.Scheme != "ldaps") || u.Host == "" {
		return nil, fmt.Errorf("--ldap-url %q: give ldaps://host:636 or ldap://host:389", cfg.URL)
	}
	if cfg.BaseDN == "" || cfg.Filter == "" || cfg.NIPAttr == "" {
		return nil, fmt.Errorf("--ldap-base-dn, --ldap-filter and --ldap-nip-attr are all needed with --ldap-url")
	}
	if !strings.Contains(cfg.Filter, "{nip}") && !strings.Contains(cfg.Filter, "{username}") {
		return nil, fmt.Errorf("--ldap-filter %q must contain {nip} or {username}", cfg.Filter)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	return &LDAP{cfg: cfg}, nil
}

func (l *LDAP) dial() (*ldap.Conn, error) {
	host := ""
	if u, err := url.Parse(l.cfg.URL); err == nil {
		host = u.Hostname()
	}
	tlsCfg := l.cfg.TLSConfig
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	c, err := ldap.DialURL(l.cfg.URL, ldap.DialWithDialer(&net.Dialer{Timeout: l.cfg.Timeout}), ldap.DialWithTLSConfig(tlsCfg))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	c.SetTimeout(l.cfg.Timeout)
	if strings.HasPrefix(l.cfg.URL, "ldap://") && l.cfg.StartTLS {
		if err := c.StartTLS(tlsCfg); err != nil {
			c.Close()
			return nil, fmt.Errorf("%w: STARTTLS: %v", ErrUnavailable, err)
		}
	}
	return c, nil
}

// Authenticate finds username with the filter (as the service account), binds
// as that entry with password, and returns its NIP attribute. An empty
// password is refused here: many servers accept it as an anonymous bind.
func (l *LDAP) Authenticate(ctx context.Context, username, password string) (Identity, error) {
	username = strings.TrimSpace(username)
	if username == "" || password == "" {
		return Identity{}, ErrBadCredentials
	}
	c, err := l.dial()
	if err != nil {
		return Identity{}, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if l.cfg.BindDN != "" {
		if err := c.Bind(l.cfg.BindDN, l.cfg.BindPassword); err != nil {
			return Identity{}, fmt.Errorf("%w: service account bind: %v", ErrUnavailable, err)
		}
	}
	esc := ldap.EscapeFilter(username)
	filter := strings.NewReplacer("{nip}", esc, "{username}", esc).Replace(l.cfg.Filter)
	res, err := c.Search(ldap.NewSearchRequest(l.cfg.BaseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 2, int(l.cfg.Timeout/time.Second), false,
		filter, []string{l.cfg.NIPAttr}, nil))
	if err != nil {
		return Identity{}, fmt.Errorf("%w: search: %v", ErrUnavailable, err)
	}
	if len(res.Entries) != 1 {
		// None, or an ambiguous filter: the person cannot be told apart.
		return Identity{}, ErrBadCredentials
	}
	e := res.Entries[0]
	if err := c.Bind(e.DN, password); err != nil {
		if ldap.IsErrorWithCode(err, ldap.LDAPResultInvalidCredentials) {
			return Identity{}, ErrBadCredentials
		}
		return Identity{}, fmt.Errorf("%w: bind: %v", ErrUnavailable, err)
	}
	return Identity{Subject: e.DN, Value: strings.TrimSpace(e.GetAttributeValue(l.cfg.NIPAttr))}, nil
}
