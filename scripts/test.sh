#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed" (arguments are passed on to
# `dotnet test`, e.g. --filter FullyQualifiedName~Accounts).
# Installs what the tests need on a fresh Debian machine with the .NET 10 SDK (Debian's packages, without their
# recommendations; apt's output goes to apt.log in the log folder and is shown only if apt fails): PostgreSQL, started
# on 127.0.0.1 only (scripts/pg-start.sh) and stopped again on exit if this run started it; the database tests run on
# SQLite and PostgreSQL. Chromium and fonts-noto-cjk for the browser tests (scripts/browser-setup.sh).
# On failure: each failed test's name and message at the end, and the full log is kept (its path is printed).
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# English runner output whatever the machine's locale.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033

logs=$(mktemp -d "${TMPDIR:-/tmp}/kaohe-test.XXXXXX")
export KAOHE_APT_LOG="$logs/apt.log"
pg_started="$logs/pg-started"
keep_logs=1

# Stops the PostgreSQL this run started (never one that was already running); prints only when that fails.
stop_pg() {
  [ -e "$pg_started" ] || return 0
  local out
  if ! out=$(KAOHE_PG_DIR="$(cat "$pg_started")" bash scripts/pg-stop.sh 2>&1); then
    echo "scripts/pg-stop.sh could not stop the PostgreSQL this run started: $out" >&2
  fi
  rm -f "$pg_started"
}
cleanup() {
  stop_pg
  if [ "$keep_logs" -eq 0 ]; then rm -rf "$logs"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL for the database tests: they fail (never skip) without it.
if pg=$(KAOHE_PG_STARTED="$pg_started" bash scripts/pg-start.sh 2>>"$logs/pg-start.log"); then
  export KAOHE_TEST_PG="$pg"
else
  cat "$logs/pg-start.log" >&2
  echo "scripts/pg-start.sh failed: the PostgreSQL tests will fail" >&2
fi

# Chromium and CJK fonts for the browser tests (Playwright drives /usr/bin/chromium): they fail, never skip, without them.
bash scripts/browser-setup.sh || echo "scripts/browser-setup.sh failed: the browser tests will fail" >&2

# The counts and the failures come from the TRX files (one per test assembly), not from console text.
dotnet test Kaohe.slnx -c Release --results-directory "$logs/trx" --logger trx "$@" >"$logs/test.log" 2>&1
status=$?
stop_pg
grep -E "^\s*(Passed!|Failed!)|error [A-Z]+[0-9]+|Build FAILED" "$logs/test.log" | sort -u | head -100

passed=0; failed=0
for trx in "$logs"/trx/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
  f=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [ "$failed" -gt 0 ]; then
  echo
  echo "Failed tests:"
  awk -f scripts/failed-tests.awk "$logs"/trx/*.trx
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build or runner failure without a failing test still counts, so the run is never mistaken for green.
  echo
  tail -30 "$logs/test.log"
  failed=1
fi
if [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]; then
  keep_logs=0
else
  echo
  echo "Full log: $logs/test.log (TRX files in $logs/trx, apt's output if any in $logs/apt.log)"
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
