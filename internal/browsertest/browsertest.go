// Package browsertest drives a real headless Chromium (Debian's chromium
// package) for browser tests, through the DevTools protocol (chromedp).
//
// The browser is found at $BUDAYA_CHROMIUM or /usr/bin/chromium. When it is
// missing the test is skipped, unless BUDAYA_REQUIRE_BROWSER=1 (set by
// scripts/test.sh), which makes a missing browser a failure.
package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path returns the Chromium binary to use, or "" when there is none.
func Path() string {
	if p := os.Getenv("BUDAYA_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// Options tune New.
type Options struct {
	Width, Height int // viewport; 0 means 1280x900
	Mobile        bool
	Timeout       time.Duration // for everything the browser does; 0 means 90 s
}

// New starts a headless Chromium for t and returns a context to run chromedp
// actions in. Every action must finish within the timeout.
func New(t *testing.T, opt Options) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("BUDAYA_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found: install Debian's chromium or set BUDAYA_CHROMIUM")
		}
		t.Skip("no Chromium found (set BUDAYA_CHROMIUM); browser test skipped")
	}
	if opt.Width == 0 {
		opt.Width, opt.Height = 1280, 900
	}
	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.WindowSize(opt.Width, opt.Height),
		// The machine has no network beyond loopback: keep Chromium from trying.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOpts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	if opt.Timeout == 0 {
		opt.Timeout = 90 * time.Second
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, opt.Timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	if opt.Mobile {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(opt.Width), int64(opt.Height), chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
			t.Fatalf("emulate phone viewport: %v", err)
		}
	}
	return ctx
}

// Do runs actions and fails t, saying what was being done, when one fails.
func Do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Get runs one action that returns a value, failing t when it fails.
func Get[T any](t *testing.T, ctx context.Context, what string, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Text returns the visible text of the first element matching the CSS selector.
func Text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return Get(t, ctx, "text of "+css, chromedp.Text(chromedp.CSS(css)))
}

// Attr returns attribute name of the first element matching the CSS selector.
func Attr(t *testing.T, ctx context.Context, css, name string) string {
	t.Helper()
	return Get(t, ctx, "attribute "+name+" of "+css, chromedp.AttributeValue(chromedp.CSS(css), name)).Value
}

// Screenshot saves a full-page PNG of the current page to path.
func Screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png := Get(t, ctx, "screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}

// Loaded waits until the current document has finished loading, so that a
// click does not land on a node of a page that is being replaced.
func Loaded() chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[bool](`document.readyState === "complete"`)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := poll(ctx, t)
		return chromedp.Void{}, err
	}
}

// SignIn opens url (the login page, or a page that asks to sign in first),
// signs username in with password, and waits until the element matching
// ready is on the page that follows (visible, unless it is the sign-out form,
// which a phone keeps folded in the menu).
func SignIn(t *testing.T, ctx context.Context, url, username, password, ready string) {
	t.Helper()
	wait := chromedp.WaitVisible(chromedp.CSS(ready))
	if ready == SignedIn {
		wait = chromedp.WaitReady(chromedp.CSS(ready))
	}
	Do(t, ctx, "sign in as "+username,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), username),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		wait,
	)
}

// SignedIn matches the sign-out form, which every page has once someone is
// signed in (the login page has an h1 too, so a heading proves nothing).
const SignedIn = `form[action="/logout"]`
