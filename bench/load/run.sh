#!/usr/bin/env bash
# The load benchmark of issue 4: Kaohe.Web (Release) on 127.0.0.1 against a fresh PostgreSQL database, and a
# separate process in which 200 raters (two sessions each) save and submit rating forms through the API for 60 s;
# then every form is checked against the last save the server acknowledged, and the same clients call a
# trivial endpoint (GET /api/ping) for 60 s for the ratio.
# Usage: bench/load/run.sh [raters=200] [seconds=60] [pause-ms=1000]. Output under bench/out/load/.
set -euo pipefail
cd "$(dirname "$0")/../.."
raters=${1:-200}; seconds=${2:-60}; think=${3:-1000}
out=bench/out/load
mkdir -p "$out"
pg=$(bash scripts/pg-start.sh)
psql_() { psql -h 127.0.0.1 -p 55432 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "DROP DATABASE IF EXISTS kaohe_load" -c "CREATE DATABASE kaohe_load"
db="Host=127.0.0.1;Port=55432;Username=postgres;Database=kaohe_load;Maximum Pool Size=40"

dotnet publish src/Kaohe.Web -c Release -o "$out/web" >/dev/null
dotnet build bench/load -c Release -o "$out/tool" >/dev/null

port=5077
password="load-boss-$(date +%s)"  # the password policy refuses one containing the login name
rm -rf "$out/keys"
Kaohe__Db="$db" Kaohe__Demo=false Kaohe__AdminPassword="$password" Kaohe__KeysDir="$out/keys" \
  Logging__LogLevel__Default=Warning \
  "$out/web/Kaohe.Web" --urls "http://127.0.0.1:$port" >"$out/web.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/login" && break
  sleep 1
done
echo "app $(git rev-parse --short HEAD) on 127.0.0.1:$port, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$out/tool/Kaohe.Bench.Load" "http://127.0.0.1:$port" "$db" "$password" "$raters" "$seconds" "$think" | tee "$out/result.txt"
status=${PIPESTATUS[0]}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
