#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed".
# Installs what the tests need on a fresh Debian machine with the .NET 10 SDK: PostgreSQL from Debian's
# packages, started on 127.0.0.1 only (scripts/pg-start.sh); the database tests run on SQLite and PostgreSQL.
# Chromium and fonts-noto-cjk for the browser tests (scripts/browser-setup.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# English runner output whatever the machine's locale.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033

# PostgreSQL for the database tests: they fail (never skip) without it.
if pg=$(bash scripts/pg-start.sh); then
  export KAOHE_TEST_PG="$pg"
else
  echo "scripts/pg-start.sh failed: the PostgreSQL tests will fail" >&2
fi

# Chromium and CJK fonts for the browser tests (Playwright drives /usr/bin/chromium): they fail, never skip, without them.
bash scripts/browser-setup.sh || echo "scripts/browser-setup.sh failed: the browser tests will fail" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The counts come from the TRX files (one per test assembly), not from console text.
dotnet test Kaohe.slnx -c Release --results-directory "$work/trx" --logger trx >"$work/log" 2>&1
status=$?
grep -E "^\s*(Failed |Passed!|Failed!|  Error Message)|error [A-Z]+[0-9]+|Build FAILED" "$work/log" | sort -u | head -200

passed=0; failed=0
for trx in "$work"/trx/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
  f=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build or runner failure without a failing test still counts, so the run is never mistaken for green.
  tail -30 "$work/log"
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
