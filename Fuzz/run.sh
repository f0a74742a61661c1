#!/bin/sh
# Runs each libFuzzer target for SECONDS (default 30): ./Fuzz/run.sh [SECONDS]
#
# Seeds come from Tests/Fixtures/corpus (CSV and TSV files for the CSV reader, JSON and
# NDJSON files for the JSON reader) and from the conditions in config/local.yaml plus a
# few written here (for the expression parser). Inputs that libFuzzer finds go to
# Fuzz/.build/corpus/TARGET; a crashing input is saved in Fuzz/.build/artifacts/. Leaks inside the
# toolchain's own libraries are suppressed by Fuzz/lsan.supp.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
out="$root/Fuzz/.build"
fixtures="$root/Tests/Fixtures/corpus"
"$root/Fuzz/build.sh" || { echo "FAIL fuzz: the targets do not build"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p "$out/corpus/CSVReaderFuzz" "$out/corpus/JSONReaderFuzz" "$out/corpus/ExpressionFuzz" \
    "$out/artifacts"
cp "$fixtures"/*.csv "$fixtures"/*.tsv "$fixtures"/bad/*.csv "$out/corpus/CSVReaderFuzz/"
cp "$fixtures"/*.json "$fixtures"/*.ndjson "$fixtures"/bad/*.json "$out/corpus/JSONReaderFuzz/"
number=0
{
    sed -n "s/.*if: '\([^']*\)'.*/\1/p" "$root/config/local.yaml"
    cat <<'SEEDS'
country in ["DE", "AT", "CH"] and not has phone
score >= 50 or stage == "mql"
custom.budget > 10000 and job_title ~ /(?i)^vp\b/
not (company == "Contoso GmbH" or email ~ /@contoso\.example$/)
employees <= 200 and source != "partner"
SEEDS
} | while IFS= read -r line; do
    number=$((number + 1))
    printf '%s' "$line" > "$out/corpus/ExpressionFuzz/seed-$number"
done

passed=0
failed=0
for target in CSVReaderFuzz JSONReaderFuzz ExpressionFuzz; do
    log="$out/$target.log"
    if LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp" "$out/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/artifacts/$target-" "$out/corpus/$target" >"$log" 2>&1; then
        runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
        echo "PASS fuzz: $target ran ${runs:-?} inputs in ${seconds} s without a crash"
        passed=$((passed + 1))
    else
        echo "FAIL fuzz: $target found a crash; see $log and $out/artifacts/"
        grep -m 5 -E "ERROR|Fatal error|SUMMARY|Test unit written" "$log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
