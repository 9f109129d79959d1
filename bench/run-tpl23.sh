#!/usr/bin/env bash
# TPL-23 (網格客戶經理統一考核模板) through the CLI: N generated subjects from CSV to JSON with explanations.
# kaohe alone (no equivalent LibreOffice workbook exists for TPL-23 yet); wall, CPU and peak RSS per N.
# usage: bench/run-tpl23.sh [N ...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
dotnet publish src/Kaohe.Cli -c Release -o "$OUT/cli" >"$OUT/publish-cli-tpl23.log" 2>&1
dotnet build bench/gen -c Release -o "$OUT/gen" >"$OUT/build-gen-tpl23.log" 2>&1
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
echo "| tool | template | N | wall s | subjects/s | CPU s (user+sys) | peak RSS MiB | output MiB |"
echo "|---|---|--:|--:|--:|--:|--:|--:|"
for n in "${sizes[@]}"; do
  csv=$OUT/tpl23-n$n.csv
  [ -f "$csv" ] || "$OUT/gen/Kaohe.Bench.Gen" tpl23 --n "$n" --out "$csv" 2>/dev/null
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/tpl23-n$n.time" "$OUT/cli/kaohe" score --scheme TPL-23 --input "$csv" --output "$OUT/tpl23-n$n.json" --format json
  read -r wall user sys rss < "$OUT/tpl23-n$n.time"
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v o="$(stat -c %s "$OUT/tpl23-n$n.json")" \
    'BEGIN { printf "| kaohe | TPL-23 | %d | %.2f | %.0f | %.2f | %.0f | %.0f |\n", n, w, n / w, u + s, r / 1024, o / 1048576 }'
done
