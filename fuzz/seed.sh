#!/bin/sh
# Builds the seed corpora of the fuzz targets from the samples and fixtures.
# Run from fuzz/: sh seed.sh
set -e
root=$(cd .. && pwd)
mkdir -p corpus/read corpus/values corpus/detect
cp "$root"/samples/*.xlsx "$root"/tests/fixtures/formats/*.xls \
   "$root"/tests/fixtures/formats/*.ods "$root"/tests/fixtures/hostile/*.xlsx corpus/read/
i=0
for v in "1,051" "(465)" "£5,523" "44.0%" "157/357" "20
35" "N/A" "Monitor" "-0.3%" "+9%" "23 weeks" "18.4 days" "(1,365)" "#DIV/0!" "-" \
         "Q4 2016/17" "As at 31 March 2017" "0.0%" "1e308" "Major 4"; do
  printf '%s' "$v" > corpus/values/seed$i
  i=$((i+1))
done
# Each sample's first sheet as tab-separated text (LibreOffice, if present).
if command -v soffice >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  for f in "$root"/samples/*.xlsx; do
    soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):9,34,76' \
      --outdir "$tmp" "$f" >/dev/null 2>&1 || true
  done
  for f in "$tmp"/*.csv; do [ -f "$f" ] && cp "$f" "corpus/detect/$(basename "$f" .csv)"; done
  rm -rf "$tmp"
fi
printf 'Ref\tIndicator\tPolarity\tPeriod Covered\tAnnual 2016/17 Target\tQ4 2016/17 Target\tNumerator / Denominator\tQ4 2016/17 Result\tQ3 2016/17 Result\tDOT Short-Term (From Q3 2016/17)\tQ4 2015/16 Result\tDOT Long-Term (From Q4 2015/16)\tBenchmarking\nFS/S2\tChildren made subject to Child Protection Plan for a second or subsequent time\tSmaller is Better\tAs at 31 March 2017\t15.6%%\t15.6%%\t29/196\t14.2%%\t15.9%%\tImproving\t12.3%%\tWorsening\tLondon: 14%%\n' > corpus/detect/table
