#!/usr/bin/env python3
"""Benchmark peak memory: `smarketd import` of a 1 GB CSV.

    bench/memory.py                          # 1,000,000,000 bytes
    SMARKETD_BENCH_BYTES=100MiB bench/memory.py

The feed is generated into a temporary folder on the file system with the most free
space (SMARKETD_BENCH_DIR, /var/tmp or /tmp), because /tmp may be a small tmpfs. The
figure is the peak RSS (ru_maxrss from wait4(2), the number `/usr/bin/time -v` prints
as "Maximum resident set size") of the import process. Goal: under 64 MB, counted as
a failure only with SMARKETD_BENCH_STRICT=1.
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from generate import parse_size  # noqa: E402
from ingest import timed, work_folder  # noqa: E402

GOAL_BYTES = 64 * 1000 * 1000


def main():
    size = parse_size(os.environ.get("SMARKETD_BENCH_BYTES", "1000000000"))
    strict = os.environ.get("SMARKETD_BENCH_STRICT") == "1"
    tally = harness.Tally("memory")
    binary = harness.smarketd_binary()
    folder = work_folder()
    try:
        feed = os.path.join(folder, "big.csv")
        counts = harness.generate_in_child(feed, "--size", str(size), "--seed", "11",
                                           "--repeat-rate", "0.05")
        feed_bytes = os.path.getsize(feed)
        print(f"feed: {feed_bytes:,} bytes, {counts.rows:,} rows, "
              f"{counts.distinct_emails:,} distinct emails")
        # The example configuration caps files at 1 GiB; a larger request raises the cap.
        cap = max(feed_bytes + (1 << 20), 1 << 30)
        extra = (f"limits: {{max_file_size: {cap}, max_unpacked_size: {4 * cap}, "
                 "max_line_length: 1MiB, max_columns: 1000}\n")
        config = harness.write_config(os.path.join(folder, "smarketd"), extra=extra)
        with open(os.path.join(folder, "import.log"), "wb") as log:
            status, seconds, peak_kib = timed(
                [binary, "--config", config, "import", "--inbox", "web", feed],
                stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                env=dict(os.environ, SMARKETD_LOG="stderr"))
        tally.check(status == 0, "smarketd import exits 0", f"exit {status}")
        peak = peak_kib * 1024
        print(f"import: {seconds:.1f} s, {feed_bytes / seconds / (1 << 20):.2f} MiB/s")
        harness.report_goal(tally, strict, "peak RSS",
                            f"{peak / 1e6:.1f} MB ({peak_kib / 1024:.1f} MiB)", "under 64 MB",
                            peak < GOAL_BYTES)
    finally:
        if os.environ.get("SMARKETD_BENCH_KEEP") == "1":
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
