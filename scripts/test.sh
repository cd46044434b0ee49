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

step "go vet"
go vet ./...

step "staticcheck"
if ! command -v staticcheck >/dev/null; then
  go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
staticcheck ./...

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
  run_pg "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null
  export BUDAYA_TEST_PG="postgres://budaya@127.0.0.1:$port/postgres?sslmode=disable"
  echo "throwaway PostgreSQL on 127.0.0.1:$port"
fi

# The two engines and the fuzz targets run side by side: much of a test's
# time is spent waiting (fsync, PostgreSQL, Chromium), so a 2-core machine
# finishes them together well before one after the other. Each writes to a
# log of its own; the logs are printed whole, in order, once all have ended,
# and the script fails if any of them failed.
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
run_bg "go test -race (SQLite)" env BUDAYA_TEST_PG= go test "${race[@]}" -count=1 -timeout 30m ./...
if [ -n "${BUDAYA_TEST_PG:-}" ]; then
  run_bg "go test -race (PostgreSQL)" go test "${race[@]}" -count=1 -timeout 30m ./...
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
