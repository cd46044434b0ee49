package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/web"
)

// runHub is `budaya hub export|push|key` (issue 17, docs/hub.md): the
// instansi side of the national roll-up.
func runHub(ctx context.Context, env Env, args []string) error {
	usage := errors.New("usage: budaya hub export --period ID --out FILE | push --url URL --token T --period ID | key")
	if len(args) == 0 {
		return usage
	}
	sub, args := args[0], args[1:]
	fs := newFlagSet("hub "+sub, env)
	dsn := dbFlag(fs, env)
	keyFile := hubKeyFlag(fs, env)
	period := fs.Int64("period", 0, "id of the closed measurement period")
	label := fs.String("label", "", "period label the hub compares by, e.g. 2026-S1 (default: the period's name)")
	code := fs.String("instansi-code", "", "set the instansi code the hub knows this instansi by (stored in the settings)")
	name := fs.String("instansi-name", "", "set the instansi name (stored in the settings)")
	out := fs.String("out", "", "file to write the signed package to (export)")
	url := fs.String("url", env.Getenv("BUDAYA_HUB_URL"), "address of the hub, e.g. https://hub.example.go.id (push; env BUDAYA_HUB_URL)")
	token := fs.String("token", env.Getenv("BUDAYA_HUB_TOKEN"), "the push token the hub gave this instansi (push; env BUDAYA_HUB_TOKEN)")
	switch sub {
	case "export", "push", "key":
	default:
		return usage
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if sub == "key" {
		key, err := hub.LoadOrCreateKey(hubKeyFile(fs, env, *keyFile))
		if err != nil {
			return userMessage(err)
		}
		fmt.Fprintln(env.Stdout, hub.PublicKeyString(key))
		return nil
	}
	if *period <= 0 {
		return errors.New("--period: give the id of a closed measurement period")
	}
	if sub == "export" && *out == "" {
		return errors.New("--out: give the file to write the package to")
	}
	if sub == "push" && (*url == "" || *token == "") {
		return errors.New("--url and --token: give the hub's address and this instansi's push token")
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	actor := budaya.SystemActor("cli:hub " + sub)
	for key, v := range map[string]string{store.SettingInstansiCode: strings.ToUpper(strings.TrimSpace(*code)), store.SettingInstansiName: strings.TrimSpace(*name)} {
		if v != "" {
			if err := db.SetSetting(ctx, actor, key, v); err != nil {
				return userMessage(err)
			}
		}
	}
	srv, err := web.New(web.Config{DB: db, Version: Version, HubKeyFile: hubKeyFile(fs, env, *keyFile)})
	if err != nil {
		return err
	}
	data, pkg, err := srv.SignedHubPackage(ctx, actor, *period, *label)
	if err != nil {
		return userMessage(err)
	}
	if sub == "export" {
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "package of %s, period %s: %d groups, written to %s\n", pkg.Instansi.Code, pkg.Period.Label, len(pkg.Groups), *out)
		return nil
	}
	return pushPackage(ctx, env, *url, *token, data)
}

// PushPackage sends a signed package to the hub at url.
func pushPackage(ctx context.Context, env Env, url, token string, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(url, "/")+"/api/v1/hub/packages", bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("--url %q: %w", url, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("send to hub: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode != http.StatusCreated {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
			return fmt.Errorf("hub refused the package (%d): %s", res.StatusCode, e.Error.Message)
		}
		return fmt.Errorf("hub answered %d", res.StatusCode)
	}
	var ok struct {
		Instansi string `json:"instansi"`
		Period   string `json:"period"`
		Version  int    `json:"version"`
	}
	_ = json.Unmarshal(body, &ok)
	fmt.Fprintf(env.Stdout, "hub accepted the package of %s, period %s, as version %d\n", ok.Instansi, ok.Period, ok.Version)
	return nil
}

// hubKeyFlag adds --hub-key-file.
func hubKeyFlag(fs *flag.FlagSet, env Env) *string {
	return fs.String("hub-key-file", env.Getenv("BUDAYA_HUB_KEY_FILE"),
		"the instansi's Ed25519 key that signs hub packages, made at first use; keep it like a TLS key (env BUDAYA_HUB_KEY_FILE; default BLOB-DIR/keys/hub-signing.key)")
}

// hubKeyFile is the signing key file: the flag, or keys/hub-signing.key in
// the blob folder.
func hubKeyFile(fs *flag.FlagSet, env Env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	dir := envOr(env, "BUDAYA_BLOB_DIR", "data/blobs")
	if f := fs.Lookup("blob-dir"); f != nil && f.Value.String() != "" {
		dir = f.Value.String()
	}
	return hub.DefaultKeyFile(dir)
}
