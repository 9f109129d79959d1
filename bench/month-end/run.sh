#!/usr/bin/env bash
# The month-end benchmark of issue 12 (docs/BENCHMARKS.md, "Month-end at scale"): on PostgreSQL (scripts/pg-start.sh,
# database kaohe_bench_<N>, dropped and created for each N), a company of N appraisees; then, each step its own process
# under /usr/bin/time -v (wall time and peak resident memory of that step):
#   open (CycleService.Open, data-bound inputs frozen) · fill (every form submitted by its rater through
#   CycleService.Submit) · release · publish · pay sheet XLSX · pay sheet CSV (PaySheetService)
# and, in the same run, `kaohe score` on the same inputs (exported from the cycle) for the ratio release / score.
# Usage: bench/month-end/run.sh [-n "10000 100000"] [--workers 4] [--paysheet-only]     Output under bench/out/month-end/.
# Each N has its own database kaohe_bench_<N> (kept afterwards); --paysheet-only re-runs the pay sheet steps and the
# check on the cycles an earlier run published.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="10000 100000"; workers=4; only=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) sizes="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --paysheet-only) only=paysheet; shift ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
out=bench/out/month-end
mkdir -p "$out"
bash scripts/pg-start.sh >/dev/null
psql_() { psql -h 127.0.0.1 -p 55432 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

dotnet build bench/month-end -c Release -o "$out/tool" 2>&1 | grep -E " error |Build succeeded" | sort -u
dotnet publish src/Kaohe.Cli -c Release -o "$out/cli" 2>&1 | grep -E " error " | sort -u || true
tool="$out/tool/Kaohe.Bench.MonthEnd"

# step <label> <cmd…>: runs one step under /usr/bin/time -v; appends "label seconds-inside wall-seconds peak-MB" to $rows.
step() {
  local label=$1; shift
  local log="$dir/$label.log" t="$dir/$label.time"
  /usr/bin/time -v -o "$t" "$@" >"$log" 2>&1 || { echo "step $label failed:"; tail -20 "$log"; exit 1; }
  local inside wall peak
  inside=$(awk '/^STEP /{print $4}' "$log" | tail -1)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$t")
  peak=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$t")
  printf '%s %s %s %s\n' "$label" "${inside:--}" "$wall" "$peak" >>"$rows"
  printf '  %-14s inside %8s s   wall %8s s   peak %6s MB\n' "$label" "${inside:--}" "$wall" "$peak"
}

for n in $sizes; do
  dir="$out/n$n"; rows="$dir/rows.txt"
  db="Host=127.0.0.1;Port=55432;Username=postgres;Database=kaohe_bench_$n;Maximum Pool Size=20"
  echo "N = $n: $(git rev-parse --short HEAD), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -z "$only" ]; then
    rm -rf "$dir"; mkdir -p "$dir"; : >"$rows"
    psql_ -c "DROP DATABASE IF EXISTS kaohe_bench_$n" -c "CREATE DATABASE kaohe_bench_$n"
    # Migrations and the company are setup, not measured.
    "$out/cli/kaohe" period list --db "$db" >/dev/null
    "$tool" setup "$db" "$n" "$dir" | tee "$dir/setup.log"
    step open     "$tool" open "$db" "$dir"
    step fill     "$tool" fill "$db" "$dir" "$workers"
    "$tool" export "$db" "$dir" | tee "$dir/export.log"
    step score    "$out/cli/kaohe" score --scheme "$dir/bench-me.yaml" --input "$dir/score-input.json" --output "$dir/score.json"
    step release  "$tool" release "$db" "$dir"
    step publish  "$tool" publish "$db" "$dir"
  else
    "$out/cli/kaohe" period list --db "$db" >/dev/null   # pending migrations
    sed -i '/^paysheet-/d' "$rows"
  fi
  step paysheet-xlsx "$tool" paysheet "$db" "$dir" xlsx
  step paysheet-csv  "$tool" paysheet "$db" "$dir" csv
  "$tool" check "$db" "$dir" "$dir/score.json" | tee "$dir/check.log"
  awk '$1=="release"{r=$2; rw=$3} $1=="score"{s=$3} END{if (s>0) printf "  release / kaohe score: %.2f (release inside the service / score process wall), %.2f (process walls)\n", r/s, rw/s}' "$rows" | tee "$dir/ratio.txt"
  echo "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
