#!/usr/bin/env bash
# Load and crash proof of budaya, on this machine, loopback only.
#
#   scripts/loadtest.sh                      SQLite, 200 users for 60 s, then kill -9
#   BUDAYA_DB=postgres://... scripts/loadtest.sh   the same on PostgreSQL (use a test database)
#   USERS=200 DURATION=60s EMPLOYEES=2000 scripts/loadtest.sh
#
# It builds the binary, fills a database with the demo instansi, starts
# `budaya serve` on a free loopback port, runs `budaya loadtest` (mixed traffic
# of simulated users: sign in, dashboard, framework, API, own data; answering
# and recognition join as those capabilities land) and prints throughput,
# p50/p99 per route, errors (must be 0) and server memory. Then it runs the
# kill -9 test: writes under load, SIGKILL, restart, count.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}
DURATION=${DURATION:-60s}
EMPLOYEES=${EMPLOYEES:-2000}
work=$(mktemp -d /tmp/budaya-load.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/budaya" ./cmd/budaya
db=${BUDAYA_DB:-$work/load.db}
echo "==> demo instansi of $EMPLOYEES employees in $db"
"$work/budaya" demo --db "$db" --employees "$EMPLOYEES" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$work/budaya" serve --db "$db" --addr "127.0.0.1:$port" --blob-dir "$work/blobs" --log-level warn >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "==> $USERS users for $DURATION against 127.0.0.1:$port ($(uname -m), $(nproc) CPUs)"
"$work/budaya" loadtest --url "http://127.0.0.1:$port" --db "$db" --users "$USERS" --duration "$DURATION"
kill "$server"; wait "$server" 2>/dev/null || true; server=

echo "==> kill -9 during writes, restart, count"
if [ -n "${BUDAYA_DB:-}" ] && [[ "$BUDAYA_DB" == postgres* ]]; then export BUDAYA_TEST_PG=$BUDAYA_DB; fi
go test ./internal/cli -run '^TestCrashKill9$' -count=1 -v | grep -E 'kill -9|PASS|FAIL|ok'
