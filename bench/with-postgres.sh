#!/usr/bin/env bash
# Runs bench:catalog against a throwaway PostgreSQL 15 started just for it
# (as .ci/run does for the tests): a cluster under a temporary folder,
# listening on 127.0.0.1 only, stopped and deleted afterwards whatever happens.
# Extra arguments are passed to the bench's environment, e.g.
#   bench/with-postgres.sh BENCH_PHASE_SECONDS=120
set -euo pipefail

cd "$(dirname "$0")/.."

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
[ -x "$PG_BIN/postgres" ] || { echo "PostgreSQL 15 not found in $PG_BIN (Debian: apt-get install postgresql postgresql-contrib)" >&2; exit 1; }

# PostgreSQL refuses to run as root: run its commands as postgres then.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node_modules/.bin/node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

PG_TMP="$(mktemp -d)"
PG_DATA="$PG_TMP/data"
stop_postgres() {
  if [ -f "$PG_DATA/postmaster.pid" ]; then as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true; fi
  rm -rf "$PG_TMP"
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

PG_PORT="$(free_port)"
PG_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$PG_PASSWORD" > "$PG_TMP/pwfile"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$PG_TMP"; fi
as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$PG_TMP/pwfile" \
  --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# Stock settings except durability: a cluster that lives for one run needs no
# fsync, and turning it off only speeds up the seeding, not the timed reads.
# shared_buffers stays at the default 128 MB, which holds the whole catalog.
as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/postgres.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  >/dev/null || { cat "$PG_TMP/postgres.log"; exit 1; }

env "$@" DATABASE_URL="postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres" npm run --silent bench:catalog
