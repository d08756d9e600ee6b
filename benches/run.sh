#!/usr/bin/env bash
# Measures kpicheck against the floor (calamine reading every cell) on one
# generated corpus per size, in one run, and prints a Markdown table for
# docs/performance.md.
#
#   benches/run.sh                 # sizes 1000 4000 16000, 200,000-row sheet
#   SIZES="1000" BIG=50000 benches/run.sh
#
# Needs only the Rust toolchain and /usr/bin/time (GNU time, for peak RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 4000 16000"}
BIG=${BIG:-200000}
WORK=${WORK:-target/bench}
mkdir -p "$WORK"
cargo build --release --quiet --bin kpicheck --example gen_corpus --example read_floor
BIN=target/release
TIME=/usr/bin/time

# run LABEL FILES BYTES FLOOR_SECONDS CMD... -> prints a table row, echoes seconds
measure() {
    local out
    out=$("$TIME" -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    echo "$out"
}

row() {
    local label=$1 files=$2 bytes=$3 floor=$4 secs=$5 rss=$6
    awk -v l="$label" -v f="$files" -v b="$bytes" -v fl="$floor" -v s="$secs" -v r="$rss" 'BEGIN {
        if (s <= 0) s = 0.01
        ratio = (fl > 0) ? sprintf("%.2f", s / fl) : "-"
        printf "| %s | %d | %.2f | %.0f | %.1f | %s | %.0f |\n", l, f, s, f / s, b / s / 1048576, ratio, r / 1024
    }'
}

echo "| step | files | seconds | files/s | MB/s | x floor | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for n in $SIZES; do
    dir="$WORK/corpus-$n"
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir"
        "$BIN/examples/gen_corpus" "$n" "$dir" >/dev/null
        touch "$dir/.done"
    fi
    bytes=$(du -sb "$dir" | cut -f1)
    for j in 1 2; do
        read -r fs fr < <(measure "$BIN/examples/read_floor" -j $j "$dir")
        row "floor, $j thread(s)" "$n" "$bytes" "$fs" "$fs" "$fr"
        read -r rs rr < <(measure "$BIN/examples/read_floor" -j $j --kpicheck "$dir")
        row "kpicheck's read, $j thread(s)" "$n" "$bytes" "$fs" "$rs" "$rr"
        read -r cs cr < <(measure "$BIN/kpicheck" check -j $j --format json --fail-on never "$dir")
        row "check, $j thread(s)" "$n" "$bytes" "$fs" "$cs" "$cr"
        if "$BIN/kpicheck" fix --help >/dev/null 2>&1; then
            rm -rf "$WORK/fixed-$n"
            read -r xs xr < <(measure "$BIN/kpicheck" fix -j $j --format json --fail-on never --out "$WORK/fixed-$n" "$dir")
            row "fix, $j thread(s)" "$n" "$bytes" "$fs" "$xs" "$xr"
        fi
        if "$BIN/kpicheck" import --help >/dev/null 2>&1; then
            rm -f "$WORK/bench-$n.db"*
            read -r is ir < <(measure "$BIN/kpicheck" import -j $j --db "$WORK/bench-$n.db" "$dir")
            row "import, $j thread(s)" "$n" "$bytes" "$fs" "$is" "$ir"
        fi
    done
done
if [ "$BIG" -gt 0 ]; then
    dir="$WORK/big-$BIG"
    if [ ! -f "$dir/big.xlsx" ]; then
        rm -rf "$dir"
        "$BIN/examples/gen_corpus" 0 "$dir" --big "$BIG" >/dev/null
    fi
    bytes=$(stat -c %s "$dir/big.xlsx")
    read -r fs fr < <(measure "$BIN/examples/read_floor" -j 1 "$dir/big.xlsx")
    row "floor, $BIG-row sheet" 1 "$bytes" "$fs" "$fs" "$fr"
    read -r rs rr < <(measure "$BIN/examples/read_floor" -j 1 --kpicheck "$dir/big.xlsx")
    row "kpicheck's read, $BIG-row sheet" 1 "$bytes" "$fs" "$rs" "$rr"
    read -r cs cr < <(measure "$BIN/kpicheck" check -j 1 --format json --fail-on never "$dir/big.xlsx")
    row "check, $BIG-row sheet" 1 "$bytes" "$fs" "$cs" "$cr"
fi
