#!/usr/bin/env bash
# Benchmark (a) of issue 3: import N visit rows from CSV with `kaohe import visits`, on SQLite and on PostgreSQL,
# against PostgreSQL's own COPY of the same file into a plain table in the same run.
# Usage: bench/import/run.sh [N]   (default 1,000,000). Output under bench/out/import/.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
out=bench/out/import
mkdir -p "$out"
pg=$(bash scripts/pg-start.sh)
psql_() { psql -h 127.0.0.1 -p 55432 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

dotnet publish src/Kaohe.Cli -c Release -o "$out/cli" >/dev/null
kaohe="$out/cli/kaohe"

# The reference data (units, staff, customers) the visits refer to: the demo company's masters.
if [ ! -e "$out/masters.ok" ] || [ ! -s "$out/base.db" ]; then
  rm -f "$out/base.db"
  "$kaohe" demo --customers 20000 --last-month 2026-10 --db "Data Source=$out/base.db" >/dev/null
  touch "$out/masters.ok"
fi

csv="$out/visits-$n.csv"
if [ ! -s "$csv" ]; then
  # Planned follow-ups and visits in November 2026 (an open month), spread over 20,000 customers and 60 managers.
  awk -v n="$n" 'BEGIN {
    print "记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功";
    for (i = 0; i < n; i++) {
      c = sprintf("C%06d", 1 + (i * 7919) % 20000); s = sprintf("E%04d", 13 + (i * 31) % 60);
      d = 1 + i % 28; kind = (i % 3 == 0) ? "拜访" : ((i % 3 == 1) ? "回访" : "电话回访");
      done = (i % 10 < 9) ? sprintf("2026-11-%02d", d) : "";
      ok = (done == "") ? "" : ((i % 5 == 0) ? "否" : "是");
      printf "BM%08d,%s,%s,%s,2026-11-%02d,%s,%s\n", i, c, s, kind, d, done, ok } }' > "$csv"
fi
bytes=$(stat -c %s "$csv")

time_it() { # label, command…  → "label wall_s rss_mib"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/$label.log" 2>&1 || { cat "$out/$label.log"; exit 1; }
  read -r wall rss < "$out/time.txt"
  echo "$label $wall $((rss / 1024))"
}

results=()
# SQLite: a fresh copy of the masters each run.
cp "$out/base.db" "$out/sqlite.db"; rm -f "$out/sqlite.db-wal" "$out/sqlite.db-shm"
results+=("$(time_it kaohe-sqlite "$kaohe" import visits "$csv" -q --db "Data Source=$out/sqlite.db")")

# PostgreSQL: a fresh database with the same masters (imported from the demo's CSV exports would be slow:
# rebuild the demo there), then the import, then COPY of the same file into a plain table.
psql_ -d postgres -c "DROP DATABASE IF EXISTS kaohe_bench_import WITH (FORCE)" -c "CREATE DATABASE kaohe_bench_import"
pgconn="Host=127.0.0.1;Port=55432;Username=postgres;Database=kaohe_bench_import"
"$kaohe" demo --customers 20000 --last-month 2026-10 --db "$pgconn" >/dev/null
results+=("$(time_it kaohe-postgres "$kaohe" import visits "$csv" -q --db "$pgconn")")
psql_ -d kaohe_bench_import -c "DROP TABLE IF EXISTS copy_visits" -c "CREATE TABLE copy_visits (code text, customer text, staff text, kind text, planned date, done date, success text)"
results+=("$(time_it postgres-copy psql -h 127.0.0.1 -p 55432 -U postgres -d kaohe_bench_import -v ON_ERROR_STOP=1 -q -c "\\copy copy_visits FROM '$csv' WITH (FORMAT csv, HEADER true)")")

# The same file loaded by hand into the same indexed, constrained visits table: COPY into a staging table, then one
# INSERT … SELECT that resolves the codes and derives the fields as kaohe does (no validation messages, no
# change detection). This is the floor for any loader that keeps the table's indexes and foreign keys.
psql_ -d kaohe_bench_import -c "TRUNCATE visits" -c "VACUUM ANALYZE visits"
cat > "$out/hand.sql" <<SQL
BEGIN;
CREATE TEMP TABLE stage (code text, customer text, staff text, kind text, planned date, done date, success text) ON COMMIT DROP;
\\copy stage FROM '$csv' WITH (FORMAT csv, HEADER true)
INSERT INTO visits ("Code", "CustomerId", "StaffId", "UnitId", "Kind", "IsFollowUp", "Planned", "PlannedOn", "DoneOn", "Month", "Success", "Attempt")
SELECT s.code, c."Id", e."Id", e."UnitId", s.kind, s.kind LIKE '%回访%', s.planned IS NOT NULL, s.planned, s.done,
       to_char(coalesce(s.done, s.planned), 'YYYYMM')::int, CASE s.success WHEN '是' THEN true WHEN '否' THEN false END, NULL
FROM stage s JOIN customers c ON c."Code" = s.customer JOIN staff e ON e."EmployeeNo" = s.staff
ON CONFLICT ("Code") DO NOTHING;
COMMIT;
SQL
results+=("$(time_it postgres-copy+insert psql -h 127.0.0.1 -p 55432 -U postgres -d kaohe_bench_import -v ON_ERROR_STOP=1 -q -f "$out/hand.sql")")
hand_rows=$(psql_ -d kaohe_bench_import -Atc "SELECT count(*) FROM visits")
[ "$hand_rows" = "$n" ] || { echo "hand-written load wrote $hand_rows rows, not $n" >&2; exit 1; }

copy_wall=$(printf '%s\n' "${results[@]}" | awk '$1=="postgres-copy"{print $2}')
echo
echo "N = $n rows, $((bytes / 1024 / 1024)) MiB CSV; $(nproc) cores"
hand_wall=$(printf '%s\n' "${results[@]}" | awk '$1=="postgres-copy+insert"{print $2}')
echo "| run | wall s | rows/s | peak RSS MiB | × COPY | × COPY+INSERT |"
echo "|---|--:|--:|--:|--:|--:|"
for r in "${results[@]}"; do
  set -- $r
  echo "| $1 | $2 | $(awk -v n="$n" -v w="$2" 'BEGIN{printf "%d", n / w}') | $3 | $(awk -v w="$2" -v c="$copy_wall" 'BEGIN{printf "%.1f", w / c}') | $(awk -v w="$2" -v c="$hand_wall" 'BEGIN{printf "%.2f", w / c}') |"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
