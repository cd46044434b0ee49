#!/usr/bin/env bash
# Load and crash proof of budaya, on this machine, loopback only.
#
#   scripts/loadtest.sh                                   SQLite: 200 users for 30 s, then the kill -9 tests
#   DB=postgres BUDAYA_TEST_PG=postgres://... scripts/loadtest.sh
#                                                         the same on PostgreSQL, in a fresh schema of that
#                                                         server that is dropped afterwards
#   BUDAYA_DB=postgres://.../loadtest scripts/loadtest.sh  use that (empty, test) database as it is
#   USERS=200 DURATION=30s THINK=1s EMPLOYEES=2000 KILL=0 scripts/loadtest.sh
#   PROFILE=/tmp/cpu.pprof scripts/loadtest.sh            also take a CPU profile of the server during the
#                                                         run (serve --pprof-addr); read it with
#                                                         go tool pprof -top /tmp/cpu.pprof (PROFILE_DELAY=5 PROFILE_SECONDS=20)
#
# It builds the binary, fills a database with the demo instansi (`budaya demo`,
# as `budaya serve --demo` does), starts `budaya serve` on a free loopback
# port and runs `budaya loadtest`: simulated users sign in, open the home
# dashboard, answer survey tasks (open, save a draft, submit), give
# recognition, and one in ten (unit leaders) opens the index dashboard. It
# prints throughput, p50/p99 per step and per route, errors (must be 0) and
# server memory, and fails on any error. Then (KILL=1, the default) it runs
# the kill -9 tests: writes and answer submissions under load, SIGKILL,
# restart, count.
#
# THINK is each user's mean pause between steps (randomised ±50%); THINK=0 has
# every user fire as fast as the server answers.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}
DURATION=${DURATION:-30s}
THINK=${THINK:-1s}
EMPLOYEES=${EMPLOYEES:-2000}
KILL=${KILL:-1}
DB=${DB:-sqlite}
work=$(mktemp -d /tmp/budaya-load.XXXXXX)
server=
schema=
pg=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$schema" ]; then psql -q "$pg" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${BUDAYA_DB:-}" ]; then
  db=$BUDAYA_DB
  case "$db" in postgres*) pg=$db; DB=postgres ;; esac
elif [ "$DB" = sqlite ]; then
  db=$work/load.db
elif [ "$DB" = postgres ]; then
  pg=${BUDAYA_TEST_PG:-}
  if [ -z "$pg" ]; then
    echo "DB=postgres: set BUDAYA_TEST_PG to a PostgreSQL server for tests, e.g." >&2
    echo "  BUDAYA_TEST_PG='postgres://budaya@127.0.0.1:55432/postgres?sslmode=disable'" >&2
    exit 2
  fi
  command -v psql >/dev/null || { echo "DB=postgres needs psql (apt-get install postgresql-client)" >&2; exit 2; }
  schema=load_$(date +%s)_$$
  psql -q -v ON_ERROR_STOP=1 "$pg" -c "CREATE SCHEMA $schema" >/dev/null
  case "$pg" in *\?*) db="$pg&search_path=$schema" ;; *) db="$pg?search_path=$schema" ;; esac
else
  echo "DB=$DB: give sqlite or postgres" >&2
  exit 2
fi

go build -o "$work/budaya" ./cmd/budaya
where=$db; if [ -n "$schema" ]; then where="PostgreSQL schema $schema"; fi
echo "==> demo instansi of $EMPLOYEES employees in $where"
# The demo's sealed ballots need the ballot key the server reads: the same blob folder.
BUDAYA_BLOB_DIR="$work/blobs" "$work/budaya" demo --db "$db" --employees "$EMPLOYEES" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
pprof=()
if [ -n "${PROFILE:-}" ]; then pprof=(--pprof-addr "127.0.0.1:$(( port + 1 ))"); fi
"$work/budaya" serve --db "$db" --addr "127.0.0.1:$port" --blob-dir "$work/blobs" --log-level warn "${pprof[@]}" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "==> $USERS users for $DURATION, think $THINK, against 127.0.0.1:$port ($DB; $(uname -m), $(nproc) CPUs; $(uptime | sed 's/.*load average/load average/'))"
status=0
profiler=
if [ -n "${PROFILE:-}" ]; then
  # Sign-ins come first: PROFILE_DELAY (default 5 s) skips them, then PROFILE_SECONDS of the run.
  secs=${PROFILE_SECONDS:-20}
  (sleep "${PROFILE_DELAY:-5}"; curl -fsS -o "$PROFILE" "http://127.0.0.1:$(( port + 1 ))/debug/pprof/profile?seconds=$secs") &
  profiler=$!
fi
"$work/budaya" loadtest --url "http://127.0.0.1:$port" --db "$db" --users "$USERS" --duration "$DURATION" --think "$THINK" ${MARKDOWN:+--markdown} || status=$?
echo "==> after the run: $(uptime | sed 's/.*load average/load average/')"
if [ -n "$profiler" ]; then wait "$profiler" || true; echo "==> CPU profile of the server: $PROFILE"; fi
kill "$server"; wait "$server" 2>/dev/null || true; server=
if [ "$status" != 0 ]; then
  echo "==> server log (errors):"; grep -i '"level":"error"' "$work/serve.log" | head -20 || true
  exit "$status"
fi

if [ "$KILL" = 1 ]; then
  echo "==> kill -9 during writes and during answer submission, restart, count"
  if [ -n "$pg" ]; then export BUDAYA_TEST_PG=$pg; else unset BUDAYA_TEST_PG; fi
  go test ./internal/cli -run '^(TestCrashKill9|TestKilledServerLosesNoAcknowledgedAnswer)$' -count=1 -v | grep -E 'kill -9|acknowledged|--- |^ok|FAIL'
fi
