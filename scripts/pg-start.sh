#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if it is missing and starts a private test cluster on
# 127.0.0.1 only (port $KAOHE_PG_PORT, default 55432; data in $KAOHE_PG_DIR, default /tmp/kaohe-pg).
# Prints the connection string the tests read from KAOHE_TEST_PG. Safe to run again: an already
# running cluster is reused. When it starts the server itself and $KAOHE_PG_STARTED names a file, it creates that
# file, so that its caller stops only a server it started (scripts/pg-stop.sh; scripts/test.sh does so on exit).
set -euo pipefail
port=${KAOHE_PG_PORT:-55432}
dir=${KAOHE_PG_DIR:-/tmp/kaohe-pg}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL is not installed: installing Debian's postgresql package…" >&2
  bash "$(dirname "$0")/apt-install.sh" postgresql
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

# The server refuses to run as root: run it as the postgres account the package created.
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  exit 0
fi

if [ ! -s "$dir/PG_VERSION" ]; then
  as_root rm -rf "$dir"
  as_root mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  run_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; exit 1; }
fi
run_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
if [ -n "${KAOHE_PG_STARTED:-}" ]; then echo "$dir" >"$KAOHE_PG_STARTED"; fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
