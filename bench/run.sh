#!/usr/bin/env bash
# Benchmark: score N subjects of a template through the kaohe CLI (CSV → JSON with explanations) and,
# in the same run, LibreOffice Calc recalculating an equivalent workbook of the same N rows with the same
# formulas (soffice --headless --convert-to csv). Reports wall time, subjects/s, peak RSS
# (/usr/bin/time -v "Maximum resident set size") and the ratio LibreOffice wall / kaohe wall; then runs
# kaohe alone at several N to show that memory does not grow with N.
#
# See bench/README.md for figures and details.   Usage: bench/run.sh --help
set -uo pipefail

usage() {
    cat <<'EOF'
usage: bench/run.sh [options]

  -t, --template ID      template to benchmark: TPL-01 (default); TPL-23 is not yet available
  -n, --n N              subjects for the kaohe-vs-LibreOffice comparison (default 100000)
      --scale "N1 N2 …"  N values for the kaohe-only memory runs (default "10000 100000"; "" = skip)
      --seed S           generator seed (default 42)
      --lo-format F      workbook LibreOffice loads: xlsx (default, fastest), ods or fods
      --runs R           timed repetitions of each measurement (default 1); medians are reported
      --only WHAT        all (default) | kaohe | lo
      --skip-build       reuse bench/out/gen and bench/out/cli as they are
      --wait-idle S      before each timed run wait up to S seconds for an idle CPU (default 0: no wait)
  -h, --help

Everything is written under bench/out/ (inputs, outputs, logs, results-*.md).
Environment: SOFFICE (default soffice), DOTNET (default dotnet).
EOF
}

TEMPLATE=TPL-01
N=100000
SCALE="10000 100000"
SEED=42
LO_FORMAT=xlsx
RUNS=1
ONLY=all
SKIP_BUILD=0
WAIT_IDLE=0
SOFFICE=${SOFFICE:-soffice}
DOTNET=${DOTNET:-dotnet}

while [[ $# -gt 0 ]]; do
    case "$1" in
        -t|--template) TEMPLATE=${2:?}; shift 2 ;;
        -n|--n) N=${2:?}; shift 2 ;;
        --scale) SCALE=${2-}; shift 2 ;;
        --seed) SEED=${2:?}; shift 2 ;;
        --lo-format) LO_FORMAT=${2:?}; shift 2 ;;
        --runs) RUNS=${2:?}; shift 2 ;;
        --only) ONLY=${2:?}; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --wait-idle) WAIT_IDLE=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

die() { echo "run.sh: $*" >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "--n must be a positive integer"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $WAIT_IDLE =~ ^[0-9]+$ ]] || die "--wait-idle must be a number of seconds"
for s in $SCALE; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "--scale values must be positive integers"; done
[[ $ONLY =~ ^(all|kaohe|lo)$ ]] || die "--only must be all, kaohe or lo"
[[ $LO_FORMAT =~ ^(xlsx|ods|fods)$ ]] || die "--lo-format must be xlsx, ods or fods"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
OUT=bench/out
LOGS=$OUT/logs
mkdir -p "$OUT" "$LOGS"

# ---- template → generator commands and scheme id -------------------------------------------------
# To add a template: give its generator subcommands (CSV input, equivalent workbook) and the scheme id.
case "$TEMPLATE" in
    TPL-01|tpl01|tpl-01)
        TEMPLATE=TPL-01; STEM=tpl01; GEN_CSV=tpl01; GEN_BOOK=tpl01-ods; SCHEME=TPL-01 ;;
    TPL-23|tpl23|tpl-23)
        echo "TPL-23: not yet — the generator subcommand 'tpl23' (and its equivalent workbook) has not been specified." >&2
        echo "        No measurement was made and no figures are reported for TPL-23." >&2
        exit 3 ;;
    *) die "unknown template '$TEMPLATE' (supported: TPL-01; TPL-23 not yet)" ;;
esac

# The command under test. Edit here if the CLI's options change.
KAOHE=$OUT/cli/kaohe
kaohe_argv() { # input output → KCMD
    KCMD=("$KAOHE" score --scheme "$SCHEME" --input "$1" --output "$2" --format json)
}
LO_PROFILE="$ROOT/$OUT/lo-profile"          # dedicated LibreOffice user profile (isolated, pre-warmed)
LO_FILTER='csv:Text - txt - csv (StarCalc):44,34,76'   # comma, double quote, UTF-8
lo_argv() { # workbook outdir → LCMD
    LCMD=("$SOFFICE" "-env:UserInstallation=file://$LO_PROFILE" --headless --norestore --convert-to "$LO_FILTER" --outdir "$2" "$1")
}
show() { local a out=""; for a in "$@"; do if [[ $a =~ [^-A-Za-z0-9_./:=,@+] ]]; then out+=" '$a'"; else out+=" $a"; fi; done; echo "${out# }"; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install -y time)"
command -v "$DOTNET" >/dev/null || die "dotnet not found"
if [[ $ONLY != kaohe ]]; then command -v "$SOFFICE" >/dev/null || die "soffice not found (apt-get install -y libreoffice-calc)"; fi

STATUS=0
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$OUT/results-$STAMP.md

# ---- build ----------------------------------------------------------------------------------------
GEN=$OUT/gen/Kaohe.Bench.Gen
KAOHE_OK=1
if [[ $SKIP_BUILD == 0 ]]; then
    echo "» building generator (bench/gen, Release)" >&2
    "$DOTNET" build bench/gen/Kaohe.Bench.Gen.csproj -c Release -o "$OUT/gen" --nologo -v quiet >"$LOGS/build-gen.log" 2>&1 \
        || { cat "$LOGS/build-gen.log" >&2; die "generator build failed"; }
    if [[ $ONLY != lo ]]; then
        echo "» publishing the CLI (src/Kaohe.Cli, Release) → $OUT/cli" >&2
        if ! "$DOTNET" publish src/Kaohe.Cli -c Release -o "$OUT/cli" --nologo >"$LOGS/publish-cli.log" 2>&1; then
            echo "run.sh: the CLI did not build — kaohe is NOT measured (see $LOGS/publish-cli.log):" >&2
            grep -E 'error' "$LOGS/publish-cli.log" | sort -u | head -5 >&2
            KAOHE_OK=0; STATUS=1
        fi
    fi
fi
[[ -x $GEN ]] || die "generator not built ($GEN); run without --skip-build"
if [[ $ONLY != lo && $KAOHE_OK == 1 && ! -x $KAOHE ]]; then
    echo "run.sh: $KAOHE not found — kaohe is NOT measured" >&2; KAOHE_OK=0; STATUS=1
fi

# ---- inputs (generated once per N and seed; row i depends only on seed and i) ----------------------
csv_for()  { echo "$OUT/$STEM-n$1-s$SEED.csv"; }
book_for() { echo "$OUT/$STEM-n$1-s$SEED.$LO_FORMAT"; }
ensure() { # kind file n
    [[ -s $2 ]] && return 0
    "$GEN" "$1" --n "$3" --seed "$SEED" --out "$2" || die "generator failed: $1 → $2"
}

# ---- measurement ---------------------------------------------------------------------------------
# The machine may be shared: other processes competing for the CPU inflate wall time but hardly CPU time.
# So every measurement also records user+sys CPU seconds and the 1-minute load average at its start, and
# --wait-idle S waits (up to S seconds) for a quiet CPU before each timed run.
cpu_pressure() { awk '/^some/ { sub("avg10=", "", $2); print $2 }' /proc/pressure/cpu 2>/dev/null || echo 0; }
wait_idle() {
    [[ $WAIT_IDLE -gt 0 ]] || return 0
    local waited=0
    while awk -v p="$(cpu_pressure)" 'BEGIN { exit !(p > 10) }'; do
        if [[ $waited -ge $WAIT_IDLE ]]; then echo "   CPU still busy after ${WAIT_IDLE}s (pressure $(cpu_pressure)%); measuring anyway" >&2; return 0; fi
        [[ $waited == 0 ]] && echo "   waiting for an idle CPU (pressure $(cpu_pressure)%)…" >&2
        sleep 5; waited=$((waited + 5))
    done
}

# measure LABEL N LOGNAME cmd…  → sets M_WALL (s), M_CPU (user+sys s), M_RSS (KiB), M_LOAD, M_RC
measure() {
    local label=$1 n=$2 log=$3; shift 3
    wait_idle
    M_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    echo "» $label, N = $n (load $M_LOAD): $*" >&2
    local t0 t1
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$LOGS/$log.time" "$@" >"$LOGS/$log.out" 2>"$LOGS/$log.err"
    M_RC=$?
    t1=$EPOCHREALTIME
    M_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    M_RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$LOGS/$log.time")
    M_CPU=$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$LOGS/$log.time")
    if [[ $M_RC != 0 ]]; then
        echo "   exit code $M_RC — see $LOGS/$log.err" >&2
        tail -5 "$LOGS/$log.err" >&2
    fi
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof()  { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }

TABLE_HEAD='| tool | template | N | wall s | subjects/s | CPU s (user+sys) | peak RSS MiB | load at start | check |
|---|---|--:|--:|--:|--:|--:|--:|---|'
ROWS=()
row() { # tool n wall cpu rss loads check
    local sps mib
    sps=$(thousands "$(awk -v n="$2" -v w="$3" 'BEGIN { printf "%.0f", n / w }')")
    mib=$(awk -v k="$5" 'BEGIN { printf "%.0f", k / 1024 }')
    ROWS+=("| $1 | $TEMPLATE | $(thousands "$2") | $(awk -v w="$3" 'BEGIN { printf "%.2f", w }') | $sps | $(awk -v c="$4" 'BEGIN { printf "%.2f", c }') | $mib | $6 | $7 |")
}
failrow() { ROWS+=("| $1 | $TEMPLATE | $(thousands "$2") | — | — | — | — | — | $3 |"); }

# series TOOL N LOGNAME OUTFILE cmd… : RUNS timed runs → S_WALL (median), S_CPU (median), S_RSS (max), S_LOADS; S_OK
series() {
    local tool=$1 n=$2 log=$3 outfile=$4 r walls="" cpus="" rsss=""; shift 4
    S_LOADS=""; S_OK=1
    for ((r = 1; r <= RUNS; r++)); do
        rm -f "$outfile"
        measure "$tool run $r" "$n" "$log-r$r" "$@"
        if [[ $M_RC != 0 || ! -s $outfile ]]; then S_OK=0; S_FAIL="exit $M_RC, $( [[ -s $outfile ]] && echo output written || echo no output ); $LOGS/$log-r$r.err"; return; fi
        walls+=" $M_WALL"; cpus+=" $M_CPU"; rsss+=" $M_RSS"; S_LOADS+="${S_LOADS:+ / }$M_LOAD"
    done
    S_WALL=$(echo "$walls" | median); S_CPU=$(echo "$cpus" | median); S_RSS=$(echo "$rsss" | maxof)
}

# kaohe_run N TAG → K_WALL K_CPU (empty on failure)
kaohe_run() {
    local n=$1 tag=$2 in out check
    in=$(csv_for "$n"); out=$OUT/$STEM-n$n-s$SEED.json
    ensure "$GEN_CSV" "$in" "$n"
    kaohe_argv "$in" "$out"
    K_WALL=""; K_CPU=""
    series kaohe "$n" "kaohe-$STEM-n$n-$tag" "$out" "${KCMD[@]}"
    if [[ $S_OK == 0 ]]; then failrow kaohe "$n" "FAILED ($S_FAIL)"; STATUS=1; return; fi
    if "$GEN" check-json --json "$out" --n "$n" --seed "$SEED" 2>"$LOGS/check-json-n$n.log"; then check="output checked: $(sed -n 's/.*— //p' "$LOGS/check-json-n$n.log")"
    else check="CHECK FAILED: $(tail -1 "$LOGS/check-json-n$n.log")"; STATUS=1; fi
    K_WALL=$S_WALL; K_CPU=$S_CPU
    row kaohe "$n" "$S_WALL" "$S_CPU" "$S_RSS" "$S_LOADS" "$check"
}

# lo_run N → L_WALL L_CPU (empty on failure)
lo_run() {
    local n=$1 book csv check
    book=$(book_for "$n")
    ensure "$GEN_BOOK" "$book" "$n"
    csv=$OUT/lo/$(basename "${book%.*}").csv
    if pgrep -f "UserInstallation=file://$LO_PROFILE" >/dev/null; then
        die "a LibreOffice instance is already using $LO_PROFILE; it would take over the conversion and the timing would be wrong"
    fi
    lo_argv "$book" "$OUT/lo"
    L_WALL=""; L_CPU=""
    series LibreOffice "$n" "lo-$STEM-n$n-$LO_FORMAT" "$csv" "${LCMD[@]}"
    if [[ $S_OK == 0 ]]; then failrow "LibreOffice Calc ($LO_FORMAT)" "$n" "FAILED ($S_FAIL)"; STATUS=1; return; fi
    # Not timed: every exported row must equal the C# reference (proves LibreOffice really calculated).
    if "$GEN" verify --lo-csv "$csv" --n "$n" --seed "$SEED" 2>"$LOGS/verify-n$n.log"; then check="all $(thousands "$n") rows recalculated, = C# reference"
    else check="VERIFY FAILED: $(tail -1 "$LOGS/verify-n$n.log")"; STATUS=1; fi
    L_WALL=$S_WALL; L_CPU=$S_CPU
    row "LibreOffice Calc ($LO_FORMAT)" "$n" "$S_WALL" "$S_CPU" "$S_RSS" "$S_LOADS" "$check"
}

# ---- warm-up (untimed): first start of each tool, LibreOffice profile creation, page cache ----------
if [[ $ONLY != kaohe ]]; then
    echo "» warming up LibreOffice (profile $LO_PROFILE)" >&2
    ensure "$GEN_BOOK" "$OUT/warmup/$STEM-n10.$LO_FORMAT" 10
    # (LibreOffice's CSV goes to warmup/lo so it cannot collide with kaohe's warm-up input warmup/$STEM-n10.csv)
    lo_argv "$OUT/warmup/$STEM-n10.$LO_FORMAT" "$OUT/warmup/lo"
    "${LCMD[@]}" >"$LOGS/lo-warmup.log" 2>&1 \
        || { cat "$LOGS/lo-warmup.log" >&2; die "LibreOffice warm-up conversion failed"; }
fi
if [[ $ONLY != lo && $KAOHE_OK == 1 ]]; then
    echo "» warming up kaohe" >&2
    ensure "$GEN_CSV" "$OUT/warmup/$STEM-n10.csv" 10
    kaohe_argv "$OUT/warmup/$STEM-n10.csv" "$OUT/warmup/$STEM-n10.json"
    "${KCMD[@]}" >"$LOGS/kaohe-warmup.log" 2>&1 \
        || echo "run.sh: kaohe warm-up failed (see $LOGS/kaohe-warmup.log)" >&2
fi

# ---- 1. comparison at N ----------------------------------------------------------------------------
K_WALL=""; L_WALL=""
if [[ $ONLY != lo ]]; then
    if [[ $KAOHE_OK == 1 ]]; then kaohe_run "$N" cmp; else failrow kaohe "$N" "not measured: the CLI did not build ($LOGS/publish-cli.log)"; fi
fi
[[ $ONLY != kaohe ]] && lo_run "$N"
CMP_ROWS=("${ROWS[@]}")

RATIO="n/a"; CPU_RATIO="n/a"
if [[ -n $K_WALL && -n $L_WALL ]]; then
    RATIO=$(awk -v l="$L_WALL" -v k="$K_WALL" 'BEGIN { printf "%.1f×", l / k }')
    CPU_RATIO=$(awk -v l="$L_CPU" -v k="$K_CPU" 'BEGIN { if (k > 0) printf "%.1f×", l / k; else print "n/a" }')
fi

# ---- 2. kaohe alone at several N (memory vs N) -----------------------------------------------------
ROWS=()
if [[ $ONLY != lo && $KAOHE_OK == 1 && -n $SCALE ]]; then
    for s in $SCALE; do kaohe_run "$s" scale; done
fi
SCALE_ROWS=("${ROWS[@]}")

# ---- report ----------------------------------------------------------------------------------------
{
    echo "## $TEMPLATE benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $("$DOTNET" --version 2>/dev/null | sed 's/^/.NET SDK /'); $("$SOFFICE" --version 2>/dev/null | head -1 | cut -d' ' -f1-2)"
    echo "Seed $SEED; runs per measurement: $RUNS (median wall and CPU, max RSS); load = 1-min load average before each run (> $(nproc) means other work competed for the CPU and inflated wall time)."
    echo
    kaohe_argv "$(csv_for "$N")" "$OUT/$STEM-n$N-s$SEED.json"; lo_argv "$(book_for "$N")" "$OUT/lo"
    echo "kaohe: \`/usr/bin/time -v $(show "${KCMD[@]}")\`"
    echo
    echo "LibreOffice: \`/usr/bin/time -v $(show "${LCMD[@]}")\`"
    echo
    echo "$TABLE_HEAD"
    printf '%s\n' "${CMP_ROWS[@]}"
    echo
    echo "Ratio LibreOffice wall / kaohe wall at N = $(thousands "$N"): **$RATIO** (CPU time ratio: $CPU_RATIO)"
    if [[ ${#SCALE_ROWS[@]} -gt 0 ]]; then
        echo
        echo "kaohe alone — peak memory vs N:"
        echo
        echo "$TABLE_HEAD"
        printf '%s\n' "${SCALE_ROWS[@]}"
    fi
} | tee "$RESULTS"
echo >&2
echo "(saved to $RESULTS; logs in $LOGS)" >&2
exit $STATUS
