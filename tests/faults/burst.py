#!/usr/bin/env python3
"""Fault test: a burst of files while the daemon is stopped overflows inotify; all are taken.

    tests/faults/burst.py                       # 20,000 files
    SMARKETD_FAULT_FILES=7000 tests/faults/burst.py

The daemon is paused with SIGSTOP, the files are written under dot names and renamed
into the inbox (about three inotify events each), so the kernel queue, which holds
/proc/sys/fs/inotify/max_queued_events events (16,384 by default), overflows. After
SIGCONT every file must reach processed/, each lead must be in the database, and the
log must contain the daemon's overflow message.
"""

import os
import shutil
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench"))
import harness  # noqa: E402

OVERFLOW_MESSAGE = "the inotify queue overflowed"


def main():
    count = int(os.environ.get("SMARKETD_FAULT_FILES", "20000"))
    with open("/proc/sys/fs/inotify/max_queued_events", encoding="ascii") as limit:
        queue_limit = int(limit.read())
    print(f"burst: {count} files, inotify queue limit {queue_limit} events")
    tally = harness.Tally("burst")
    folder = tempfile.mkdtemp(prefix="smarketd-burst-")
    config = harness.write_config(folder)
    inbox = harness.inbox_path(folder)
    daemon = harness.Daemon(config, os.path.join(folder, "smarketd.log")).start()
    try:
        daemon.kill(signal.SIGSTOP)
        for number in range(count):
            data = ("Email,First Name,Company,Country\n"
                    f"burst.lead{number}@fabrikam.example,Lea,Fabrikam AG,Austria\n").encode()
            harness.drop_file(data, inbox, f"burst-{number:05d}.csv")
        started = time.monotonic()
        daemon.kill(signal.SIGCONT)
        drained = harness.wait_until(lambda: not harness.visible_entries(inbox), 600, 0.2)
        seconds = time.monotonic() - started
        print(f"burst: inbox drained in {seconds:.1f} s ({count / seconds:.0f} files/s)")
        tally.check(drained, "every file left the inbox",
                    f"{len(harness.visible_entries(inbox))} still there")
        processed = [name for name in os.listdir(os.path.join(inbox, "processed"))
                     if name.startswith("burst-")]
        tally.check(len(processed) == count, f"{count} files in processed/",
                    f"{len(processed)} there")
        leads = harness.query(harness.database_path(folder), "SELECT COUNT(*) FROM leads")[0][0]
        tally.check(leads == count, f"{count} leads in the database", f"{leads} there")
        time.sleep(0.2)
        status = daemon.stop()
        tally.check(status == 0, "daemon exits 0 on SIGTERM", f"exit {status}")
        log = daemon.log_text()
        tally.check(OVERFLOW_MESSAGE in log, "the log contains the overflow message",
                    f"no '{OVERFLOW_MESSAGE}' in {daemon.log_path}")
    finally:
        daemon.kill(signal.SIGCONT)
        daemon.stop()
        if tally.failed:
            print(f"burst: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
