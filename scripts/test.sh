#!/usr/bin/env bash
# Runs every check and test of budaya: gofmt, go vet, staticcheck, and the
# whole suite with -race on SQLite and on a real PostgreSQL, browser tests in
# headless Chromium included. On a fresh Debian machine it installs what is
# missing (PostgreSQL, Chromium) and starts a throwaway PostgreSQL on loopback.
#
#   scripts/test.sh            everything
#   BUDAYA_TEST_PG=postgres://... scripts/test.sh   use that server instead
#   BUDAYA_SKIP_PG=1 scripts/test.sh                SQLite only (quick local runs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

step() { printf '\n==> %s\n' "$*"; }

apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing $*: install it (apt-get install $*) or run as root" >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

if ! command -v staticcheck >/dev/null; then
  step "staticcheck (install)"
  go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi

step "browser"
if [ -z "${BUDAYA_CHROMIUM:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$c" ]; then BUDAYA_CHROMIUM=$c; break; fi
  done
fi
if [ -z "${BUDAYA_CHROMIUM:-}" ]; then
  apt_install chromium
  BUDAYA_CHROMIUM=/usr/bin/chromium
fi
export BUDAYA_CHROMIUM BUDAYA_REQUIRE_BROWSER=1
echo "using $BUDAYA_CHROMIUM"

# A real LDAP server for the directory sign-in tests: each test starts a
# throwaway slapd on a loopback port with its own config and database.
if ! [ -x /usr/sbin/slapd ]; then
  apt_install slapd
fi
export BUDAYA_REQUIRE_SLAPD=1

pg_dir=
cleanup() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    run_pg "$pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "$pg_dir" ] && rm -rf "$pg_dir"
}
trap cleanup EXIT

run_pg() {
  # PostgreSQL refuses to run as root; run it as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -z "${BUDAYA_SKIP_PG:-}" ] && [ -z "${BUDAYA_TEST_PG:-}" ]; then
  step "postgresql"
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    apt_install postgresql
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  pg_ctl="$bindir/pg_ctl"
  pg_dir=$(mktemp -d /tmp/budaya-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  port=$(( 40000 + RANDOM % 20000 ))
  run_pg "$bindir/initdb" -D "$pg_dir/data" -U budaya --auth=trust -E UTF8 >/dev/null
  run_pg "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=500" start >/dev/null
  export BUDAYA_TEST_PG="postgres://budaya@127.0.0.1:$port/postgres?sslmode=disable"
  echo "throwaway PostgreSQL on 127.0.0.1:$port"
fi

# Everything after gofmt runs side by side: go vet, staticcheck, the suite
# on each engine and the fuzz targets. Much of a test's time is spent waiting
# (fsync, PostgreSQL, Chromium), so a 2-core machine finishes them together
# well before one after the other. Each writes to a log of its own; the logs
# are printed whole, in order, once all have ended, and the script fails if
# any of them failed.
logs=$(mktemp -d /tmp/budaya-test-logs.XXXXXX)
trap 'cleanup; rm -rf "$logs"' EXIT
started=$SECONDS
jobs_run=()
run_bg() { # name, command...
  local name=$1; shift
  jobs_run+=("$name")
  ( set +e; start=$SECONDS; "$@" >"$logs/$name.log" 2>&1; rc=$?
    echo "$rc $((SECONDS - start))" >"$logs/$name.rc" ) &
}

# The race detector instruments every package, modernc.org's SQLite (SQLite's
# C code translated to Go) too, but checkptr, which -race turns on, is off for
# modernc.org: it checked every pointer step of SQLite's C and was 41% of the
# demo package's CPU on SQLite (docs/operations.md, "Test suite time").
# Turning the race detector itself off for modernc.org was faster still, but
# the first full run with it reported races inside encoding/json's type cache
# (sync.Map) that plain -race never showed, so it stays on. Both suites use the
# same flags, so they share one build of each package.
race=(-race -gcflags='modernc.org/...=-d=checkptr=0')
run_bg "go vet" go vet ./...
run_bg "staticcheck" staticcheck ./...

# Compile every test binary once, so that the suites below (four go
# commands) do not each compile the same packages at the same time: separate
# go commands share the build cache but not the work in progress. -exec
# /bin/true builds and links each test binary without running it.
step "build the tests"
if ! go test "${race[@]}" -count=1 -run '^$' -exec /bin/true ./... >"$logs/build.log" 2>&1; then
  cat "$logs/build.log"; echo "FAILED: the tests do not build"; exit 1
fi

# internal/web is the longest package by far (the browser tests and the
# axe-core crawl of every role). In one go test over ./... it would start
# last (go test runs at most two packages at a time, in import-path order,
# and web sorts last), after some 400 s of the others; in a go command of its
# own it starts at once, beside them.
web=./internal/web
rest=$(go list ./... | grep -v '/internal/web$')
suite() { # engine name, then the env for it
  local name=$1; shift
  run_bg "go test -race, internal-web ($name)" env "$@" go test "${race[@]}" -count=1 -timeout 30m "$web"
  # shellcheck disable=SC2086 # rest is a list of packages
  run_bg "go test -race, the other packages ($name)" env "$@" go test "${race[@]}" -count=1 -timeout 30m $rest
}
suite SQLite BUDAYA_TEST_PG=
if [ -n "${BUDAYA_TEST_PG:-}" ]; then
  suite PostgreSQL BUDAYA_TEST_PG="$BUDAYA_TEST_PG"
fi

fuzz() {
  # -parallel bounds the workers so that a busy CI machine is not swamped;
  # timeout ends a fuzzer that hangs instead of hanging CI. It covers the
  # compilation too, which shares the machine with both suites.
  timeout 600 go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "${BUDAYA_FUZZTIME:-10s}" -parallel 2
}
fuzz_all() {
  echo "each target ${BUDAYA_FUZZTIME:-10s}; crashers are kept in testdata/fuzz as regression cases"
  fuzz ./internal/budaya FuzzParseNIP &&
    fuzz ./internal/importer FuzzCheckCSV &&
    fuzz ./internal/store FuzzDecodeBackupRow &&
    fuzz ./internal/store FuzzDecodeBackupManifest &&
    fuzz ./internal/web FuzzReadAnswers
}
run_bg "fuzz" fuzz_all

wait
failed=0
for name in "${jobs_run[@]}"; do
  read -r rc secs <"$logs/$name.rc"
  step "$name (${secs}s)"
  cat "$logs/$name.log"
  if [ "$rc" != 0 ]; then
    echo "FAILED: $name (exit $rc)"
    failed=1
  fi
done
echo
echo "tests took $((SECONDS - started))s of wall time"
[ "$failed" = 0 ] || exit 1

step "all checks passed"
