#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed".
# Installs what the tests need on a fresh Debian machine with the .NET 10 SDK (today: nothing beyond the SDK;
# later issues add PostgreSQL and Chromium here).
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Kaohe.slnx -c Release 2>&1 | tee "$log" | grep -E "^\s*(Failed |Passed!|Failed!|error |  Error Message|Build FAILED)" | head -200
status=${PIPESTATUS[0]}

passed=0; failed=0
while IFS= read -r line; do
  p=$(sed -nE 's/.*Passed:[[:space:]]*([0-9]+).*/\1/p' <<<"$line")
  f=$(sed -nE 's/.*Failed:[[:space:]]*([0-9]+),.*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done < <(grep -E "(Passed|Failed)!  - Failed:" "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # Build or runner failure without a failing test: count it so the run is not mistaken for green.
  grep -E "error [A-Z]+[0-9]+|Build FAILED" "$log" | sort -u | head -50
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
