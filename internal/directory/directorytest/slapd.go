// Package directorytest starts real directories for tests on loopback: a
// throwaway slapd (OpenLDAP, Debian's package) and an OpenID Connect provider
// (the op package of github.com/zitadel/oidc with its example storage).
package directorytest

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/loopback"
)

// Person is an entry of the test directory.
type Person struct {
	UID      string // the sign-in name (uid, as sAMAccountName in AD)
	NIP      string // employeeNumber
	Password string
}

// BaseDN of the test directory.
const BaseDN = "dc=instansi,dc=go,dc=id"

// Slapd is a running OpenLDAP server.
type Slapd struct {
	URL          string // ldap://127.0.0.1:PORT
	BindDN       string
	BindPassword string
	TLSConfig    *tls.Config // trusts the server's certificate (for STARTTLS)
	cmd          *exec.Cmd
}

// StartSlapd runs slapd with people until the test ends. Without slapd
// installed the test is skipped, unless BUDAYA_REQUIRE_SLAPD=1 (scripts/test.sh
// installs it) makes that a failure.
func StartSlapd(t testing.TB, people []Person) *Slapd {
	t.Helper()
	bin, err := exec.LookPath("slapd")
	if err != nil {
		bin = "/usr/sbin/slapd"
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("BUDAYA_REQUIRE_SLAPD") == "1" {
			t.Fatal("slapd is not installed (apt-get install slapd)")
		}
		t.Skip("slapd is not installed; apt-get install slapd (scripts/test.sh does)")
	}
	slapadd := filepath.Join(filepath.Dir(bin), "slapadd")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "db"), 0o700); err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, tlsCfg := loopback.SelfSigned(t)
	for name, b := range map[string][]byte{"cert.pem": certPEM, "key.pem": keyPEM} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := &Slapd{BindDN: "cn=budaya," + BaseDN, BindPassword: "layanan-rahasia", TLSConfig: tlsCfg}
	conf := fmt.Sprintf(`include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile %[1]s/slapd.pid
TLSCertificateFile %[1]s/cert.pem
TLSCertificateKeyFile %[1]s/key.pem
database mdb
maxsize 16777216
suffix "%[2]s"
rootdn "cn=root,%[2]s"
rootpw root-rahasia
directory %[1]s/db
access to attrs=userPassword by self read by anonymous auth by * none
access to * by dn.exact="%[3]s" read by self read by * none
`, dir, BaseDN, s.BindDN)
	var ldif strings.Builder
	fmt.Fprintf(&ldif, "dn: %s\nobjectClass: dcObject\nobjectClass: organization\no: Instansi\ndc: instansi\n\n", BaseDN)
	fmt.Fprintf(&ldif, "dn: ou=people,%s\nobjectClass: organizationalUnit\nou: people\n\n", BaseDN)
	fmt.Fprintf(&ldif, "dn: %s\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: budaya\nsn: budaya\nuserPassword: %s\n\n", s.BindDN, s.BindPassword)
	for _, p := range people {
		fmt.Fprintf(&ldif, "dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\nuserPassword: %s\n", p.UID, BaseDN, p.UID, p.UID, p.UID, p.Password)
		if p.NIP != "" {
			fmt.Fprintf(&ldif, "employeeNumber: %s\n", p.NIP)
		}
		ldif.WriteString("\n")
	}
	confPath, ldifPath := filepath.Join(dir, "slapd.conf"), filepath.Join(dir, "data.ldif")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ldifPath, []byte(ldif.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(slapadd, "-f", confPath, "-l", ldifPath).CombinedOutput(); err != nil {
		t.Fatalf("slapadd: %v\n%s", err, out)
	}
	port := loopback.FreePort(t)
	s.URL = fmt.Sprintf("ldap://127.0.0.1:%d", port)
	// -d keeps slapd in the foreground, so that the test owns and ends it.
	s.cmd = exec.Command(bin, "-f", confPath, "-h", s.URL+"/", "-d", "0")
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start slapd: %v", err)
	}
	t.Cleanup(s.Stop)
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("slapd did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop ends slapd: the directory is then down.
func (s *Slapd) Stop() {
	if s.cmd != nil && s.cmd.Process != nil && s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
}
