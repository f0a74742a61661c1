#!/usr/bin/env python3
"""Benchmark pick-up latency: single-lead files renamed into a running daemon's inbox.

    bench/latency.py                       # 1,000 files
    SMARKETD_BENCH_FILES=200 bench/latency.py

Each file is written under a dot name, then renamed into the inbox; the clock runs
from just before rename(2) until inotify (through ctypes) reports the file arriving
in processed/. The next file is renamed in only after that. Prints p50, p99 and max
against the goals p50 < 2 ms and p99 < 5 ms; goals count as failures only with
SMARKETD_BENCH_STRICT=1.
"""

import ctypes
import ctypes.util
import os
import select
import shutil
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_CLOEXEC = 0o2000000
EVENT_HEADER = struct.Struct("iIII")


class ProcessedWatch:
    """An inotify watch on one folder that returns the names moved or created in it."""

    def __init__(self, folder):
        self.libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.descriptor = self.libc.inotify_init1(IN_CLOEXEC)
        if self.descriptor < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        watch = self.libc.inotify_add_watch(self.descriptor, folder.encode(),
                                            IN_MOVED_TO | IN_CREATE)
        if watch < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch failed on {folder}")

    def wait_for(self, name, timeout):
        """Block until NAME appears; return the monotonic time of the event, or None."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.descriptor], [], [], remaining)
            if not ready:
                return None
            data = os.read(self.descriptor, 65536)
            arrived = time.monotonic()
            offset = 0
            while offset < len(data):
                _, _, _, length = EVENT_HEADER.unpack_from(data, offset)
                start = offset + EVENT_HEADER.size
                event_name = data[start:start + length].rstrip(b"\0").decode()
                offset = start + length
                if event_name == name:
                    return arrived

    def close(self):
        os.close(self.descriptor)


def percentile(sorted_values, share):
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def main():
    count = int(os.environ.get("SMARKETD_BENCH_FILES", "1000"))
    strict = os.environ.get("SMARKETD_BENCH_STRICT") == "1"
    tally = harness.Tally("latency")
    folder = tempfile.mkdtemp(prefix="smarketd-latency-")
    daemon = None
    try:
        config = harness.write_config(folder)
        inbox = harness.inbox_path(folder)
        daemon = harness.Daemon(config, os.path.join(folder, "smarketd.log")).start()
        processed = os.path.join(inbox, "processed")
        harness.wait_until(lambda: os.path.isdir(processed), 10)
        watch = ProcessedWatch(processed)
        latencies = []
        missing = 0
        for number in range(count):
            name = f"lead-{number:05d}.csv"
            temporary = os.path.join(inbox, f".{name}.part")
            with open(temporary, "w", encoding="utf-8") as output:
                output.write("Email,First Name,Last Name,Company,Country\n"
                             f"latency.lead{number}@contoso.example,Anna,Novak,"
                             "Contoso GmbH,Germany\n")
            start = time.monotonic()
            os.rename(temporary, os.path.join(inbox, name))
            arrived = watch.wait_for(name, timeout=10)
            if arrived is None:
                missing += 1
                continue
            latencies.append((arrived - start) * 1000)
        watch.close()
        tally.check(missing == 0, f"all {count} files reach processed/",
                    f"{missing} did not within 10 s")
        if latencies:
            latencies.sort()
            p50, p99, worst = (percentile(latencies, 0.5), percentile(latencies, 0.99),
                               latencies[-1])
            print(f"files: {len(latencies)}")
            harness.report_goal(tally, strict, "p50", f"{p50:.2f} ms", "< 2 ms", p50 < 2)
            harness.report_goal(tally, strict, "p99", f"{p99:.2f} ms", "< 5 ms", p99 < 5)
            print(f"max {worst:.2f} ms")
        status = daemon.stop()
        tally.check(status == 0, "daemon exits 0 on SIGTERM", f"exit {status}")
    finally:
        if daemon:
            daemon.stop()
        shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
