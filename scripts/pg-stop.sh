#!/usr/bin/env bash
# Stops the test cluster of scripts/pg-start.sh (data in $KAOHE_PG_DIR, default /tmp/kaohe-pg). scripts/test.sh calls
# it on exit only when pg-start.sh started the server in that run: a server someone else started is left running.
set -euo pipefail
dir=${KAOHE_PG_DIR:-/tmp/kaohe-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || { echo "pg_ctl not found: is PostgreSQL installed?" >&2; exit 1; }
[ -s "$dir/postmaster.pid" ] || exit 0
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run_pg "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >&2
