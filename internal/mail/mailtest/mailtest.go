// Package mailtest starts a real SMTP server for tests: Mailpit
// (github.com/axllent/mailpit, a tool of this module), built once per test
// binary and run on loopback with a throwaway database, read through its API.
package mailtest

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/loopback"
)

// mailpitVersion is the version of the tool in go.mod; a new one is built anew.
const mailpitVersion = "v1.33.1"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds mailpit once per test process (the Go build cache makes it fast after the first time).
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if p := os.Getenv("BUDAYA_MAILPIT"); p != "" {
			binPath = p
			return
		}
		// One build per version, shared by every test binary and run: built
		// into a temporary name, then renamed, so parallel builds do not clash.
		dir := filepath.Join(os.TempDir(), "budaya-mailpit-"+mailpitVersion)
		binPath = filepath.Join(dir, "mailpit")
		if _, err := os.Stat(binPath); err == nil {
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			buildErr = err
			return
		}
		tmp, err := os.MkdirTemp(dir, "build-")
		if err != nil {
			buildErr = err
			return
		}
		defer os.RemoveAll(tmp)
		out, err := exec.Command("go", "build", "-o", filepath.Join(tmp, "mailpit"), "github.com/axllent/mailpit").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("build mailpit: %v\n%s", err, out)
			return
		}
		buildErr = os.Rename(filepath.Join(tmp, "mailpit"), binPath)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// Options change how the server behaves.
type Options struct {
	// AllowedRecipients is a regular expression; other recipients are refused with a 5xx answer.
	AllowedRecipients string
	// StartTLS requires STARTTLS with a certificate made for the test; Server.TLSConfig trusts it.
	StartTLS bool
	// Auth requires a user name and password (any are accepted).
	Auth bool
}

// Server is a running Mailpit.
type Server struct {
	SMTPAddr  string // host:port
	APIURL    string // http://host:port
	TLSConfig *tls.Config
}

// Start runs a Mailpit on free loopback ports until the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	bin := binary(t)
	dir := t.TempDir()
	smtpPort, httpPort := loopback.FreePort(t), loopback.FreePort(t)
	s := &Server{SMTPAddr: fmt.Sprintf("127.0.0.1:%d", smtpPort), APIURL: fmt.Sprintf("http://127.0.0.1:%d", httpPort)}
	args := []string{"--smtp", s.SMTPAddr, "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(dir, "mailpit.db"), "--disable-version-check", "--smtp-disable-rdns", "--quiet"}
	if o.AllowedRecipients != "" {
		args = append(args, "--smtp-allowed-recipients", o.AllowedRecipients)
	}
	if o.StartTLS {
		cert, key, cfg := loopback.SelfSigned(t)
		certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		if err := os.WriteFile(certFile, cert, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keyFile, key, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-require-starttls")
		s.TLSConfig = cfg
	}
	if o.Auth {
		args = append(args, "--smtp-auth-accept-any")
		if !o.StartTLS {
			args = append(args, "--smtp-auth-allow-insecure")
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(s.APIURL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

// Host and Port of the SMTP listener.
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.SMTPAddr); return h }

// Port of the SMTP listener.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.SMTPAddr)
	n, _ := strconv.Atoi(p)
	return n
}

// Address is a sender or recipient as Mailpit reports it.
type Address struct {
	Name    string
	Address string
}

// Message is a received message.
type Message struct {
	ID      string
	From    Address
	To      []Address
	Subject string
	Text    string
	HTML    string
}

// Messages returns every message received, newest first, with its text and HTML.
func (s *Server) Messages(t testing.TB) []Message {
	t.Helper()
	var list struct {
		Messages []Message `json:"messages"`
	}
	s.get(t, "/api/v1/messages?limit=1000", &list)
	for i := range list.Messages {
		var full Message
		s.get(t, "/api/v1/message/"+list.Messages[i].ID, &full)
		list.Messages[i].Text, list.Messages[i].HTML = full.Text, full.HTML
	}
	return list.Messages
}

func (s *Server) get(t testing.TB, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.APIURL + path)
	if err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
}

// Raw returns the source of message id as the server received it.
func (s *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	resp, err := http.Get(s.APIURL + "/api/v1/message/" + id + "/raw")
	if err != nil {
		t.Fatalf("mailpit raw %s: %v", id, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit raw %s: %s", id, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("mailpit raw %s: %v", id, err)
	}
	return b
}
