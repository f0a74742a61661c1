#!/usr/bin/env python3
"""Fault test: a full or read-only state folder keeps files in the inbox until it recovers.

    tests/faults/disk_full.py           (root only: it mounts a tmpfs)

The state folder is a 4 MiB tmpfs mounted inside this test's own temporary folder and
unmounted at the end, whatever happens. A filler file takes every free byte, then a
feed is dropped into the running daemon's inbox. It must stay in the inbox, the log
must name it with an error, the daemon must stay up, and after the filler is removed
the feed must reach processed/ with every lead.

read_only.py covers a database whose file system turns read-only under the daemon.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench"))
import harness  # noqa: E402
from generate import write_feed  # noqa: E402

RETRY_TIMEOUT = 180


def fill(folder):
    """Write zeros to FOLDER/filler until the file system is full; return the path."""
    path = os.path.join(folder, "filler")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (64 * 1024, 1):
            block = bytes(size)
            while True:
                try:
                    os.write(descriptor, block)
                except OSError:
                    break
    finally:
        os.close(descriptor)
    return path


def log_lines(daemon, name, start):
    """Return log lines after byte START that name NAME and carry priority 0-4."""
    text = daemon.log_text()[start:]
    return [line for line in text.splitlines()
            if name in line and line[:3] in ("<0>", "<1>", "<2>", "<3>", "<4>")]


def drop_and_expect_retry(tally, daemon, inbox, folder, name, label):
    """Drop a feed that must stay in the inbox; return its FeedSummary."""
    start = len(daemon.log_text())
    first_message = len(daemon.messages)
    source = os.path.join(folder, "." + name)
    summary = write_feed(source, kind="csv", leads=2000, seed=len(name), start=10_000 * len(name))
    os.rename(source, os.path.join(inbox, name))
    logged = harness.wait_until(lambda: log_lines(daemon, name, start), 15)
    lines = log_lines(daemon, name, start)
    print(f"  {label}: {lines[0][:240] if lines else '(no log line)'}")
    tally.check(bool(logged), f"{label}: the error is logged with the file name")
    try:
        daemon.wait_for_message(name, 15, after=first_message)
        in_status = any(message.startswith("STATUS=") or "\nSTATUS=" in message
                        for message in daemon.messages[first_message:] if name in message)
    except RuntimeError:
        in_status = False
    tally.check(in_status, f"{label}: STATUS names the file's error",
                f"no STATUS with {name} in {daemon.messages[first_message:][-3:]}")
    tally.check(os.path.exists(os.path.join(inbox, name)), f"{label}: the file stays in the inbox")
    tally.check(daemon.process.poll() is None, f"{label}: the daemon stays up",
                f"exit {daemon.process.returncode}")
    return summary


def expect_recovery(tally, inbox, database, name, summary, label, cause="space returns"):
    arrived = harness.wait_until(
        lambda: os.path.exists(os.path.join(inbox, "processed", name)), RETRY_TIMEOUT, 0.2)
    tally.check(arrived, f"{label}: the file is processed once {cause}",
                f"not in processed/ after {RETRY_TIMEOUT} s")
    emails = {row[0] for row in harness.query(database, "SELECT email FROM leads")}
    tally.check(summary.emails <= emails, f"{label}: every lead of the file is in the database",
                f"{len(summary.emails - emails)} missing")


def main():
    tally = harness.Tally("disk-full")
    if os.geteuid() != 0:
        print("disk-full: needs root to mount a tmpfs; skipped")
        tally.finish()
    folder = tempfile.mkdtemp(prefix="smarketd-diskfull-")
    config = harness.write_config(folder)
    state = harness.state_path(folder)
    inbox = harness.inbox_path(folder)
    database = harness.database_path(folder)
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", state], check=True)
    except subprocess.CalledProcessError as error:
        print(f"disk-full: cannot mount a tmpfs here ({error}); skipped")
        shutil.rmtree(folder, ignore_errors=True)
        tally.finish()
    daemon = None
    try:
        daemon = harness.Daemon(config, os.path.join(folder, "smarketd.log")).start()
        harness.drop_file(b"Email,First Name\nwarmup@contoso.example,Anna\n", inbox, "warmup.csv")
        tally.check(harness.wait_until(
            lambda: os.path.exists(os.path.join(inbox, "processed", "warmup.csv")), 10),
            "a file is processed before the fault")

        filler = fill(state)
        print(f"disk-full: filler takes {os.path.getsize(filler)} bytes")
        summary = drop_and_expect_retry(tally, daemon, inbox, folder, "full.csv", "disk full")
        os.unlink(filler)
        expect_recovery(tally, inbox, database, "full.csv", summary, "disk full")


        time.sleep(0.2)
        status = daemon.stop()
        tally.check(status == 0, "daemon exits 0 on SIGTERM", f"exit {status}")
    except Exception as error:  # noqa: BLE001 - any harness error is one failed check
        tally.check(False, "test ran to the end", repr(error))
    finally:
        if daemon:
            daemon.stop()
        subprocess.run(["umount", state], check=False)
        if tally.failed:
            kept = os.path.join(folder, "smarketd.log")
            print(f"disk-full: kept {folder} (log: {kept})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
