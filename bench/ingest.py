#!/usr/bin/env python3
"""Benchmark bulk ingest: `smarketd import` of one CSV against two floors.

    bench/ingest.py            # 1,000,000 leads
    SMARKETD_BENCH_LEADS=50000 bench/ingest.py

One generated CSV (10% repeats, 0.1% rejected rows) is ingested three ways, one
after another on the same disk:

- `smarketd import` with config/local.yaml's rules and temporary paths (release build);
- (a) `sqlite3 DB ".import --csv FEED leads"`, a plain table with no per-row work:
  the floor for any CSV-to-SQLite tool; goal: smarketd at most 3x its time;
- (b) bench/peer.py, the same per-lead work in Python's csv and sqlite3 modules in
  one transaction; goal: smarketd at most 0.5x its time.

Then the write floor (write_floor.py): smarketd's finished rows copied into an empty
database with the same schema. An import that stores those rows is unlikely to be faster,
so the floor is printed against both goals.

Wall time and peak RSS come from wait4(2) on each child. Goals are printed, and count
as failures only with SMARKETD_BENCH_STRICT=1; the checks that count are that every
run succeeds and that smarketd holds one lead per distinct email.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import write_floor  # noqa: E402


def work_folder():
    """Make a temporary folder on the file system with the most free space of /var/tmp and /tmp."""
    candidates = [os.environ.get("SMARKETD_BENCH_DIR"), "/var/tmp", tempfile.gettempdir()]
    usable = [path for path in candidates if path and os.path.isdir(path)]
    best = max(usable, key=lambda path: shutil.disk_usage(path).free)
    return tempfile.mkdtemp(prefix="smarketd-bench-", dir=best)


def timed(command, **options):
    """Run COMMAND; return (exit status, wall seconds, peak RSS in KiB)."""
    start = time.monotonic()
    process = subprocess.Popen(command, **options)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, elapsed, usage.ru_maxrss


def main():
    # The children print to the same terminal, so each line goes out before the next child starts.
    sys.stdout.reconfigure(line_buffering=True)
    leads = int(os.environ.get("SMARKETD_BENCH_LEADS", "1000000"))
    strict = os.environ.get("SMARKETD_BENCH_STRICT") == "1"
    tally = harness.Tally("ingest")
    binary = harness.smarketd_binary()
    folder = work_folder()
    try:
        feed = os.path.join(folder, "leads.csv")
        summary = harness.generate_in_child(feed, "--leads", str(leads), "--seed", "7",
                                            "--repeat-rate", "0.1", "--reject-rate", "0.001")
        size_mib = os.path.getsize(feed) / (1 << 20)
        print(f"feed: {summary.rows} rows ({summary.distinct_emails} distinct emails, "
              f"{summary.repeats} repeats, {summary.rejected} rejected), {size_mib:.1f} MiB")

        config = harness.write_config(os.path.join(folder, "smarketd"))
        with open(os.path.join(folder, "import.log"), "wb") as log:
            status, smarketd_seconds, smarketd_rss = timed(
                [binary, "--config", config, "import", "--inbox", "web", feed],
                stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                env=dict(os.environ, SMARKETD_LOG="stderr"))
        tally.check(status == 0, "smarketd import exits 0", f"exit {status}")
        database = harness.database_path(os.path.join(folder, "smarketd"))
        lead_count = harness.query(database, "SELECT COUNT(*) FROM leads")[0][0]
        tally.check(lead_count == summary.distinct_emails, "one lead per distinct email",
                    f"{lead_count} leads for {summary.distinct_emails} emails")

        floor_database = os.path.join(folder, "floor.db")
        status, floor_seconds, _ = timed(
            ["sqlite3", floor_database, f".import --csv {feed} leads"],
            stdin=subprocess.DEVNULL)
        tally.check(status == 0, "sqlite3 .import exits 0", f"exit {status}")

        peer_database = os.path.join(folder, "peer.db")
        peer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer.py")
        status, peer_seconds, _ = timed([sys.executable, peer, feed, peer_database],
                                        stdin=subprocess.DEVNULL)
        tally.check(status == 0, "peer.py exits 0", f"exit {status}")

        copy = write_floor.copy_rows(database, os.path.join(folder, "write-floor.db"))
        tally.check(copy.derived_match, "the copy's triggers rebuild the same rep_load")

        print(f"\n{'tool':<22}{'wall s':>10}{'rows/s':>12}")
        for name, seconds in (("smarketd import", smarketd_seconds),
                              ("(a) sqlite3 .import", floor_seconds),
                              ("(b) peer.py", peer_seconds)):
            print(f"{name:<22}{seconds:>10.2f}{summary.rows / seconds:>12,.0f}")
        # The floor's rows are the stored rows it copied, not the feed's.
        print(f"{'write floor':<22}{copy.seconds:>10.2f}{copy.rows / copy.seconds:>12,.0f} stored rows/s")
        print(f"smarketd peak RSS: {smarketd_rss / 1024:.1f} MiB")
        floor_ratio = smarketd_seconds / floor_seconds
        peer_ratio = smarketd_seconds / peer_seconds
        for label, ratio, goal in (("smarketd/(a) sqlite3 .import", floor_ratio, 3.0),
                                   ("smarketd/(b) peer.py", peer_ratio, 0.5)):
            harness.report_goal(tally, strict, f"ratio {label}:", f"{ratio:.2f}x",
                                f"at most {goal}x", ratio <= goal)
        print(f"write floor: {copy.rows:,} rows of smarketd's tables copied in {copy.seconds:.2f} s")
        print("write floor by table: " + copy.by_table())
        for label, peer_time, goal in (("(a)", floor_seconds, 3.0), ("(b)", peer_seconds, 0.5)):
            allowed = peer_time * goal
            verdict = "within reach" if copy.seconds <= allowed else "out of reach for these rows"
            print(f"write floor/{label}: {copy.seconds / peer_time:.2f}x; the goal allows {allowed:.2f} s: "
                  f"{verdict}")
    finally:
        if os.environ.get("SMARKETD_BENCH_KEEP") == "1":
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
