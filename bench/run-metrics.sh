#!/usr/bin/env bash
# Issue 3, benchmark (b): compute every monthly metric (churn_rate, growth_rate, complaint_satisfaction,
# KF-01 … KF-20) for 24 months for the company, every unit subtree and every staff member, over 1,000,000
# customers and 10,000,000 event rows, on SQLite and PostgreSQL — the metric engine (MetricEngine.Compute)
# against ONE hand-written SQL statement (bench/sql/metrics-<provider>.sql) in the same database, and check that
# both give the same numerator, denominator and value for every (metric, scope, month).
#
#   bench/run-metrics.sh                          # full scale, both providers, 3 runs each (medians)
#   bench/run-metrics.sh --customers 20000 --events 200000 --staff 100 --runs 2    # small, seconds
#   bench/run-metrics.sh --providers postgres --runs 5
#
# Steps per provider: generate the dataset once (cached: SQLite file bench/out/metrics/c<C>-e<E>.db, PostgreSQL
# database kaohe_bench_metrics_c<C>_e<E>; reused when its bench_dataset parameters match, verified after a fresh
# generation), then N rounds of [engine process, SQL process] alternately — each process warms up on the last
# month, then times the 24-month computation in-process (Stopwatch, including reading all rows into a dictionary);
# /usr/bin/time -v gives the process's peak RSS — then one check process (engine and SQL compared row by row).
# Results: bench/out/metrics/results-<UTC time>.md (and the logs under bench/out/metrics/logs/).
set -euo pipefail
cd "$(dirname "$0")/.."

customers=1000000
events=10000000
staff=1000
seed=42
first=2024-11
months=24
runs=3
providers="sqlite postgres"
check=yes
pg_base=${KAOHE_BENCH_PG:-Host=127.0.0.1;Port=55432;Username=postgres}

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --staff) staff=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --months) months=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --providers) providers=$2; shift 2 ;;
    --no-check) check=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "未知参数：$1" >&2; usage >&2; exit 2 ;;
  esac
done

out=bench/out/metrics
logs=$out/logs
mkdir -p "$logs"
stamp=$(date -u +%Y%m%d-%H%M%S)
results=$out/results-$stamp.md
bin=$out/bin/Kaohe.Bench.Data.dll

echo "== build (Release) → $out/bin"
if ! dotnet build bench/data -c Release -o "$out/bin" > "$logs/build-$stamp.log" 2>&1; then
  tail -30 "$logs/build-$stamp.log" >&2
  echo "构建失败：见 $logs/build-$stamp.log" >&2
  exit 1
fi

conn_for() {
  case "$1" in
    sqlite) echo "Data Source=$out/c$customers-e$events.db" ;;
    postgres) echo "$pg_base;Database=kaohe_bench_metrics_c${customers}_e${events}" ;;
    *) echo "未知的 provider：$1（sqlite | postgres）" >&2; exit 2 ;;
  esac
}

# "seconds" of the RESULT line and the peak RSS (MiB) of one /usr/bin/time -v log
result_seconds() { grep '^RESULT' "$1" | sed -E 's/.* seconds=([0-9.]+).*/\1/'; }
result_rows() { grep '^RESULT' "$1" | sed -E 's/.* rows=([0-9]+).*/\1/'; }
peak_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "" } else if (NR % 2) { print a[(NR + 1) / 2] } else { printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }
maximum() { sort -n | tail -1; }

{
  echo "# Metrics benchmark (b) — run $stamp UTC"
  echo
  echo "Scale: $customers customers, $events event rows (target), $staff staff, months $first + $months, seed $seed; runs: $runs."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} > "$results"

summary=()
status=0
for provider in $providers; do
  conn=$(conn_for "$provider")
  sql=bench/sql/metrics-$provider.sql
  echo "== $provider"
  if [ "$provider" = postgres ] && ! pg_isready -q -h 127.0.0.1 -p 55432; then
    bash scripts/pg-start.sh > /dev/null
  fi

  gen_log=$logs/generate-$provider-$stamp.log
  echo "   dataset (generate --reuse) …"
  if ! /usr/bin/time -v dotnet "$bin" generate --db "$conn" --customers "$customers" --events "$events" --staff "$staff" \
        --seed "$seed" --first "$first" --months "$months" --reuse > "$gen_log" 2>&1; then
    tail -20 "$gen_log" >&2
    echo "生成数据失败：见 $gen_log" >&2
    exit 1
  fi
  grep -E '^(复用|生成|GENERATED)' "$gen_log" | sed 's/^/   /'
  if grep -q '^GENERATED' "$gen_log"; then
    echo "   verify (derived fields, references) …"
    if ! dotnet "$bin" verify --db "$conn" > "$logs/verify-$provider-$stamp.log" 2>&1; then
      grep -v '^ok' "$logs/verify-$provider-$stamp.log" >&2
      echo "生成的数据未通过检查：见 $logs/verify-$provider-$stamp.log" >&2
      exit 1
    fi
  fi
  info=$(dotnet "$bin" info --db "$conn")

  : > "$logs/times-$provider-$stamp.tsv"
  for r in $(seq 1 "$runs"); do
    for mode in engine sql; do
      log=$logs/time-$provider-$mode-$r-$stamp.log
      if ! /usr/bin/time -v dotnet "$bin" time --db "$conn" --mode "$mode" --sql "$sql" --first "$first" --months "$months" --runs 1 > "$log" 2>&1; then
        tail -30 "$log" >&2
        echo "$provider $mode 第 $r 次失败：见 $log" >&2
        exit 1
      fi
      printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$r" "$(result_seconds "$log")" "$(peak_mib "$log")" "$(result_rows "$log")" >> "$logs/times-$provider-$stamp.tsv"
      echo "   run $r $mode: $(result_seconds "$log") s, $(peak_mib "$log") MiB, $(result_rows "$log") rows"
    done
  done

  check_line="not run (--no-check)"
  if [ "$check" = yes ]; then
    check_log=$logs/check-$provider-$stamp.log
    echo "   check (engine = SQL for every metric, scope, month) …"
    if dotnet "$bin" check --db "$conn" --sql "$sql" --first "$first" --months "$months" > "$check_log" 2>&1; then :; else status=1; fi
    check_line=$(grep '^CHECK' "$check_log" || echo "CHECK crashed: see $check_log")
    echo "   $check_line"
  fi

  t=$logs/times-$provider-$stamp.tsv
  e_med=$(awk -F'\t' '$1 == "engine" { print $3 }' "$t" | median)
  s_med=$(awk -F'\t' '$1 == "sql" { print $3 }' "$t" | median)
  e_mem=$(awk -F'\t' '$1 == "engine" { print $4 }' "$t" | maximum)
  s_mem=$(awk -F'\t' '$1 == "sql" { print $4 }' "$t" | maximum)
  e_all=$(awk -F'\t' '$1 == "engine" { printf "%s%s", sep, $3; sep = ", " }' "$t")
  s_all=$(awk -F'\t' '$1 == "sql" { printf "%s%s", sep, $3; sep = ", " }' "$t")
  rows=$(awk -F'\t' '$1 == "engine" { print $5; exit }' "$t")
  ratio=$(awk -v e="$e_med" -v s="$s_med" 'BEGIN { printf "%.2f", e / s }')
  {
    echo "## $provider"
    echo
    echo '```'
    echo "$info"
    echo '```'
    echo
    echo "| side | median wall s | all runs s | peak RSS MiB (max) | rows |"
    echo "|---|--:|--:|--:|--:|"
    echo "| engine (MetricEngine.Compute) | $e_med | $e_all | $e_mem | $rows |"
    echo "| hand SQL ($sql) | $s_med | $s_all | $s_mem | $rows |"
    echo
    echo "**engine / SQL = ${ratio}×** (target ≤ 2×). Check: $check_line"
    echo
  } >> "$results"
  summary+=("$provider: engine ${e_med} s, SQL ${s_med} s, engine/SQL ${ratio}×; $check_line")
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
echo
echo "== summary ($results)"
printf '%s\n' "${summary[@]}"
exit $status
