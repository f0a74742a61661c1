#!/bin/sh
# Runs every fault test against .build/release/smarketd: tests/faults/run.sh [quick]
#
# quick (for CI, a few minutes): 100 kills, 7,000 burst files (still past the 16,384
# inotify events of the default queue). Without it: 150 kills and 20,000 burst files.
# The disk full test needs root and reports itself skipped otherwise.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = quick ]; then
    kills=100
    files=7000
else
    kills=150
    files=20000
fi

passed=0
failed=0
run() {
    echo "== $*"
    start=$(date +%s)
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    echo "== $* took $(( $(date +%s) - start )) s"
}
run env SMARKETD_FAULT_KILLS=$kills python3 "$here/crash.py"
run env SMARKETD_FAULT_FILES=$files python3 "$here/burst.py"
run python3 "$here/bad_input.py"
run python3 "$here/disk_full.py"
run python3 "$here/read_only.py"
run python3 "$here/stop_after_ready.py"
echo "fault scripts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
